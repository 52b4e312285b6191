package org.s3gd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.TickLabels;
import org.s3gd.train.output.LogAxes;

/** What a person reads off the benchmark plots' axes. The pictures themselves were checked by eye. */
class BenchPlotsTest {
    private static final List<Double> B_TH = List.of(0.2, 0.1, 0.05, 0.01, 0.001);

    @Test
    void aLogAxisIsLabelledBetweenItsDecadesSoFifteenOrAHundredAndFortyFourCanBeRead() {
        List<Double> speedups = List.of(3.0, 7.0, 15.0, 60.0, 144.0);
        XYChart speedup = BenchPlots.thresholdChart("speedup", "×", B_TH);
        LogAxes.y(speedup, speedups);
        speedup.addSeries("backward", B_TH, speedups);

        assertThat(TickLabels.y(speedup)).as("both ends and the values in between labelled")
            .contains("2", "10", "20", "100", "200").hasSizeGreaterThan(6);
    }

    @Test
    void theThresholdSweepIsDrawnAgainstOneMinusBthOnALogAxisSoTheHighValuesStandApart() {
        XYChart activity = BenchPlots.thresholdChart("activity", "%", B_TH);
        activity.addSeries("layer 2", B_TH, List.of(1.5, 0.8, 0.4, 0.08, 0.008));

        assertThat(activity.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(activity.getXAxisTitle())
            .isEqualTo("B_th = 1 − b_th (log scale; b_th = 0.8, 0.9, 0.95, 0.99, 0.999 is B_th = 0.2, 0.1, 0.05, 0.01, 0.001)");
        assertThat(BenchPlots.thresholdChart("quick", "%", List.of(0.2, 0.05, 0.001)).getXAxisTitle())
            .as("the b_th of the run, not a fixed list").endsWith("b_th = 0.8, 0.95, 0.999 is B_th = 0.2, 0.05, 0.001)");
        assertThat(TickLabels.x(activity)).containsExactly("0.001", "0.01", "0.1");
    }
}
