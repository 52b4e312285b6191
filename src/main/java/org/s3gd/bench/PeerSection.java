package org.s3gd.bench;

import java.util.List;
import java.util.Locale;

/** The PyTorch comparison and the floor of the sparse step, for the benchmark reports. */
final class PeerSection {
    private PeerSection() {
    }

    static String markdown(List<PeerRow> rows, BenchConfig config) {
        StringBuilder md = new StringBuilder("### Whole training step against PyTorch\n\n");
        md.append(String.format(Locale.ROOT, "One training step (forward with the loss, backward, Adam) of each data set's "
            + "preset network on a fixed batch (B = %d, Poisson input at the data set's rate), %d threads. The PyTorch peer "
            + "(`pytorch_peer.py`) is the same network as an snnTorch or Norse user writes it: a time loop over "
            + "`unbind`, a surrogate spike function, autograd for dense BPTT, `torch.optim.Adam`; it runs in the "
            + "faster of two thread settings (PyTorch's threads with a one-thread BLAS, or the reverse). Each side "
            + "runs in a process of its own, s3gd with a heap sized from the run's memory estimate; peak memory is the "
            + "process's peak resident set. Medians; ms.%n%n", config.batch(), config.threads()));
        md.append("| network | s3gd sparse | sparse, 1 thread | s3gd dense | PyTorch | PyTorch / sparse | PyTorch / dense "
            + "| peak RSS sparse | peak RSS dense | peak RSS PyTorch | PyTorch / sparse RSS |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PeerRow r : rows) {
            md.append(String.format(Locale.ROOT, "| %s %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.dataset(),
                r.hidden(), ms(r.sparse()), ms(r.sparseOneThread()), ms(r.dense()), ms(r.pytorch()),
                ratio(r.pytorch(), r.sparse(), r.pytorch().stepMs() / r.sparse().stepMs()),
                ratio(r.pytorch(), r.dense(), r.pytorch().stepMs() / r.dense().stepMs()), rss(r.sparse()), rss(r.dense()),
                rss(r.pytorch()), ratio(r.pytorch(), r.sparse(), r.memoryRatio())));
        }
        md.append('\n');
        for (PeerRow r : rows) {
            for (PeerProcesses.Measured m : List.of(r.sparse(), r.dense(), r.pytorch())) {
                if (!m.available() && !m.unavailable().startsWith("not measured")) {
                    md.append("* ").append(r.dataset()).append(' ').append(r.hidden()).append(": ").append(m.unavailable())
                        .append('\n');
                }
            }
        }
        PeerRow first = rows.get(0);
        if (first.pytorch().available()) {
            md.append("\nPyTorch setting: ").append(first.pytorch().setting()).append(".\n");
        }
        md.append("\n#### The floor of the sparse step\n\nThe work of one step counted phase by phase and turned into "
            + "time at the rates this machine's kernels reach on one thread, divided among the threads (see `WorkFloor`): "
            + "what the step would take if nothing but its arithmetic cost anything.\n\n");
        for (PeerRow r : rows) {
            if (r.floor().isEmpty()) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "**%s %s** — measured %.2f ms, floor %.2f ms, measured / floor %.1f%n%n",
                r.dataset(), r.hidden(), r.measuredMs(), r.floorMs(), r.measuredMs() / r.floorMs()));
            md.append("| phase | work | floor (ms) | measured (ms) | measured / floor |\n|---|---|---|---|---|\n");
            for (WorkFloor.Phase p : r.floor()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %s |%n", p.name(), p.work(), p.floorMs(),
                    p.measuredMs(), p.floorMs() > 0 ? String.format(Locale.ROOT, "%.1f", p.ratio()) : "–"));
            }
            md.append('\n');
        }
        md.append("| target | required | measured | verdict |\n|---|---|---|---|\n");
        for (PeerRow r : rows) {
            boolean big = r.hidden().get(0) != config.neurons();
            if (!big && r.sparse().available() && r.pytorch().available()) {
                target(md, "whole step vs PyTorch, " + r.dataset(), "≥ 60 ×", r.sparseSpeedup(), 60, "×");
            }
            if (!big && !r.floor().isEmpty() && r.dataset().equals("F-MNIST")) {
                double ratio = r.measuredMs() / r.floorMs();
                md.append(String.format(Locale.ROOT, "| whole step within 1.5× of its floor, F-MNIST | ≤ 1.5 | %.1f | %s |%n",
                    ratio, ratio <= 1.5 ? "met" : "missed"));
            }
            if (!big && r.dataset().equals("F-MNIST") && !Double.isNaN(r.threadSpeedup())) {
                double required = 0.9 * config.threads();
                md.append(String.format(Locale.ROOT, "| whole step, %d threads against one, F-MNIST | ≥ %.1f × | %.2f × | %s |%n",
                    config.threads(), required, r.threadSpeedup(), r.threadSpeedup() >= required ? "met" : "missed"));
            }
            if (r.sparse().available() && r.pytorch().available() && (big || r.dataset().equals("F-MNIST"))) {
                double required = big ? 10 : 1;
                target(md, "peak RSS below PyTorch's, " + r.dataset() + " " + r.hidden(), big ? "≥ 10 × below" : "below",
                    r.memoryRatio(), required, "×");
            }
        }
        return md.append('\n').toString();
    }

    private static void target(StringBuilder md, String name, String required, double measured, double bound, String unit) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %.1f %s | %s |%n", name, required, measured, unit,
            measured >= bound ? (bound == 1 && measured == 1 ? "missed" : "met") : "missed"));
    }

    private static String ms(PeerProcesses.Measured m) {
        return m.available() ? String.format(Locale.ROOT, "%.2f", m.stepMs()) : "–";
    }

    private static String rss(PeerProcesses.Measured m) {
        return m.available() && m.peakRssBytes() > 0 ? BenchMarkdown.mib(m.peakRssBytes()) + " MiB" : "–";
    }

    private static String ratio(PeerProcesses.Measured a, PeerProcesses.Measured b, double value) {
        return a.available() && b.available() ? String.format(Locale.ROOT, "%.1f", value) : "–";
    }
}
