package org.s3gd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The project's targets for the layer experiment, checked against a run's measurements. */
public final class Targets {
    /**
     * One target.
     *
     * @param measured the measured value, NaN where the experiment did not run
     * @param detail   the numbers behind the value
     */
    public record Check(String target, double required, double measured, String unit, String detail) {
        public boolean met() {
            return measured >= required;
        }

        public String verdict() {
            return Double.isNaN(measured) ? "not measured" : met() ? "met" : "missed";
        }
    }

    private Targets() {
    }

    public static List<Check> check(List<LayerRow> layers) {
        List<Check> checks = new ArrayList<>();
        checks.add(of(layers, "SHD", "backward speedup, SHD shape", 100, "×", r -> r.timing().backwardSpeedup(),
            r -> String.format(Locale.ROOT, "dense %.2f ms / sparse %.3f ms", r.timing().denseBackward().median(),
                r.timing().sparseBackward().median())));
        checks.add(of(layers, "F-MNIST", "backward speedup, F-MNIST shape", 20, "×", r -> r.timing().backwardSpeedup(),
            r -> String.format(Locale.ROOT, "dense %.2f ms / sparse %.3f ms", r.timing().denseBackward().median(),
                r.timing().sparseBackward().median())));
        for (String dataset : List.of("F-MNIST", "N-MNIST", "SHD")) {
            checks.add(of(layers, dataset, "backward memory reduction, " + dataset + " shape", 95, "%",
                r -> r.timing().memoryReductionPercent(), r -> String.format(Locale.ROOT, "kept %s → %s MiB",
                    BenchMarkdown.mib(r.timing().denseBytes()), BenchMarkdown.mib(r.timing().sparseBytes()))));
        }
        checks.add(of(layers, "SHD", "overall (forward + backward) speedup, SHD shape", 20, "×",
            r -> r.timing().overallSpeedup(), r -> String.format(Locale.ROOT, "dense %.2f + %.2f ms / sparse %.3f + %.3f ms",
                r.timing().denseForward().median(), r.timing().denseBackward().median(),
                r.timing().sparseForward().median(), r.timing().sparseBackward().median())));
        return checks;
    }

    /** The recurrent layer's targets (ALGORITHM.md §7): at SHD's shape, sparse backward ≥ 15× dense, kept bytes −95 %. */
    public static List<Check> checkRecurrent(List<LayerRow> rows) {
        String layer = "SHD recurrent";
        return List.of(
            of(rows, layer, "recurrent backward speedup, SHD 700 → 200", 15, "×", r -> r.timing().backwardSpeedup(),
                r -> String.format(Locale.ROOT, "dense %.2f ms / sparse %.3f ms", r.timing().denseBackward().median(),
                    r.timing().sparseBackward().median())),
            of(rows, layer, "recurrent backward memory reduction, SHD 700 → 200", 95, "%",
                r -> r.timing().memoryReductionPercent(), r -> String.format(Locale.ROOT, "kept %s → %s MiB",
                    BenchMarkdown.mib(r.timing().denseBytes()), BenchMarkdown.mib(r.timing().sparseBytes()))));
    }

    private static Check of(List<LayerRow> layers, String dataset, String target, double required, String unit,
                            ToDoubleFunction<LayerRow> value, java.util.function.Function<LayerRow, String> detail) {
        Optional<LayerRow> row = layers.stream().filter(r -> r.dataset().equals(dataset)).findFirst();
        return new Check(target, required, row.map(value::applyAsDouble).orElse(Double.NaN), unit,
            row.map(detail).orElse(""));
    }
}
