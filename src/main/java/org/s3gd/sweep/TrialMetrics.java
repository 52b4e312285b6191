package org.s3gd.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.s3gd.train.output.CsvTable;
import org.s3gd.train.output.MetricsCsv;

/**
 * What a summary reports of a trial, read from its {@code epochs.csv}: the last epoch's accuracies,
 * losses and activity, and the time per batch and in all.
 */
public final class TrialMetrics {
    /** The metrics, in the summary's order. */
    public static final List<String> NAMES = List.of("epochs", "test_accuracy", "validation_accuracy", "train_accuracy",
        "loss", "test_loss", "active_pct", "forward_ms", "backward_ms", "train_seconds");
    /** The metrics that do not depend on the machine or its load: the same seeds give the same values. */
    public static final List<String> REPEATABLE = List.of("epochs", "test_accuracy", "validation_accuracy", "train_accuracy",
        "loss", "test_loss", "active_pct");

    private TrialMetrics() {
    }

    /** The metrics of the run in {@code folder}; empty when it has finished no epoch. */
    public static Map<String, Double> of(Path folder) {
        Path file = folder.resolve(MetricsCsv.EPOCHS);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return metrics;
        }
        CsvTable table;
        try {
            table = CsvTable.read(file);
        } catch (IOException | NumberFormatException e) {
            throw new SweepException(file + ": cannot read the metrics: " + e.getMessage(), e);
        }
        int rows = table.rows();
        if (rows == 0) {
            return metrics;
        }
        int last = rows - 1;
        metrics.put("epochs", (double) rows);
        metrics.put("test_accuracy", table.column("test_accuracy")[last]);
        metrics.put("validation_accuracy", table.column("validation_accuracy")[last]);
        metrics.put("train_accuracy", table.column("train_accuracy")[last]);
        metrics.put("loss", table.column("loss")[last]);
        metrics.put("test_loss", table.column("test_loss")[last]);
        double active = 0;
        int layers = 0;
        for (int l = 1; table.has("active_pct_" + l); l++) {
            active += table.column("active_pct_" + l)[last];
            layers++;
        }
        metrics.put("active_pct", layers == 0 ? Double.NaN : active / layers);
        metrics.put("forward_ms", mean(table.column("forward_ms")));
        metrics.put("backward_ms", mean(table.column("backward_ms")));
        double seconds = 0;
        for (double s : table.column("train_seconds")) {
            seconds += s;
        }
        metrics.put("train_seconds", seconds);
        return metrics;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }
}
