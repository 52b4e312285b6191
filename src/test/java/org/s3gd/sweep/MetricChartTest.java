package org.s3gd.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.TickLabels;
import org.knowm.xchart.style.lines.SeriesLines;
import org.s3gd.train.ConfigJson;

/**
 * What a person reads off a sweep's plots of a metric against an axis, drawn from a summary of
 * made-up metrics. The pictures themselves were checked by eye.
 */
class MetricChartTest {
    /** The example sweep's means per point, b_th = 0.8 … 0.999 (README, "The paper's b_th sweep"). */
    private static final double[] ACCURACY = {0.926, 0.907, 0.811, 0.399, 0.158};
    private static final double[] BACKWARD_MS = {21.63, 10.59, 6.53, 3.37, 1.81};
    private static final String THRESHOLD_AXIS = "{\"backpropThreshold\": [0.2, 0.1, 0.05, 0.01, 0.001]}";

    @TempDir
    Path directory;

    @Test
    void theThresholdIsDrawnAgainstBthOnALogAxisSoHighValuesOfBthStandApart() {
        XYChart accuracy = (XYChart) MetricChart.of(summary(THRESHOLD_AXIS), "test_accuracy", "backpropThreshold");

        assertThat(accuracy.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(accuracy.getXAxisTitle()).contains("B_th = 1 − b_th")
            .contains("b_th = 0.8, 0.9, 0.95, 0.99, 0.999 is B_th = 0.2, 0.1, 0.05, 0.01, 0.001");
        assertThat(TickLabels.x(accuracy)).containsExactly("0.001", "0.01", "0.1");
    }

    @Test
    void aNumericAxisSpanningADecadeIsLogarithmicAndOneWithinADecadeLinear() {
        Chart<?, ?> rates = MetricChart.of(summary("{\"learningRate\": [0.0005, 0.001, 0.002, 0.005]}"),
            "test_accuracy", "learningRate");
        Chart<?, ?> batches = MetricChart.of(summary("{\"batchSize\": [32, 64, 128]}"), "test_accuracy", "batchSize");

        assertThat(((XYChart) rates).getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(rates.getXAxisTitle()).isEqualTo("learningRate (log scale)");
        assertThat(((XYChart) batches).getStyler().isXAxisLogarithmic()).isFalse();
        assertThat(TickLabels.x(batches)).contains("40", "80", "120");
    }

    @Test
    void anAxisOfLayersStaysCategorical() {
        Chart<?, ?> layers = MetricChart.of(summary("{\"layers\": [[\"lif:16\"], [\"lif:32\"]]}"), "backward_ms", "layers");

        assertThat(layers).isInstanceOf(CategoryChart.class);
        assertThat(TickLabels.x(layers)).containsExactly("lif:16", "lif:32");
    }

    @Test
    void accuracyIsDrawnWithTheDashedChanceLevelOfTheDataSet() {
        XYChart accuracy = (XYChart) MetricChart.of(summary(THRESHOLD_AXIS), "test_accuracy", "backpropThreshold");
        XYChart time = (XYChart) MetricChart.of(summary(THRESHOLD_AXIS), "backward_ms", "backpropThreshold");

        XYSeries chance = accuracy.getSeriesMap().get("chance (10 %)");
        assertThat(chance).as("the synthetic preset's 10 classes").isNotNull();
        assertThat(chance.getYData()).containsOnly(10.0);
        assertThat(chance.getXData()).containsExactly(0.001, 0.2);
        assertThat(chance.getLineStyle()).isEqualTo(SeriesLines.DASH_DASH);
        assertThat(time.getSeriesMap().keySet()).noneMatch(name -> name.startsWith("chance"));
    }

    @Test
    void theChanceLevelFollowsAnAxisThatChangesTheClasses() {
        XYChart accuracy = (XYChart) MetricChart.of(summary("{\"synthetic.classes\": [4, 2]}"), "test_accuracy",
            "synthetic.classes");

        assertThat(accuracy.getSeriesMap().get("chance (100 / classes %)").getYData()).containsExactly(50.0, 25.0);
    }

    @Test
    void barsOfAnAccuracyNameTheDashedChanceLevelInTheirTitle() {
        CategoryChart accuracy = (CategoryChart) MetricChart.of(summary("{\"layers\": [[\"lif:16\"], [\"lif:32\"]]}"),
            "validation_accuracy", "layers");

        assertThat(accuracy.getTitle()).endsWith("(dashed: chance, 10 %)");
        assertThat(accuracy.getSeriesMap()).as("no series that would take a bar's place").hasSize(1);
    }

    @Test
    void aLogAxisHoldingFewerThanTwoDecadesIsWidenedToTheDecadesAroundItsValues() {
        Chart<?, ?> rates = MetricChart.of(summary("{\"learningRate\": [0.0005, 0.001, 0.002, 0.005]}"), "test_accuracy",
            "learningRate");
        Chart<?, ?> thresholds = MetricChart.of(summary("{\"backpropThreshold\": [0.2, 0.15]}"), "test_accuracy",
            "backpropThreshold");

        assertThat(TickLabels.x(rates)).containsExactly("1E-4", "0.001", "0.01");
        assertThat(TickLabels.x(thresholds)).containsExactly("0.1", "1");
        assertThat(((XYChart) thresholds).getSeriesMap().get("chance (10 %)").getXData()).as("across the widened axis")
            .containsExactly(0.1, 1.0);
    }

    @Test
    void timesSpanningADecadeAreOnALogAxisLabelledBetweenTheDecades() {
        XYChart time = (XYChart) MetricChart.of(summary(THRESHOLD_AXIS), "backward_ms", "backpropThreshold");

        assertThat(time.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(time.getYAxisTitle()).contains("(log scale)");
        assertThat(TickLabels.y(time)).as("both ends and the values in between labelled")
            .contains("2", "5", "10", "20").hasSizeGreaterThan(6);
    }

    @Test
    void accuraciesAndTimesWithinADecadeStayOnALinearAxis() {
        SweepSummary summary = summary("{\"learningRate\": [0.001, 0.002]}");

        assertThat(((XYChart) MetricChart.of(summary, "test_accuracy", "learningRate")).getStyler().isYAxisLogarithmic())
            .isFalse();
        assertThat(((XYChart) MetricChart.of(summary, "backward_ms", "learningRate")).getStyler().isYAxisLogarithmic())
            .isFalse();
    }

    /**
     * A finished sweep of the synthetic preset over {@code axes}, two seeds: point {@code p} has
     * the means {@code ACCURACY[p]} and {@code BACKWARD_MS[p]}, standard deviations a tenth of them.
     */
    private SweepSummary summary(String axes) {
        SweepSpec spec = SweepSpec.parse("spec", ConfigJson.tree("{\"base\": {\"dataset\": \"synthetic\", \"epochs\": 1}, "
            + "\"axes\": " + axes + ", \"seeds\": 2}"), null);
        SweepFolder sweep = new SweepFolder(directory, SweepPlan.of(spec));
        List<SweepSummary.TrialRow> trials = new ArrayList<>();
        List<SweepSummary.PointRow> points = new ArrayList<>();
        for (int p = 0; p < sweep.plan().points(); p++) {
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, Double> std = new LinkedHashMap<>();
            for (String metric : TrialMetrics.NAMES) {
                mean.put(metric, Double.NaN);
                std.put(metric, Double.NaN);
            }
            mean.put("test_accuracy", ACCURACY[p]);
            mean.put("validation_accuracy", ACCURACY[p]);
            mean.put("backward_ms", BACKWARD_MS[p]);
            mean.forEach((metric, value) -> std.put(metric, value / 10));
            List<SweepSummary.TrialRow> of = new ArrayList<>();
            for (Trial trial : sweep.plan().trials()) {
                if (trial.point() == p) {
                    of.add(new SweepSummary.TrialRow(trial, new TrialState(sweep.trialFolder(trial), 1, 1, true, null), mean));
                }
            }
            trials.addAll(of);
            points.add(new SweepSummary.PointRow(p, of.get(0).trial().values(), of, of.size(), mean, std));
        }
        return new SweepSummary(sweep, trials, points);
    }
}
