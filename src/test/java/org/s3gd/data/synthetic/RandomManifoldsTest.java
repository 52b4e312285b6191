package org.s3gd.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.SpikeDataset;
import org.s3gd.data.SpikeSample;

class RandomManifoldsTest {
    private static final RandmanParameters SMALL = RandmanParameters.defaults().withSize(40, 50, 5, 60, 30);

    @Test
    void theDefaultTaskHasItsDocumentedShapeAndEveryUnitFiresOnce() {
        DatasetSplit split = RandomManifolds.generate();
        assertThat(split.inputs()).isEqualTo(100);
        assertThat(split.steps()).isEqualTo(100);
        assertThat(split.classes()).isEqualTo(10);
        assertThat(split.train().size()).isEqualTo(2000);
        assertThat(split.test().size()).isEqualTo(500);
        for (int i = 0; i < split.train().size(); i++) {
            assertThat(split.train().sample(i).spikeCount()).isEqualTo(100);
        }
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
        DatasetSplit a = RandomManifolds.generate(SMALL);
        DatasetSplit b = RandomManifolds.generate(SMALL);
        DatasetSplit c = RandomManifolds.generate(SMALL.withSeed(2));
        for (int i = 0; i < a.train().size(); i++) {
            assertThat(a.train().sample(i)).isEqualTo(b.train().sample(i));
        }
        assertThat(a.train().sample(0)).isNotEqualTo(c.train().sample(0));
    }

    @Test
    void classesAreBalancedInBothSplits() {
        DatasetSplit split = RandomManifolds.generate(SMALL);
        assertThat(labelCounts(split.train())).containsOnly(60);
        assertThat(labelCounts(split.test())).containsOnly(30);
    }

    @Test
    void theDefaultTaskIsLearnableAndTheDifficultyKnobMakesItHarder() {
        double easy = nearestNeighbourAccuracy(RandomManifolds.generate(SMALL));
        double hard = nearestNeighbourAccuracy(RandomManifolds.generate(SMALL.withSize(10, 50, 5, 60, 30).withDifficulty(2, 1.0, 15.0)));
        // chance is 1/5
        assertThat(easy).isGreaterThan(0.6);
        assertThat(hard).isLessThan(easy);
    }

    @Test
    void jitterKeepsSpikesInsideTheTimeWindow() {
        DatasetSplit split = RandomManifolds.generate(SMALL.withDifficulty(1, 2.0, 20.0));
        SpikeSample s = split.train().sample(0);
        assertThat(s.spikeCount()).isBetween(1, 40);
        assertThat(s.stepStart(s.steps())).isEqualTo(s.spikeCount());
    }

    @Test
    void invalidParametersAreRefusedWithTheirValues() {
        assertThatThrownBy(() -> RandmanParameters.defaults().withDifficulty(0, 2.0, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("manifold dimension 0");
    }

    private static int[] labelCounts(SpikeDataset d) {
        int[] counts = new int[d.classes()];
        for (int i = 0; i < d.size(); i++) {
            counts[d.label(i)]++;
        }
        return counts;
    }

    /** A cheap stand-in for a trained network: classify by the nearest training sample in spike times. */
    private static double nearestNeighbourAccuracy(DatasetSplit split) {
        int n = split.inputs();
        double[][] train = new double[split.train().size()][];
        for (int i = 0; i < train.length; i++) {
            train[i] = spikeTimes(split.train().sample(i), n);
        }
        int correct = 0;
        for (int i = 0; i < split.test().size(); i++) {
            SpikeSample s = split.test().sample(i);
            double[] t = spikeTimes(s, n);
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int j = 0; j < train.length; j++) {
                double distance = 0;
                for (int u = 0; u < n; u++) {
                    double diff = t[u] - train[j][u];
                    distance += diff * diff;
                }
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = split.train().label(j);
                }
            }
            correct += best == s.label() ? 1 : 0;
        }
        return correct / (double) split.test().size();
    }

    private static double[] spikeTimes(SpikeSample s, int inputs) {
        double[] times = new double[inputs];
        java.util.Arrays.fill(times, s.steps());
        for (int t = 0; t < s.steps(); t++) {
            for (int k = s.stepStart(t); k < s.stepStart(t + 1); k++) {
                times[s.unitAt(k)] = t;
            }
        }
        return times;
    }
}
