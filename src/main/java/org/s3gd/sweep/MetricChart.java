package org.s3gd.sweep;

import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.s3gd.train.MemoryEstimate;
import org.s3gd.train.output.LogAxes;
import tools.jackson.databind.JsonNode;

/**
 * A metric of a sweep's summary against one of its axes: mean ± std over seeds, one line (or
 * group of bars) per combination of the other axes' values. The axes follow the project's other
 * plots: B_th on a log axis of B_th = 1 − b_th, as the benchmark's threshold plots (b_th = 0.99
 * and 0.999 stand apart there instead of at the edge of a linear axis), any numeric axis or time
 * spanning a decade on a log axis, and accuracies with the dashed chance level of the runs' plots.
 */
final class MetricChart {
    /** The configuration field of B_th. */
    static final String THRESHOLD = "backpropThreshold";

    private static final DecimalFormat PERCENT = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT));

    private MetricChart() {
    }

    /**
     * The chart of {@code metric} against {@code axis}: lines against a numeric axis, bars against
     * one of other values (layers, methods, data sets).
     *
     * @throws SweepException naming the metric or axis when the sweep has no such one
     */
    static Chart<?, ?> of(SweepSummary summary, String metric, String axis) {
        List<SweepSpec.Axis> axes = summary.sweep().plan().spec().axes();
        SweepSpec.Axis along = axes.stream().filter(a -> a.field().equals(axis)).findFirst().orElseThrow(() ->
            new SweepException("no axis '" + axis + "' in this sweep; its axes: "
                + (axes.isEmpty() ? "none" : String.join(", ", axes.stream().map(SweepSpec.Axis::field).toList()))));
        if (!TrialMetrics.NAMES.contains(metric)) {
            throw new SweepException("no metric '" + metric + "'; the metrics: " + String.join(", ", TrialMetrics.NAMES));
        }
        // One series per combination of the other axes' values.
        Map<String, List<SweepSummary.PointRow>> series = new LinkedHashMap<>();
        for (SweepSummary.PointRow row : summary.points()) {
            StringBuilder others = new StringBuilder();
            row.values().forEach((field, value) -> {
                if (!field.equals(axis)) {
                    others.append(others.isEmpty() ? "" : ", ").append(field).append(' ').append(Trial.text(value));
                }
            });
            series.computeIfAbsent(others.isEmpty() ? metric.replace('_', ' ') : others.toString(), k -> new ArrayList<>())
                .add(row);
        }
        boolean numeric = along.values().stream().allMatch(JsonNode::isNumber);
        return numeric ? lines(metric, along, series) : bars(metric, along, series);
    }

    private static XYChart lines(String metric, SweepSpec.Axis along, Map<String, List<SweepSummary.PointRow>> series) {
        String axis = along.field();
        double scale = accuracy(metric) ? 100 : 1;
        Map<String, List<SweepSummary.PointRow>> drawn = new LinkedHashMap<>();
        List<Double> means = new ArrayList<>();
        List<Double> ends = new ArrayList<>();
        series.forEach((name, rows) -> {
            List<SweepSummary.PointRow> sorted = new ArrayList<>(rows);
            sorted.removeIf(r -> Double.isNaN(r.mean().get(metric)));
            sorted.sort(Comparator.comparingDouble(r -> r.values().get(axis).asDouble()));
            if (!sorted.isEmpty()) {
                drawn.put(name, sorted);
            }
            for (SweepSummary.PointRow r : sorted) {
                means.add(scale * r.mean().get(metric));
                ends.add(scale * (r.mean().get(metric) + spread(r, metric)));
                ends.add(scale * (r.mean().get(metric) - spread(r, metric)));
            }
        });
        List<Double> values = along.values().stream().map(JsonNode::asDouble).toList();
        boolean threshold = axis.equals(THRESHOLD);
        boolean logX = threshold || spansADecade(values);
        boolean logY = !accuracy(metric) && spansADecade(means);
        String xTitle = threshold ? LogAxes.thresholdTitle(along.values().stream().map(JsonNode::decimalValue).toList())
            : logX ? axis + " (log scale)" : axis;
        XYChart xy = new XYChartBuilder().width(800).height(500).title(title(metric, axis)).xAxisTitle(xTitle)
            .yAxisTitle(yTitle(metric, logY)).build();
        xy.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        if (logX) {
            logX(xy, values);
        } else {
            xy.getStyler().setXAxisDecimalPattern("0.###");
        }
        if (logY) {
            LogAxes.y(xy, means, ends);
        }
        int colour = 0;
        for (Map.Entry<String, List<SweepSummary.PointRow>> line : drawn.entrySet()) {
            List<SweepSummary.PointRow> rows = line.getValue();
            double[] x = rows.stream().mapToDouble(r -> r.values().get(axis).asDouble()).toArray();
            double[] y = rows.stream().mapToDouble(r -> scale * r.mean().get(metric)).toArray();
            double[] error = rows.stream().mapToDouble(r -> scale * spread(r, metric)).toArray();
            XYSeries s = xy.addSeries(line.getKey(), x, y, error);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(SeriesLines.SOLID);
            s.setLineColor(SweepPlots.PALETTE[colour % SweepPlots.PALETTE.length]);
            s.setMarkerColor(SweepPlots.PALETTE[colour % SweepPlots.PALETTE.length]);
            colour++;
        }
        if (accuracy(metric)) {
            chanceLines(xy, axis, series);
        }
        return xy;
    }

    private static CategoryChart bars(String metric, SweepSpec.Axis along, Map<String, List<SweepSummary.PointRow>> series) {
        double scale = accuracy(metric) ? 100 : 1;
        String title = title(metric, along.field());
        Set<Double> chance = new LinkedHashSet<>();
        if (accuracy(metric)) {
            series.values().forEach(rows -> rows.forEach(r -> chance.add(chance(r))));
            title += " (dashed: chance, "
                + chance.stream().map(c -> PERCENT.format(c) + " %").collect(Collectors.joining(" and ")) + ")";
        }
        CategoryChart bars = new CategoryChartBuilder().width(800).height(500).title(title).xAxisTitle(along.field())
            .yAxisTitle(yTitle(metric, false)).build();
        bars.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        for (Map.Entry<String, List<SweepSummary.PointRow>> line : series.entrySet()) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> error = new ArrayList<>();
            for (SweepSummary.PointRow r : line.getValue()) {
                x.add(Trial.text(r.values().get(along.field())));
                double mean = r.mean().get(metric);
                y.add(Double.isNaN(mean) ? 0 : scale * mean);
                error.add(scale * spread(r, metric));
            }
            bars.addSeries(line.getKey(), x, y, error);
        }
        // Lines across the plot, named in the title: a line series would take a bar's place in every group.
        bars.getStyler().setAnnotationLineColor(Color.GRAY).setAnnotationLineStroke(SeriesLines.DASH_DASH);
        chance.forEach(level -> bars.addAnnotation(new AnnotationLine(level, false, false)));
        return bars;
    }

    /**
     * A log x axis labelled at its decades only (XChart would print 0.002 … 0.009 on top of each
     * other), widened to the decades around the values where they hold fewer than two.
     */
    private static void logX(XYChart chart, List<Double> values) {
        double smallest = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double largest = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        chart.getStyler().setXAxisLogarithmic(true);
        long decades = (long) Math.floor(Math.log10(largest) + 1e-9) - (long) Math.ceil(Math.log10(smallest) - 1e-9) + 1;
        if (decades < 2) {
            double below = Math.pow(10, Math.floor(Math.log10(smallest) + 1e-9));
            double above = Math.max(10 * below, Math.pow(10, Math.ceil(Math.log10(largest) - 1e-9)));
            chart.getStyler().setXAxisMin(below).setXAxisMax(above);
        }
    }

    /**
     * The dashed chance level, 100 / classes % of each point's data set, as the runs' accuracy
     * plots draw it: across the axis, or through the points where an axis changes the classes
     * ({@code synthetic.classes}, {@code dataset}).
     */
    private static void chanceLines(XYChart chart, String axis, Map<String, List<SweepSummary.PointRow>> series) {
        List<Double> values = series.values().stream().flatMap(List::stream).map(r -> r.values().get(axis).asDouble()).toList();
        double from = chart.getStyler().getXAxisMin() != null ? chart.getStyler().getXAxisMin() : Collections.min(values);
        double to = chart.getStyler().getXAxisMax() != null ? chart.getStyler().getXAxisMax() : Collections.max(values);
        Map<List<List<Double>>, String> lines = new LinkedHashMap<>();
        for (Map.Entry<String, List<SweepSummary.PointRow>> line : series.entrySet()) {
            List<SweepSummary.PointRow> rows = new ArrayList<>(line.getValue());
            rows.sort(Comparator.comparingDouble(r -> r.values().get(axis).asDouble()));
            List<Double> levels = rows.stream().map(MetricChart::chance).distinct().toList();
            List<List<Double>> points = levels.size() == 1 ? List.of(List.of(from, levels.get(0)), List.of(to, levels.get(0)))
                : rows.stream().map(r -> List.of(r.values().get(axis).asDouble(), chance(r))).toList();
            String name = levels.size() == 1 ? "chance (" + PERCENT.format(levels.get(0)) + " %)" : "chance (100 / classes %)";
            if (!lines.containsKey(points)) {
                lines.put(points, lines.containsValue(name) ? name + ", " + line.getKey() : name);
            }
        }
        lines.forEach((points, name) -> {
            XYSeries dashed = chart.addSeries(name, points.stream().map(p -> p.get(0)).toList(),
                points.stream().map(p -> p.get(1)).toList());
            dashed.setMarker(SeriesMarkers.NONE);
            dashed.setLineStyle(SeriesLines.DASH_DASH);
            dashed.setLineColor(Color.GRAY);
        });
    }

    /** 100 / classes %, the classes of the point's data set (known from its configuration without reading it). */
    private static double chance(SweepSummary.PointRow row) {
        return 100.0 / MemoryEstimate.classesOf(row.trials().get(0).trial().config());
    }

    private static boolean accuracy(String metric) {
        return metric.endsWith("accuracy");
    }

    private static String title(String metric, String axis) {
        return metric.replace('_', ' ') + " against " + axis;
    }

    private static String yTitle(String metric, boolean log) {
        return metric.replace('_', ' ') + (accuracy(metric) ? " (%)" : "") + (log ? " (log scale)" : "")
            + ", mean ± std over seeds";
    }

    /** The standard deviation over seeds, 0 for a point with fewer than two finished. */
    private static double spread(SweepSummary.PointRow row, String metric) {
        double std = row.std().get(metric);
        return Double.isNaN(std) ? 0 : std;
    }

    /** Whether the values are all positive and the largest is ten times the smallest or more. */
    private static boolean spansADecade(List<Double> values) {
        double smallest = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double largest = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return smallest > 0 && largest >= 10 * smallest;
    }
}
