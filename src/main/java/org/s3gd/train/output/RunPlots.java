package org.s3gd.train.output;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.s3gd.io.AtomicFile;

/**
 * PNG plots of a run folder's metrics, drawn from its CSV files: {@value #LOSS}, {@value #ACCURACY},
 * {@value #ACTIVITY} (active % per hidden layer, ALGORITHM.md §4) and {@value #TIMES} (forward and
 * backward time per batch). The x axis counts epochs, fractional for per-batch values.
 */
public final class RunPlots {
    public static final String LOSS = "loss.png";
    public static final String ACCURACY = "accuracy.png";
    public static final String ACTIVITY = "activity.png";
    public static final String TIMES = "times.png";

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
     * @throws IOException whose message names the plot and the file system's reason
     */
    public static void draw(Path folder, int depth) throws IOException {
        CsvTable batches = CsvTable.read(folder.resolve(MetricsCsv.BATCHES));
        CsvTable epochs = CsvTable.read(folder.resolve(MetricsCsv.EPOCHS));
        if (batches.rows() == 0 || epochs.rows() == 0) {
            return;
        }
        double[] batchTime = batchPosition(batches, epochs);
        double[] epoch = epochs.column("epoch");

        XYChart loss = chart("Loss", "loss");
        line(loss, "batch", batchTime, batches.column("loss"));
        points(loss, "train (epoch mean)", epoch, epochs.column("loss"));
        points(loss, "test cross-entropy", epoch, epochs.column("test_loss"));
        save(loss, folder.resolve(LOSS));

        XYChart accuracy = chart("Accuracy", "accuracy (%)");
        accuracy.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        points(accuracy, "train", epoch, percent(epochs.column("train_accuracy")));
        points(accuracy, "test", epoch, percent(epochs.column("test_accuracy")));
        save(accuracy, folder.resolve(ACCURACY));

        XYChart activity = chart("Active neurons per hidden layer", "active (% of B·T·N)");
        for (int l = 1; l <= depth; l++) {
            line(activity, "layer " + l, batchTime, batches.column("active_pct_" + l));
        }
        save(activity, folder.resolve(ACTIVITY));

        XYChart times = chart("Time per batch", "milliseconds");
        line(times, "forward", batchTime, batches.column("forward_ms"));
        line(times, "backward", batchTime, batches.column("backward_ms"));
        save(times, folder.resolve(TIMES));
    }

    /** Epoch − 1 + batch / batches: batch k of epoch e lies between e − 1 and e. */
    private static double[] batchPosition(CsvTable batches, CsvTable epochs) {
        double[] e = batches.column("epoch");
        double[] k = batches.column("batch");
        double perEpoch = 0;
        for (double value : k) {
            perEpoch = Math.max(perEpoch, value);
        }
        double[] x = new double[e.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = e[i] - 1 + k[i] / perEpoch;
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

    private static XYChart chart(String title, String yAxis) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("0.#");
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
