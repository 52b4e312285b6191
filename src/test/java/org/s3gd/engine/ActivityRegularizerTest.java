package org.s3gd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.s3gd.model.RegularizerParameters;

class ActivityRegularizerTest {
    private static final int BATCH = 7;
    private static final int NEURONS = 53;

    @Test
    void theTabledRegularizerEqualsTheTermByTermOne() {
        // The gradients bit for bit; the loss to its rounding (its terms are summed in another order).
        float[][] settings = {
            {0.06f, 1f, 100f, 0.001f},   // the paper's: only silent neurons have a lower term
            {0.06f, 0.5f, 100f, 0.001f}, // the upper term active in most samples
            {0.06f, 10f, 100f, 3f},      // F_L a whole count: a neuron at 3 has no lower term
            {1f, 2f, 5f, 2.5f},
            {0.06f, 1f, 0f, 0.001f},     // no lower term at all
            {0f, 1f, 100f, 0f},
            {0.06f, 1f, 1f, 2000f},      // F_L above every count: the table stops at the largest
        };
        SplittableRandom random = new SplittableRandom(3);
        for (float[] s : settings) {
            RegularizerParameters p = new RegularizerParameters(s[0], s[1], s[2], s[3]);
            int[] counts = new int[BATCH * NEURONS];
            for (int k = 0; k < counts.length; k++) {
                counts[k] = random.nextInt(4) == 0 ? random.nextInt(6) : 0;
            }
            float[] tabled = new float[counts.length];
            float[] direct = new float[counts.length];

            double loss = Losses.activity(p, counts, BATCH, NEURONS, tabled);
            double expected = termByTerm(p, counts, direct);

            assertThat(loss).as(p.toString()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12 * Math.abs(expected)));
            assertThat(tabled).as(p.toString()).containsExactly(direct);
            float[] threaded = new float[counts.length];
            long[] totals = new long[BATCH];
            try (org.s3gd.parallel.Workers three = new org.s3gd.parallel.Workers(3)) {
                assertThat(Losses.activity(p, counts, BATCH, NEURONS, threaded, three, totals)).as("3 threads").isEqualTo(loss);
            }
            assertThat(threaded).containsExactly(tabled);
            for (int b = 0; b < BATCH; b++) {
                long total = 0;
                for (int j = 0; j < NEURONS; j++) {
                    total += counts[b * NEURONS + j];
                }
                assertThat(totals[b]).as("sample %d's spikes", b).isEqualTo(total);
            }
            if (s[2] > 0 && s[3] > 0) {
                assertThat(loss).as("silent neurons cost something").isPositive();
            }
        }
    }

    // ALGORITHM.md's regulariser neuron by neuron, as written there; each sample's terms summed, then the samples.
    private static double termByTerm(RegularizerParameters p, int[] counts, float[] countGrad) {
        double all = 0;
        for (int b = 0; b < BATCH; b++) {
            double total = 0;
            int offset = b * NEURONS;
            double sum = 0;
            for (int j = 0; j < NEURONS; j++) {
                sum += counts[offset + j];
            }
            double excess = sum / NEURONS - p.upperRate();
            boolean upperActive = excess > 0 && p.upperStrength() > 0;
            if (upperActive) {
                total += p.upperStrength() * excess;
            }
            double upperGrad = upperActive ? p.upperStrength() / NEURONS : 0;
            for (int j = 0; j < NEURONS; j++) {
                double deficit = p.lowerRate() - counts[offset + j];
                double grad = upperGrad;
                if (deficit > 0) {
                    total += p.lowerStrength() * deficit * deficit / NEURONS;
                    grad -= 2.0 * p.lowerStrength() * deficit / NEURONS;
                }
                countGrad[offset + j] = (float) (grad / BATCH);
            }
            all += total;
        }
        return all / BATCH;
    }
}
