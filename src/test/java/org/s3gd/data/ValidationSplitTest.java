package org.s3gd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.s3gd.data.synthetic.RandmanParameters;
import org.s3gd.data.synthetic.RandomManifolds;

class ValidationSplitTest {
    private final SpikeDataset train = RandomManifolds.generate(RandmanParameters.defaults().withSize(20, 30, 4, 25, 1)).train();

    @Test
    void theHeldOutPartIsTheFractionAndTheTwoPartsCoverTheTrainingSetOnce() {
        ValidationSplit split = ValidationSplit.of(train, 0.1, 7);

        assertThat(split.validation().size()).isEqualTo(10);
        assertThat(split.train().size()).isEqualTo(90);
        Set<SpikeSample> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (SpikeDataset part : new SpikeDataset[] {split.train(), split.validation()}) {
            for (int i = 0; i < part.size(); i++) {
                assertThat(seen.add(part.sample(i))).as("each sample in one part only").isTrue();
            }
        }
        assertThat(seen).hasSize(train.size());
    }

    @Test
    void theSameSeedHoldsOutTheSameSamplesAndAnotherSeedOthers() {
        ValidationSplit a = ValidationSplit.of(train, 0.2, 7);
        ValidationSplit b = ValidationSplit.of(train, 0.2, 7);
        ValidationSplit c = ValidationSplit.of(train, 0.2, 8);
        Set<SpikeSample> first = samples(a.validation());
        assertThat(samples(b.validation())).isEqualTo(first);
        assertThat(samples(c.validation())).isNotEqualTo(first);
    }

    @Test
    void noFractionHoldsNothingOutAndAFractionThatLeavesNothingToTrainOnIsRefused() {
        assertThat(ValidationSplit.of(train, 0, 7).hasValidation()).isFalse();
        assertThat(ValidationSplit.of(train, 0, 7).train()).isSameAs(train);
        assertThat(ValidationSplit.of(train, 0.001, 7).validation().size()).as("at least one").isEqualTo(1);
        assertThatThrownBy(() -> ValidationSplit.of(train, 0.999, 7)).hasMessageContaining("leaves none to train on");
        assertThatThrownBy(() -> ValidationSplit.of(train, 1, 7)).hasMessageContaining("[0, 1)");
    }

    private static Set<SpikeSample> samples(SpikeDataset d) {
        Set<SpikeSample> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < d.size(); i++) {
            all.add(d.sample(i));
        }
        return all;
    }
}
