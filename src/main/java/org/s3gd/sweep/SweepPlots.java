package org.s3gd.sweep;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.s3gd.io.AtomicFile;
import org.s3gd.train.output.CsvTable;
import org.s3gd.train.output.MetricsCsv;

/**
 * A sweep's plots, in {@code DIR/plots/}: a metric against one axis ({@link MetricChart}: mean
 * over seeds, ± one standard deviation as error bars; one line per combination of the other axes'
 * values; the paper's Fig. 5 A and C are test accuracy and backward time against b_th), and every
 * trial's training loss overlaid, one colour per point (Fig. 3C, 5B).
 */
public final class SweepPlots {
    public static final String FOLDER = "plots";
    public static final String LOSS_CURVES = "loss-curves.png";
    /** The metrics drawn against every axis at each collect. */
    public static final List<String> DEFAULT_METRICS = List.of("test_accuracy", "backward_ms");

    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SweepPlots() {
    }

    /** Draws the default plots (each default metric against each axis, and the loss curves); returns the files. */
    public static List<Path> draw(SweepSummary summary) {
        List<Path> files = new ArrayList<>();
        for (SweepSpec.Axis axis : summary.sweep().plan().spec().axes()) {
            if (axis.values().size() < 2) {
                continue;
            }
            for (String metric : DEFAULT_METRICS) {
                files.add(metricAgainstAxis(summary, metric, axis.field()));
            }
        }
        files.add(lossCurves(summary));
        return files;
    }

    /**
     * {@code metric} (a column of summary.csv) against {@code axis}, written to
     * {@code plots/METRIC-vs-AXIS.png}.
     *
     * @throws SweepException naming the metric or axis when the sweep has no such one
     */
    public static Path metricAgainstAxis(SweepSummary summary, String metric, String axis) {
        return save(MetricChart.of(summary, metric, axis),
            summary.sweep().folder().resolve(FOLDER).resolve(metric + "-vs-" + file(axis) + ".png"));
    }

    /** Every trial's training loss per batch (a running mean over 10 batches), one colour per point. */
    public static Path lossCurves(SweepSummary summary) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("Training loss of every trial (one colour per point)")
            .xAxisTitle("epoch").yAxisTitle("loss (running mean over 10 batches)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisMin(0.0);
        double lastEpoch = 1;
        for (SweepSummary.TrialRow row : summary.trials()) {
            Path file = summary.sweep().trialFolder(row.trial()).resolve(MetricsCsv.BATCHES);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            CsvTable batches;
            try {
                batches = CsvTable.read(file);
            } catch (IOException | NumberFormatException e) {
                throw new SweepException(file + ": cannot read: " + e.getMessage(), e);
            }
            if (batches.rows() == 0) {
                continue;
            }
            double[] epoch = batches.column("epoch");
            double[] batch = batches.column("batch");
            double perEpoch = 0;
            for (double b : batch) {
                perEpoch = Math.max(perEpoch, b);
            }
            double[] x = new double[epoch.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = epoch[i] - 1 + batch[i] / perEpoch;
            }
            lastEpoch = Math.max(lastEpoch, x[x.length - 1]);
            boolean first = summary.trials().stream().filter(t -> t.trial().point() == row.trial().point())
                .findFirst().orElseThrow() == row;
            String name = first ? row.trial().pointLabel() : row.trial().name();
            XYSeries series = chart.addSeries(name, x, runningMean(batches.column("loss"), 10));
            series.setMarker(SeriesMarkers.NONE);
            series.setLineStyle(SeriesLines.SOLID);
            series.setLineColor(PALETTE[row.trial().point() % PALETTE.length]);
            series.setShowInLegend(first);
        }
        chart.getStyler().setXAxisMax(Math.ceil(lastEpoch));
        // Whole epochs on the axis past a few (XChart spaces the ticks until the labels differ).
        chart.getStyler().setXAxisDecimalPattern(lastEpoch > 3 ? "0" : "0.#");
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no trial has finished a batch yet", new double[] {0}, new double[] {0});
        }
        return save(chart, summary.sweep().folder().resolve(FOLDER).resolve(LOSS_CURVES));
    }

    static double[] runningMean(double[] values, int window) {
        double[] mean = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= window) {
                sum -= values[i - window];
            }
            mean[i] = sum / Math.min(i + 1, window);
        }
        return mean;
    }

    private static String file(String axis) {
        return axis.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static Path save(Chart<?, ?> chart, Path file) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new SweepException(file + ": cannot write: " + AtomicFile.reason(e), e);
        }
        return file;
    }
}
