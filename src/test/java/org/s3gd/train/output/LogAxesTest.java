package org.s3gd.train.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.TickLabels;

/** Where a log axis ends and what it is labelled with. */
class LogAxesTest {
    @Test
    void barsOnALogAxisAreLabelledBetweenTheDecadesToo() {
        List<Double> millis = List.of(15.0, 144.0);
        CategoryChart times = new CategoryChartBuilder().width(800).height(500).build();
        LogAxes.y(times, millis);
        times.addSeries("dense", List.of("F-MNIST", "SHD"), millis);

        assertThat(TickLabels.y(times)).contains("10", "20", "100", "200");
    }

    @Test
    void anAxisOverMoreThanTwoDecadesIsLabelledAtItsDecadesWhoseLabelsWouldOtherwiseOverlap() {
        List<Double> active = List.of(2.57, 0.44, 0.073, 0.0049);
        XYChart activity = new XYChartBuilder().width(800).height(500).build();
        LogAxes.y(activity, active);
        activity.addSeries("active %", List.of(0.2, 0.05, 0.01, 0.001), active);

        assertThat(TickLabels.y(activity)).containsExactly("0.001", "0.01", "0.1", "1", "10");
    }

    @Test
    void logAxesEndAtTheStepsOfOneTwoAndFiveAroundTheValues() {
        assertThat(LogAxes.step(144, true)).isEqualTo(200);
        assertThat(LogAxes.step(144, false)).isEqualTo(100);
        assertThat(LogAxes.step(0.013, false)).isEqualTo(0.01, within(1e-12));
        assertThat(LogAxes.step(2, false)).as("strictly below: a bar of the smallest value stays visible").isEqualTo(1);
        assertThat(LogAxes.step(2, true)).isEqualTo(2);
    }
}
