package org.s3gd.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpikeTrainBuilderTest {
    @Test
    void spikesAreSortedByStepThenUnitAndDuplicatesCountOnce() {
        SpikeTrainBuilder builder = new SpikeTrainBuilder(4, 10);
        builder.add(7, 2);
        builder.add(3, 2);
        builder.add(9, 0);
        builder.add(3, 2);
        builder.add(0, 3);
        SpikeSample s = builder.build(5);

        assertThat(s.label()).isEqualTo(5);
        assertThat(s.steps()).isEqualTo(4);
        assertThat(s.spikeCount()).isEqualTo(4);
        assertThat(s.spikesAt(0)).isEqualTo(1);
        assertThat(s.spikesAt(1)).isZero();
        assertThat(s.spikesAt(2)).isEqualTo(2);
        assertThat(s.unitAt(s.stepStart(2))).isEqualTo(3);
        assertThat(s.unitAt(s.stepStart(2) + 1)).isEqualTo(7);
        assertThat(s.spikes(0, 3)).isTrue();
        assertThat(s.spikes(0, 2)).isFalse();
    }

    @Test
    void unitIdsAboveShortRangeSurviveStorage() {
        SpikeTrainBuilder builder = new SpikeTrainBuilder(2, SpikeSample.MAX_UNITS);
        builder.add(SpikeSample.MAX_UNITS - 1, 1);
        builder.add(40_000, 1);
        SpikeSample s = builder.build(0);
        assertThat(s.unitAt(0)).isEqualTo(40_000);
        assertThat(s.unitAt(1)).isEqualTo(SpikeSample.MAX_UNITS - 1);
    }

    @Test
    void aResetBuilderStartsEmptyAndEqualInputsGiveEqualSamples() {
        SpikeTrainBuilder builder = new SpikeTrainBuilder(3, 3);
        builder.add(1, 1);
        SpikeSample first = builder.build(2);
        builder.reset();
        assertThat(builder.added()).isZero();
        builder.add(1, 1);
        assertThat(builder.build(2)).isEqualTo(first);
        assertThat(builder.reset().build(0).spikeCount()).isZero();
    }
}
