package org.s3gd.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of a benchmark run, one per panel of the paper's figures it mirrors. */
public final class BenchPlots {
    /** Fig. 4A/B: forward and backward time per data set, dense and sparse (log scale). */
    public static final String LAYER_TIMES = "layer-times.png";
    /** Fig. 4A/B: backward and overall speedup per data set. */
    public static final String LAYER_SPEEDUP = "layer-speedup.png";
    /** Fig. 4C: speedups against the hidden width. */
    public static final String HIDDEN_SPEEDUP = "hidden-speedup.png";
    /** Fig. 4C: bytes the backward keeps against the hidden width. */
    public static final String HIDDEN_MEMORY = "hidden-memory.png";
    /** Fig. 5: activity against b_th. */
    public static final String THRESHOLD_ACTIVITY = "threshold-activity.png";
    /** Fig. 5: backward speedup and memory ratio against b_th. */
    public static final String THRESHOLD_SPEEDUP = "threshold-speedup.png";
    /** Fig. 3A: active % per hidden layer per training batch. */
    public static final String TRAINING_ACTIVITY = "training-activity.png";

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private BenchPlots() {
    }

    /** Draws the plots of the experiments that ran into {@code folder}; returns the file names written. */
    public static List<String> draw(BenchResults results, Path folder) throws IOException {
        List<String> written = new ArrayList<>();
        if (!results.layers().isEmpty()) {
            List<LayerRow> rows = results.layers();
            List<String> names = rows.stream().map(LayerRow::dataset).toList();
            CategoryChart times = category("Second hidden layer: time per batch (B = " + results.config().batch() + ")",
                "milliseconds (log)");
            times.getStyler().setYAxisLogarithmic(true);
            // XChart draws bars from 0 unless the axis starts above it, which a log axis needs.
            times.getStyler().setYAxisMin(smallest(rows) / 2);
            times.addSeries("dense forward", names, values(rows, r -> r.timing().denseForward().median()));
            times.addSeries("sparse forward", names, values(rows, r -> r.timing().sparseForward().median()));
            times.addSeries("dense backward", names, values(rows, r -> r.timing().denseBackward().median()));
            times.addSeries("sparse backward", names, values(rows, r -> r.timing().sparseBackward().median()));
            save(times, folder, LAYER_TIMES, written);
            CategoryChart speedup = category("Speedup of the sparse method over the dense one", "× (dense / sparse)");
            speedup.addSeries("backward", names, values(rows, r -> r.timing().backwardSpeedup()));
            speedup.addSeries("forward + backward", names, values(rows, r -> r.timing().overallSpeedup()));
            save(speedup, folder, LAYER_SPEEDUP, written);
        }
        if (!results.hidden().isEmpty()) {
            List<LayerRow> rows = results.hidden();
            List<Double> n = values(rows, r -> r.timing().shape().neurons());
            XYChart speedup = xy("Speedup against hidden width (SHD shape)", "neurons per hidden layer", "× (dense / sparse)");
            line(speedup, "backward", n, values(rows, r -> r.timing().backwardSpeedup()));
            line(speedup, "forward + backward", n, values(rows, r -> r.timing().overallSpeedup()));
            save(speedup, folder, HIDDEN_SPEEDUP, written);
            XYChart memory = xy("Bytes the backward keeps (SHD shape)", "neurons per hidden layer", "MiB (log)");
            memory.getStyler().setYAxisLogarithmic(true);
            line(memory, "dense", n, values(rows, r -> r.timing().denseBytes() / 1048576.0));
            line(memory, "sparse", n, values(rows, r -> r.timing().sparseBytes() / 1048576.0));
            save(memory, folder, HIDDEN_MEMORY, written);
        }
        if (!results.threshold().isEmpty()) {
            List<LayerRow> rows = results.threshold();
            List<Double> bth = values(rows, r -> 1 - (double) r.timing().backpropThreshold());
            XYChart activity = xy("Activity against b_th (SHD shape)", "b_th (B_th = 1 − b_th)", "active % (log)");
            activity.getStyler().setYAxisLogarithmic(true);
            line(activity, "layer 1", bth, values(rows, r -> Math.max(100 * r.firstActivity(), 1e-4)));
            line(activity, "layer 2 (timed)", bth, values(rows, r -> Math.max(100 * r.timing().activity(), 1e-4)));
            save(activity, folder, THRESHOLD_ACTIVITY, written);
            XYChart speedup = xy("Backward speedup and memory ratio against b_th (SHD shape)", "b_th (B_th = 1 − b_th)",
                "× (dense / sparse, log)");
            speedup.getStyler().setYAxisLogarithmic(true);
            line(speedup, "backward time", bth, values(rows, r -> r.timing().backwardSpeedup()));
            line(speedup, "kept bytes", bth, values(rows, r -> (double) r.timing().denseBytes() / r.timing().sparseBytes()));
            save(speedup, folder, THRESHOLD_SPEEDUP, written);
        }
        if (results.training() != null && !results.training().activePercent().isEmpty()) {
            TrainingActivity training = results.training();
            List<Double> batch = new ArrayList<>();
            for (int k = 0; k < training.activePercent().size(); k++) {
                batch.add((double) k);
            }
            XYChart activity = xy("Active neurons while training (" + training.dataset().folder() + ", sparse method)",
                "training batch", "active % of B·T·N");
            for (int l = 0; l < training.layers(); l++) {
                int layer = l;
                List<Double> y = training.activePercent().stream().map(a -> a[layer]).toList();
                XYSeries series = activity.addSeries("layer " + (l + 1), batch, y);
                series.setMarker(SeriesMarkers.NONE);
            }
            save(activity, folder, TRAINING_ACTIVITY, written);
        }
        return written;
    }

    private static double smallest(List<LayerRow> rows) {
        double min = Double.POSITIVE_INFINITY;
        for (LayerRow r : rows) {
            LayerTiming.Result t = r.timing();
            min = Math.min(min, Math.min(Math.min(t.denseForward().median(), t.sparseForward().median()),
                Math.min(t.denseBackward().median(), t.sparseBackward().median())));
        }
        return Math.max(min, 1e-6);
    }

    private static List<Double> values(List<LayerRow> rows, ToDoubleFunction<LayerRow> value) {
        return rows.stream().map(r -> value.applyAsDouble(r)).toList();
    }

    private static CategoryChart category(String title, String yAxis) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title(title).yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    private static XYChart xy(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    private static void line(XYChart chart, String name, List<Double> x, List<Double> y) {
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
    }

    private static void save(Chart<?, ?> chart, Path folder, String name, List<String> written) throws IOException {
        Path file = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        written.add(name);
    }
}
