package org.s3gd.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.s3gd.io.AtomicFile;
import tools.jackson.databind.JsonNode;

/**
 * The results of a sweep: one row per trial (its {@link TrialMetrics}) and one per grid point
 * (mean and sample standard deviation over its finished seeds), written as {@value #CSV} and as
 * the Markdown table {@value #MARKDOWN}. Both are rewritten whole, atomically, at every collect.
 */
public record SweepSummary(SweepFolder sweep, List<TrialRow> trials, List<PointRow> points) {
    public static final String CSV = "summary.csv";
    public static final String MARKDOWN = "summary.md";

    /** A trial, its state and its metrics (empty before its first epoch). */
    public record TrialRow(Trial trial, TrialState state, Map<String, Double> metrics) {
    }

    /**
     * A grid point: mean and standard deviation (over seeds, n − 1) of each metric over its
     * finished trials; the deviation is NaN with fewer than two.
     */
    public record PointRow(int point, Map<String, JsonNode> values, List<TrialRow> trials, int finished,
                           Map<String, Double> mean, Map<String, Double> std) {
        public String label() {
            return Trial.pointLabel(values);
        }
    }

    /** Reads every trial's folder. */
    public static SweepSummary of(SweepFolder sweep) {
        List<TrialRow> trials = new ArrayList<>();
        List<TrialState> states = sweep.states();
        for (Trial trial : sweep.plan().trials()) {
            trials.add(new TrialRow(trial, states.get(trial.index()), TrialMetrics.of(sweep.trialFolder(trial))));
        }
        List<PointRow> points = new ArrayList<>();
        for (int p = 0; p < sweep.plan().points(); p++) {
            int point = p;
            List<TrialRow> of = trials.stream().filter(t -> t.trial().point() == point).toList();
            List<TrialRow> finished = of.stream().filter(t -> t.state().finished()).toList();
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, Double> std = new LinkedHashMap<>();
            for (String metric : TrialMetrics.NAMES) {
                double[] values = finished.stream().mapToDouble(t -> t.metrics().getOrDefault(metric, Double.NaN)).toArray();
                double m = TrialMetrics.mean(values);
                double squares = 0;
                for (double v : values) {
                    squares += (v - m) * (v - m);
                }
                mean.put(metric, m);
                std.put(metric, values.length < 2 ? Double.NaN : Math.sqrt(squares / (values.length - 1)));
            }
            points.add(new PointRow(point, of.get(0).trial().values(), of, finished.size(), mean, std));
        }
        return new SweepSummary(sweep, trials, points);
    }

    /** Whether every trial has finished. */
    public boolean complete() {
        return trials.stream().allMatch(t -> t.state().finished());
    }

    /** Writes {@value #CSV} and {@value #MARKDOWN} into the sweep's folder. */
    public void write() {
        write(sweep.folder().resolve(CSV), csv());
        write(sweep.folder().resolve(MARKDOWN), markdown());
    }

    private static void write(Path file, String text) {
        try {
            AtomicFile.writeString(file, text);
        } catch (IOException e) {
            throw new SweepException(file + ": cannot write: " + AtomicFile.reason(e), e);
        }
    }

    /**
     * {@code kind,name,<axes>,seed,state,finished,<metric>…,<metric>_std…}: a {@code trial} row per
     * trial, then a {@code point} row per grid point (no seed; how many trials finished).
     */
    public String csv() {
        List<String> axes = axes();
        StringBuilder csv = new StringBuilder("kind,name");
        for (String axis : axes) {
            csv.append(',').append(axis);
        }
        csv.append(",seed,state,finished");
        for (String metric : TrialMetrics.NAMES) {
            csv.append(',').append(metric);
        }
        for (String metric : TrialMetrics.NAMES) {
            csv.append(',').append(metric).append("_std");
        }
        csv.append('\n');
        for (TrialRow row : trials) {
            csv.append("trial,").append(cell(row.trial().name()));
            for (String axis : axes) {
                csv.append(',').append(cell(Trial.text(row.trial().values().get(axis))));
            }
            csv.append(',').append(row.trial().seed()).append(',').append(cell(row.state().describe()))
                .append(',').append(row.state().finished() ? 1 : 0);
            for (String metric : TrialMetrics.NAMES) {
                csv.append(',').append(number(row.metrics().getOrDefault(metric, Double.NaN)));
            }
            csv.append(",".repeat(TrialMetrics.NAMES.size())).append('\n');
        }
        for (PointRow row : points) {
            csv.append("point,").append(cell(row.label()));
            for (String axis : axes) {
                csv.append(',').append(cell(Trial.text(row.values().get(axis))));
            }
            csv.append(",,").append(row.finished() == row.trials().size() ? "finished" : "incomplete")
                .append(',').append(row.finished());
            for (String metric : TrialMetrics.NAMES) {
                csv.append(',').append(number(row.mean().get(metric)));
            }
            for (String metric : TrialMetrics.NAMES) {
                csv.append(',').append(number(row.std().get(metric)));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** One row per grid point: its values, seeds finished, and mean ± std of the main metrics. */
    public String markdown() {
        List<String> axes = axes();
        StringBuilder md = new StringBuilder();
        md.append("| ");
        for (String axis : axes) {
            md.append(axis).append(" | ");
        }
        md.append("seeds | test accuracy % | validation accuracy % | epochs | train s | active % | forward ms | backward ms |\n|");
        md.append("---|".repeat(axes.size() + 8)).append('\n');
        for (PointRow row : points) {
            md.append("| ");
            for (String axis : axes) {
                md.append(Trial.text(row.values().get(axis))).append(" | ");
            }
            md.append(row.finished()).append(row.finished() == row.trials().size() ? "" : " of " + row.trials().size())
                .append(" | ").append(plusMinus(row, "test_accuracy", 100, "%.2f"))
                .append(" | ").append(plusMinus(row, "validation_accuracy", 100, "%.2f"))
                .append(" | ").append(plusMinus(row, "epochs", 1, "%.0f"))
                .append(" | ").append(plusMinus(row, "train_seconds", 1, "%.1f"))
                .append(" | ").append(plusMinus(row, "active_pct", 1, "%.2f"))
                .append(" | ").append(plusMinus(row, "forward_ms", 1, "%.2f"))
                .append(" | ").append(plusMinus(row, "backward_ms", 1, "%.2f")).append(" |\n");
        }
        return md.toString();
    }

    private static String plusMinus(PointRow row, String metric, double scale, String format) {
        double mean = row.mean().get(metric);
        double std = row.std().get(metric);
        if (Double.isNaN(mean)) {
            return "–";
        }
        String text = String.format(Locale.ROOT, format, scale * mean);
        return Double.isNaN(std) ? text : text + " ± " + String.format(Locale.ROOT, format, scale * std);
    }

    private List<String> axes() {
        return sweep.plan().spec().axes().stream().map(SweepSpec.Axis::field).toList();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }

    /** A CSV cell, quoted when it holds a comma or a quote. */
    private static String cell(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
