package org.s3gd.train.output;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.s3gd.io.AtomicFile;

/**
 * PNG plots of a run folder's metrics, drawn from its CSV files: {@value #LOSS} (training loss,
 * validation and test cross-entropy), {@value #ACCURACY} (train, validation and test, with the
 * chance level), {@value #ACTIVITY} (active % per hidden layer, ALGORITHM.md §4) and
 * {@value #TIMES} (forward and backward time per batch, on a log axis: the first batches run
 * uncompiled code and take tens of times longer than the rest).
 *
 * <p>The x axis counts epochs: batch {@code k} of {@code K} in epoch {@code e} sits at the middle of
 * its share of the epoch, {@code e − 1 + (k − ½)/K}, and an epoch's summary at {@code e}. (Placed
 * at {@code k/K}, the batches are equally spaced and XChart labels the axis at batch positions,
 * e.g. 0.4, 0.8, 1.2, 1.5 …, instead of at round numbers.)
 */
public final class RunPlots {
    public static final String LOSS = "loss.png";
    public static final String ACCURACY = "accuracy.png";
    public static final String ACTIVITY = "activity.png";
    public static final String TIMES = "times.png";

    /** The smallest time drawn on the log axis, in ms; a batch timed at 0 (below the clock's resolution) sits there. */
    private static final double SHORTEST_MILLIS = 1e-3;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private RunPlots() {
    }

    /**
     * Redraws every plot of {@code folder}; files are replaced with {@link AtomicFile}.
     *
     * @param classes the number of classes, for the chance level
     * @throws IOException whose message names the plot and the file system's reason
     */
    public static void draw(Path folder, int depth, int classes) throws IOException {
        for (Map.Entry<String, XYChart> plot : charts(folder, depth, classes).entrySet()) {
            save(plot.getValue(), folder.resolve(plot.getKey()));
        }
    }

    /** The charts of {@code folder}'s metrics by file name; none before its first epoch is written. */
    static Map<String, XYChart> charts(Path folder, int depth, int classes) throws IOException {
        CsvTable batches = CsvTable.read(folder.resolve(MetricsCsv.BATCHES));
        CsvTable epochs = CsvTable.read(folder.resolve(MetricsCsv.EPOCHS));
        Map<String, XYChart> charts = new LinkedHashMap<>();
        if (batches.rows() == 0 || epochs.rows() == 0) {
            return charts;
        }
        double[] batchTime = batchPosition(batches);
        double[] epoch = epochs.column("epoch");
        double lastEpoch = epoch[epoch.length - 1];

        XYChart loss = chart("Loss", "loss", lastEpoch);
        line(loss, "batch", batchTime, batches.column("loss"));
        points(loss, "train (epoch mean)", epoch, epochs.column("loss"));
        if (hasValues(epochs, "validation_loss")) {
            points(loss, "validation cross-entropy", epoch, epochs.column("validation_loss"));
        }
        points(loss, "test cross-entropy", epoch, epochs.column("test_loss"));
        charts.put(LOSS, loss);

        XYChart accuracy = chart("Accuracy", "accuracy (%)", lastEpoch);
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        points(accuracy, "train", epoch, percent(epochs.column("train_accuracy")));
        if (hasValues(epochs, "validation_accuracy")) {
            points(accuracy, "validation (chooses best.s3gd)", epoch, percent(epochs.column("validation_accuracy")));
        }
        points(accuracy, "test", epoch, percent(epochs.column("test_accuracy")));
        double chance = 100.0 / classes;
        XYSeries chanceLine = accuracy.addSeries("chance (" + new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT))
                .format(chance) + " %)",
            new double[] {0, lastEpoch}, new double[] {chance, chance});
        chanceLine.setMarker(SeriesMarkers.NONE);
        chanceLine.setLineStyle(SeriesLines.DASH_DASH);
        chanceLine.setLineColor(Color.GRAY);
        charts.put(ACCURACY, accuracy);

        XYChart activity = chart("Active neurons per hidden layer", "active (% of B·T·N)", lastEpoch);
        for (int l = 1; l <= depth; l++) {
            line(activity, "layer " + l, batchTime, batches.column("active_pct_" + l));
        }
        charts.put(ACTIVITY, activity);

        XYChart times = chart("Time per batch (the first batches include compiling the code)", "milliseconds (log scale)",
            lastEpoch);
        times.getStyler().setYAxisLogarithmic(true);
        times.getStyler().setYAxisLogarithmicDecadeOnly(false);
        line(times, "forward", batchTime, atLeast(SHORTEST_MILLIS, batches.column("forward_ms")));
        line(times, "backward", batchTime, atLeast(SHORTEST_MILLIS, batches.column("backward_ms")));
        charts.put(TIMES, times);
        return charts;
    }

    /** Whether the table has the column with a number in it (a run without a validation set writes NaN). */
    private static boolean hasValues(CsvTable table, String column) {
        if (!table.has(column)) {
            return false;
        }
        for (double value : table.column(column)) {
            if (!Double.isNaN(value)) {
                return true;
            }
        }
        return false;
    }

    /** Epoch − 1 + (batch − ½) / batches: batch k of epoch e sits in the middle of its share of the epoch. */
    private static double[] batchPosition(CsvTable batches) {
        double[] e = batches.column("epoch");
        double[] k = batches.column("batch");
        double perEpoch = 0;
        for (double value : k) {
            perEpoch = Math.max(perEpoch, value);
        }
        double[] x = new double[e.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = e[i] - 1 + (k[i] - 0.5) / perEpoch;
        }
        return x;
    }

    private static double[] percent(double[] fractions) {
        double[] p = new double[fractions.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 100 * fractions[i];
        }
        return p;
    }

    private static double[] atLeast(double floor, double[] values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(floor, values[i]);
        }
        return v;
    }

    private static XYChart chart(String title, String yAxis, double epochs) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(epochs);
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static void points(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
    }

    // Encoded in memory and written by AtomicFile, so a failed write reports the file system's own
    // reason (ImageIO would wrap it as "I/O error writing PNG file!") and leaves no temporary file.
    private static void save(XYChart chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        try {
            AtomicFile.write(file, png);
        } catch (IOException e) {
            throw new IOException(file.getFileName() + ": " + AtomicFile.reason(e), e);
        }
    }
}
