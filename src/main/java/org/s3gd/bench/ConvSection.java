package org.s3gd.bench;

import java.util.List;
import java.util.Locale;

/** The convolutional-layer section of the benchmark reports (ALGORITHM.md §8): the figure the paper could not give. */
final class ConvSection {
    /** The targets: sparse backward at least this many times faster than dense … */
    static final double BACKWARD_TARGET = 10;
    /** … and at least this share of the dense method's kept bytes saved. */
    static final double MEMORY_TARGET_PERCENT = 90;

    private ConvSection() {
    }

    static String markdown(List<ConvRow> rows, BenchConfig config) {
        StringBuilder md = new StringBuilder("### Convolutional layer (ALGORITHM.md §8)\n\n");
        md.append(String.format(Locale.ROOT, "One convolutional LIF layer on a batch of the data's images, b_th = 0.8, its "
            + "kernel calibrated to %.2f %% activity (or to the peak of its activity, where that lies below: a layer's "
            + "activity rises with the gain, then falls as its neurons saturate); its input gradient goes to an active set drawn at that activity, so "
            + "the backward computes ∇K and ∂L/∂x. Dense: im2col and the vectorised GEMM kernel over the whole history, "
            + "samples over the threads; sparse: the event-driven forward and the active-set backward. Times in ms, median "
            + "[quartiles]; kept bytes are what the backward keeps from the forward.%n%n", 100 * config.targetActivity()));
        md.append("| data | layer | B × T | input rate | activity | forward dense | forward sparse | backward dense | "
            + "backward sparse | backward × | overall × | kept dense → sparse (MiB) | memory reduction |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ConvRow r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d × %d | %.2f %% | %.2f %% | %s | %s | %s | %s | %.1f | %.1f | "
                    + "%s → %s | %.1f %% |%n", r.dataset(), r.layer(), r.batch(), r.steps(), 100 * r.inputRate(),
                100 * r.activity(), r.denseForward(), r.sparseForward(), r.denseBackward(), r.sparseBackward(),
                r.backwardSpeedup(), r.overallSpeedup(), BenchMarkdown.mib(r.denseBytes()), BenchMarkdown.mib(r.sparseBytes()),
                r.memoryReductionPercent()));
        }
        md.append("\nInput: ");
        md.append(String.join("; ", rows.stream().map(r -> r.dataset() + " " + r.source()).toList())).append("\n\n");
        md.append("| target | required | measured | verdict |\n|---|---|---|---|\n");
        for (ConvRow r : rows) {
            md.append(String.format(Locale.ROOT, "| conv backward speedup, %s | ≥ %.0f × | %.1f × | %s |%n", r.dataset(),
                BACKWARD_TARGET, r.backwardSpeedup(), r.backwardSpeedup() >= BACKWARD_TARGET ? "met" : "missed"));
            md.append(String.format(Locale.ROOT, "| conv kept bytes, %s | ≥ %.0f %% less | %.1f %% less | %s |%n",
                r.dataset(), MEMORY_TARGET_PERCENT, r.memoryReductionPercent(),
                r.memoryReductionPercent() >= MEMORY_TARGET_PERCENT ? "met" : "missed"));
        }
        return md.append('\n').toString();
    }
}
