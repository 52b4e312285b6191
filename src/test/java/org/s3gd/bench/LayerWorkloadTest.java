package org.s3gd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.s3gd.parallel.Workers;

class LayerWorkloadTest {
    @Test
    void keptBytesAreTheDenseHistoriesAgainstTheEventsAndActiveEntries() {
        try (Workers workers = new Workers(2)) {
            LayerShape shape = new LayerShape("small", 3, 40, 30, 20, 1, 10);
            LayerWorkload workload = new LayerWorkload(shape, 0.2f, 0.05, 0.05, workers, 7);

            assertThat(workload.denseKeptBytes()).isEqualTo(3L * 40 * (30 + 20) * Float.BYTES);
            assertThat(workload.sparseKeptBytes()).isEqualTo(workload.inputEvents() * Integer.BYTES
                + workload.activeSet().totalCount() * (Integer.BYTES + Float.BYTES) + 2L * 3 * (40 + 1) * Integer.BYTES);
            workload.restoreGradients();
            workload.denseBackward();
            workload.sparseBackward();
            assertThat(workload.denseTransientBytes()).isGreaterThanOrEqualTo((3L * 40 * (30 + 20) + 30 * 20) * Float.BYTES);
            assertThat(workload.sparseTransientBytes()).isGreaterThanOrEqualTo((30L * 20 + workload.activeSet().totalCount()
                + workload.previousActiveEntries()) * Float.BYTES);
        }
    }

    @Test
    void stackedLayersAreCalibratedToTheTargetAndAGivenGainReproducesTheCalibration() {
        try (Workers workers = new Workers(2)) {
            InputBatch input = InputBatch.of(BenchDataset.FMNIST, 4, null, workers, 3);
            assertThat(input.real()).isFalse();
            assertThat(input.rate()).isCloseTo(BenchDataset.FMNIST.syntheticRate(), within(0.2 * BenchDataset.FMNIST.syntheticRate()));

            StackedWorkload calibrated = StackedWorkload.calibrated(input, 64, 0.2f, 0.02, workers, 5);
            assertThat(calibrated.firstActivity()).isCloseTo(0.02, within(0.002));
            assertThat(calibrated.second().activity()).isCloseTo(0.02, within(0.002));
            assertThat(calibrated.second().shape().inputs()).isEqualTo(64);

            StackedWorkload again = StackedWorkload.withGains(input, 64, 0.2f, calibrated.firstGain(),
                calibrated.second().gain(), workers, 5);
            assertThat(again.second().activeSet().totalCount()).isEqualTo(calibrated.second().activeSet().totalCount());
            assertThat(again.second().inputEvents()).isEqualTo(calibrated.second().inputEvents());

            StackedWorkload narrower = StackedWorkload.withGains(input, 64, 0.05f, calibrated.firstGain(),
                calibrated.second().gain(), workers, 5);
            assertThat(narrower.second().activity()).as("a smaller B_th leaves fewer active entries")
                .isLessThan(calibrated.second().activity());
        }
    }
}
