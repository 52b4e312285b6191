package org.s3gd.bench;

import java.util.List;
import java.util.Locale;

/** The recurrent-layer section of the benchmark reports (ALGORITHM.md §7), beside the feed-forward layer. */
final class RecurrentSection {
    private RecurrentSection() {
    }

    static String markdown(List<LayerRow> rows, BenchConfig config) {
        StringBuilder md = new StringBuilder("### Recurrent layer (ALGORITHM.md §7)\n\n");
        LayerShape shape = rows.get(0).timing().shape();
        md.append(String.format(Locale.ROOT, "SHD's first-layer shape (T = %d, %d → %d), b_th = 0.8, B = %d; the recurrent "
            + "layer adds V (%d × %d) to the same layer. Each is calibrated to %.2f %% activity; its input gradient goes "
            + "to an active set drawn at that activity. The dense recurrent forward and backward run one "
            + "B × N × N matmul per step, as a dense PyTorch loop would. Times in ms, median [quartiles].%n%n",
            shape.steps(), shape.inputs(), shape.neurons(), config.batch(), shape.neurons(), shape.neurons(),
            100 * config.targetActivity()));
        md.append("| layer | activity | forward dense | forward sparse | backward dense | backward sparse | backward × "
            + "| overall × | kept dense → sparse (MiB) | memory reduction |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (LayerRow r : rows) {
            LayerTiming.Result t = r.timing();
            md.append(String.format(Locale.ROOT, "| %s | %.2f %% | %s | %s | %s | %s | %.1f | %.1f | %s → %s | %.2f %% |%n",
                t.shape().recurrent() ? "recurrent (rlif)" : "feed-forward (lif)", 100 * t.activity(), t.denseForward(),
                t.sparseForward(), t.denseBackward(), t.sparseBackward(), t.backwardSpeedup(), t.overallSpeedup(),
                BenchMarkdown.mib(t.denseBytes()), BenchMarkdown.mib(t.sparseBytes()), t.memoryReductionPercent()));
        }
        md.append("\nThe backward passes stage by stage (ms, median). For the recurrent layer the first stage includes "
            + "the recurrence (dense: ε with ε·Vᵀ per step; sparse: the memoised walk of R at the active entries) and "
            + "∇W includes ∇V:\n\n");
        md.append("| layer | dense ε | dense ∇W | dense ∂L/∂X | sparse surrogate | sparse ∇W | sparse ∂L/∂x |\n"
            + "|---|---|---|---|---|---|---|\n");
        for (LayerRow r : rows) {
            LayerTiming.Stages st = r.timing().stages();
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                r.timing().shape().recurrent() ? "recurrent" : "feed-forward", st.denseEpsilon().median(),
                st.denseWeightGradient().median(), st.denseSpikeGradient().median(), st.sparseSurrogate().median(),
                st.sparseWeightGradient().median(), st.sparseSpikeGradient().median()));
        }
        md.append(BenchMarkdown.warmup(rows));
        md.append("\nInput: ").append(rows.get(0).source()).append("\n\n");
        md.append("| target | required | measured | verdict | numbers |\n|---|---|---|---|---|\n");
        for (Targets.Check c : Targets.checkRecurrent(rows)) {
            md.append(String.format(Locale.ROOT, "| %s | ≥ %.0f %s | %s | %s | %s |%n", c.target(), c.required(), c.unit(),
                Double.isNaN(c.measured()) ? "–" : BenchMarkdown.fmt("%.1f %s", c.measured(), c.unit()), c.verdict(),
                c.detail()));
        }
        return md.append('\n').toString();
    }
}
