package org.s3gd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.TickLabels;

/** What a person reads off the benchmark plots' axes. The pictures themselves were checked by eye. */
class BenchPlotsTest {
    private static final List<Double> B_TH = List.of(0.2, 0.1, 0.05, 0.01, 0.001);

    @Test
    void aLogAxisIsLabelledBetweenItsDecadesSoFifteenOrAHundredAndFortyFourCanBeRead() {
        List<Double> speedups = List.of(3.0, 7.0, 15.0, 60.0, 144.0);
        XYChart speedup = BenchPlots.thresholdChart("speedup", "×");
        BenchPlots.logY(speedup, speedups);
        speedup.addSeries("backward", B_TH, speedups);

        assertThat(TickLabels.y(speedup)).as("both ends and the values in between labelled")
            .contains("2", "10", "20", "100", "200").hasSizeGreaterThan(6);
    }

    @Test
    void barsOnALogAxisAreLabelledBetweenTheDecadesToo() {
        List<Double> millis = List.of(15.0, 144.0);
        CategoryChart times = new CategoryChartBuilder().width(800).height(500).build();
        BenchPlots.logY(times, millis);
        times.addSeries("dense", List.of("F-MNIST", "SHD"), millis);

        assertThat(TickLabels.y(times)).contains("10", "20", "100", "200");
    }

    @Test
    void logAxesEndAtTheStepsOfOneTwoAndFiveAroundTheValues() {
        assertThat(BenchPlots.step(144, true)).isEqualTo(200);
        assertThat(BenchPlots.step(144, false)).isEqualTo(100);
        assertThat(BenchPlots.step(0.013, false)).isEqualTo(0.01, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(BenchPlots.step(2, false)).as("strictly below: a bar of the smallest value stays visible").isEqualTo(1);
        assertThat(BenchPlots.step(2, true)).isEqualTo(2);
    }

    @Test
    void theThresholdSweepIsDrawnAgainstOneMinusBthOnALogAxisSoTheHighValuesStandApart() {
        XYChart activity = BenchPlots.thresholdChart("activity", "%");
        activity.addSeries("layer 2", B_TH, List.of(1.5, 0.8, 0.4, 0.08, 0.008));

        assertThat(activity.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(activity.getXAxisTitle()).contains("B_th = 1 − b_th");
        assertThat(TickLabels.x(activity)).containsExactly("0.001", "0.01", "0.1");
    }
}
