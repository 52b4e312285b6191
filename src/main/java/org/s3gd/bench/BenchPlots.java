package org.s3gd.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.s3gd.io.AtomicFile;
import org.s3gd.train.output.LogAxes;

/**
 * PNG plots of a benchmark run, one per panel of the paper's figures it mirrors. Log y axes are
 * labelled between their decades where they span two or fewer ({@link LogAxes}), so that 15× or
 * 144× can be read off; the b_th sweeps are drawn against B_th = 1 − b_th on a log axis, which
 * spreads b_th = 0.99 and 0.999 apart instead of squeezing them against the edge.
 */
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
        for (Map.Entry<String, Chart<?, ?>> plot : charts(results).entrySet()) {
            AtomicFile.write(folder.resolve(plot.getKey()), BitmapEncoder.getBitmapBytes(plot.getValue(), BitmapEncoder.BitmapFormat.PNG));
            written.add(plot.getKey());
        }
        return written;
    }

    /** The charts of the experiments that ran, by file name. */
    static Map<String, Chart<?, ?>> charts(BenchResults results) {
        Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
        if (!results.layers().isEmpty()) {
            List<LayerRow> rows = results.layers();
            List<String> names = rows.stream().map(LayerRow::dataset).toList();
            CategoryChart times = category("Second hidden layer: time per batch (B = " + results.config().batch() + ")",
                "milliseconds (log)");
            List<Double> denseForward = values(rows, r -> r.timing().denseForward().median());
            List<Double> sparseForward = values(rows, r -> r.timing().sparseForward().median());
            List<Double> denseBackward = values(rows, r -> r.timing().denseBackward().median());
            List<Double> sparseBackward = values(rows, r -> r.timing().sparseBackward().median());
            // The axis starts below the shortest bar: XChart draws bars from 0 unless it starts above it.
            LogAxes.y(times, denseForward, sparseForward, denseBackward, sparseBackward);
            times.addSeries("dense forward", names, denseForward);
            times.addSeries("sparse forward", names, sparseForward);
            times.addSeries("dense backward", names, denseBackward);
            times.addSeries("sparse backward", names, sparseBackward);
            charts.put(LAYER_TIMES, times);
            CategoryChart speedup = category("Speedup of the sparse method over the dense one", "× (dense / sparse)");
            speedup.getStyler().setLabelsVisible(true);
            speedup.getStyler().setLabelsPosition(1.0);
            speedup.getStyler().setDecimalPattern("0.#");
            speedup.addSeries("backward", names, values(rows, r -> r.timing().backwardSpeedup()));
            speedup.addSeries("forward + backward", names, values(rows, r -> r.timing().overallSpeedup()));
            charts.put(LAYER_SPEEDUP, speedup);
        }
        if (!results.hidden().isEmpty()) {
            List<LayerRow> rows = results.hidden();
            List<Double> n = values(rows, r -> r.timing().shape().neurons());
            XYChart speedup = xy("Speedup against hidden width (SHD shape)", "neurons per hidden layer", "× (dense / sparse)");
            line(speedup, "backward", n, values(rows, r -> r.timing().backwardSpeedup()));
            line(speedup, "forward + backward", n, values(rows, r -> r.timing().overallSpeedup()));
            charts.put(HIDDEN_SPEEDUP, speedup);
            XYChart memory = xy("Bytes the backward keeps (SHD shape)", "neurons per hidden layer", "MiB (log)");
            List<Double> dense = values(rows, r -> r.timing().denseBytes() / 1048576.0);
            List<Double> sparse = values(rows, r -> r.timing().sparseBytes() / 1048576.0);
            LogAxes.y(memory, dense, sparse);
            line(memory, "dense", n, dense);
            line(memory, "sparse", n, sparse);
            charts.put(HIDDEN_MEMORY, memory);
        }
        if (!results.threshold().isEmpty()) {
            List<LayerRow> rows = results.threshold();
            List<Double> bth = values(rows, r -> (double) r.timing().backpropThreshold());
            XYChart activity = thresholdChart("Activity against b_th (SHD shape)", "active % (log)", bth);
            List<Double> first = values(rows, r -> Math.max(100 * r.firstActivity(), 1e-4));
            List<Double> second = values(rows, r -> Math.max(100 * r.timing().activity(), 1e-4));
            LogAxes.y(activity, first, second);
            line(activity, "layer 1", bth, first);
            line(activity, "layer 2 (timed)", bth, second);
            charts.put(THRESHOLD_ACTIVITY, activity);
            XYChart speedup = thresholdChart("Backward speedup and memory ratio against b_th (SHD shape)",
                "× (dense / sparse, log)", bth);
            List<Double> time = values(rows, r -> r.timing().backwardSpeedup());
            List<Double> kept = values(rows, r -> (double) r.timing().denseBytes() / r.timing().sparseBytes());
            LogAxes.y(speedup, time, kept);
            line(speedup, "backward time", bth, time);
            line(speedup, "kept bytes", bth, kept);
            charts.put(THRESHOLD_SPEEDUP, speedup);
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
            charts.put(TRAINING_ACTIVITY, activity);
        }
        return charts;
    }

    /**
     * A chart against B_th = 1 − b_th on a log x axis: b_th 0.8, 0.9, 0.95, 0.99, 0.999 become
     * 0.2, 0.1, 0.05, 0.01, 0.001, evenly apart per decade, with b_th rising to the left; the axis
     * title names the b_th of {@code thresholds} (B_th). The x axis is labelled at the decades
     * only: its labels are wide, and XChart would print 0.002 … 0.009 on top of each other.
     */
    static XYChart thresholdChart(String title, String yAxis, List<Double> thresholds) {
        List<BigDecimal> exact = thresholds.stream().map(t -> new BigDecimal(Float.toString((float) (double) t))).toList();
        XYChart chart = xy(title, LogAxes.thresholdTitle(exact), yAxis);
        chart.getStyler().setXAxisLogarithmic(true);
        return chart;
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
}
