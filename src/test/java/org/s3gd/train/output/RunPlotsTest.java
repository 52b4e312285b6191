package org.s3gd.train.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.TickLabels;

/** The plots of a run: what a person reads off them. The pictures themselves were checked by eye. */
class RunPlotsTest {
    private static final int EPOCHS = 10;
    private static final int BATCHES = 32;

    @TempDir
    Path run;

    private Map<String, XYChart> charts;

    /** A run of 10 epochs of 32 batches whose first batches take a hundred times longer (JIT warm-up). */
    @BeforeEach
    void writeMetrics() throws IOException {
        StringBuilder batches = new StringBuilder(MetricsCsv.batchHeader(2)).append('\n');
        StringBuilder epochs = new StringBuilder(MetricsCsv.epochHeader(2)).append('\n');
        for (int e = 1; e <= EPOCHS; e++) {
            for (int k = 1; k <= BATCHES; k++) {
                double millis = e == 1 && k <= 3 ? 300.0 / k : 2.5 + 0.1 * (k % 3);
                batches.append(e).append(',').append(k).append(",64,").append(2.3 / e).append(',').append(2.2 / e)
                    .append(",0.5,").append(millis).append(',').append(millis).append(",3,4,0.1,0.1,1,1\n");
            }
            epochs.append(e).append(',').append(2.3 / e).append(",0.5,").append(2.25 / e).append(",0.55,").append(2.2 / e)
                .append(",0.6,3,3,1,100,3,4\n");
        }
        Files.writeString(run.resolve(MetricsCsv.BATCHES), batches);
        Files.writeString(run.resolve(MetricsCsv.EPOCHS), epochs);
        charts = RunPlots.charts(run, 2, 20);
    }

    @Test
    void theEpochAxisIsLabelledAtRoundNumbersNotAtBatchPositions() {
        for (String plot : List.of(RunPlots.LOSS, RunPlots.ACTIVITY, RunPlots.TIMES, RunPlots.ACCURACY)) {
            List<String> labels = TickLabels.x(charts.get(plot));
            assertThat(labels).as(plot).hasSizeBetween(5, 12).allMatch(label -> label.matches("\\d+"), "whole epochs");
            assertThat(labels).as(plot).contains("0", "10");
        }
    }

    @Test
    void batchTimesAreOnALogAxisLabelledBetweenTheDecadesSoTheSteadyStateCanBeRead() {
        XYChart times = charts.get(RunPlots.TIMES);

        assertThat(times.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(TickLabels.y(times)).as("labels near the 2.5 ms steady state, below the 300 ms warm-up")
            .contains("3", "4", "10", "100", "200");
    }

    @Test
    void theAccuracyPlotShowsTheChanceLevel() {
        XYSeries chance = charts.get(RunPlots.ACCURACY).getSeriesMap().get("chance (5 %)");

        assertThat(chance).isNotNull();
        assertThat(chance.getYData()).containsExactly(5.0, 5.0);
        assertThat(chance.getXData()).containsExactly(0.0, EPOCHS);
    }

    @Test
    void validationIsDrawnBesideTrainAndTestWhenTheRunHeldASetOut() throws IOException {
        assertThat(charts.get(RunPlots.ACCURACY).getSeriesMap()).containsKeys("train", "validation (chooses best.s3gd)", "test");
        assertThat(charts.get(RunPlots.ACCURACY).getSeriesMap().get("validation (chooses best.s3gd)").getYData())
            .hasSize(EPOCHS).containsOnly(100 * 0.55);
        assertThat(charts.get(RunPlots.LOSS).getSeriesMap()).containsKey("validation cross-entropy");

        List<String> lines = Files.readAllLines(run.resolve(MetricsCsv.EPOCHS));
        StringBuilder without = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            cells[3] = "NaN";
            cells[4] = "NaN";
            without.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(run.resolve(MetricsCsv.EPOCHS), without);
        assertThat(RunPlots.charts(run, 2, 20).get(RunPlots.ACCURACY).getSeriesMap()).containsKeys("train", "test")
            .doesNotContainKey("validation (chooses best.s3gd)");
    }

    @Test
    void aFolderWithoutAFinishedEpochHasNoPlotsYet() throws IOException {
        Files.writeString(run.resolve(MetricsCsv.EPOCHS), MetricsCsv.epochHeader(2) + "\n");

        assertThat(RunPlots.charts(run, 2, 20)).isEmpty();
    }
}
