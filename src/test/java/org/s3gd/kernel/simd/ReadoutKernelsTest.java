package org.s3gd.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3gd.kernel.ReadoutKernel;
import org.s3gd.kernel.ReadoutKernels;
import org.s3gd.kernel.ScalarReadoutKernel;
import org.s3gd.model.ReadoutMode;

class ReadoutKernelsTest {
    private static final int STEPS = 37;
    private static final int NEURONS = 23;

    /** Everything the four calls produce for a batch of 3 samples, rows unpadded. */
    private record Results(float[] logits, int[] peaks, float[] epsilon, float[] weightGrad, float[] spikeGrad) {
    }

    private static Results run(ReadoutKernels kernels, int outputs, ReadoutMode mode, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int stride = kernels.rowStride(outputs);
        float[] rows = new float[NEURONS * stride];
        for (int j = 0; j < NEURONS; j++) {
            for (int o = 0; o < outputs; o++) {
                rows[j * stride + o] = (float) random.nextDouble(-1, 1);
            }
        }
        int samples = 3;
        float[] logits = new float[samples * outputs];
        int[] peaks = new int[samples * outputs];
        float[] logitGrad = new float[samples * outputs];
        float[] epsilon = new float[samples * STEPS * outputs];
        float[] weightGrad = new float[NEURONS * outputs];
        float[] partial = new float[NEURONS * stride];
        float[] spikeGrad = new float[samples * STEPS * NEURONS];
        int spikeGradAt = 0;
        float[] eps = new float[STEPS * stride];
        for (int b = 0; b < samples; b++) {
            int[][] spikes = list(random, 0.15);
            int[][] active = list(random, 0.3);
            kernels.forward(rows, outputs, 0.95f, mode, STEPS, spikes[0], spikes[1], logits, peaks, b * outputs);
            for (int o = 0; o < outputs; o++) {
                logitGrad[b * outputs + o] = (float) random.nextDouble(-1, 1);
            }
            kernels.epsilon(0.95f, mode, STEPS, outputs, logitGrad, peaks, b * outputs, eps);
            for (int t = 0; t < STEPS; t++) {
                System.arraycopy(eps, t * stride, epsilon, (b * STEPS + t) * outputs, outputs);
                for (int o = outputs; o < stride; o++) {
                    assertThat(eps[t * stride + o]).as("padding of ε").isZero();
                }
            }
            kernels.weightGradient(STEPS, outputs, spikes[0], spikes[1], eps, partial, new int[STEPS * NEURONS + 1]);
            float[] out = new float[active[0][STEPS]];
            kernels.spikeGradient(STEPS, active[0], active[1], rows, outputs, eps, out, new int[STEPS * NEURONS + 1]);
            System.arraycopy(out, 0, spikeGrad, spikeGradAt, out.length);
            spikeGradAt += out.length;
        }
        for (int j = 0; j < NEURONS; j++) {
            System.arraycopy(partial, j * stride, weightGrad, j * outputs, outputs);
        }
        return new Results(logits, peaks, epsilon, weightGrad, spikeGrad);
    }

    // Offsets and units of a random event list over NEURONS units, each present with probability p.
    private static int[][] list(SplittableRandom random, double p) {
        int[] offsets = new int[STEPS + 1];
        int[] units = new int[STEPS * NEURONS];
        int n = 0;
        for (int t = 0; t < STEPS; t++) {
            offsets[t] = n;
            for (int j = 0; j < NEURONS; j++) {
                if (random.nextDouble() < p) {
                    units[n++] = j;
                }
            }
        }
        offsets[STEPS] = n;
        return new int[][] {offsets, units};
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 16, 17, 20, 35})
    void vectorReadoutGivesTheScalarResultsBitForBit(int outputs) {
        for (ReadoutMode mode : ReadoutMode.values()) {
            Results scalar = run(new ReadoutKernels(new ScalarReadoutKernel()), outputs, mode, outputs);
            Results simd = run(new ReadoutKernels(new SimdReadoutKernel()), outputs, mode, outputs);
            assertThat(simd.logits()).containsExactly(scalar.logits());
            assertThat(simd.peaks()).containsExactly(scalar.peaks());
            assertThat(simd.epsilon()).containsExactly(scalar.epsilon());
            assertThat(simd.weightGrad()).containsExactly(scalar.weightGrad());
            assertThat(simd.spikeGrad()).containsExactly(scalar.spikeGrad());
            assertThat(scalar.weightGrad()).as("some gradient").isNotEqualTo(new float[scalar.weightGrad().length]);
            if (mode == ReadoutMode.MAX) {
                assertThat(Arrays.stream(scalar.peaks()).filter(p -> p > 0).count()).as("peaks after step 0").isPositive();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 20})
    void theScalarForwardFollowsTheRecurrence(int outputs) {
        // y[t+1] = β·y[t] + (1−β)·I[t], logits max_t or Σ_t y[t] over t < T, written out plainly.
        ReadoutKernels kernels = new ReadoutKernels(new ScalarReadoutKernel());
        SplittableRandom random = new SplittableRandom(7);
        float[] rows = new float[NEURONS * outputs];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = (float) random.nextDouble(-1, 1);
        }
        int[][] spikes = list(random, 0.2);
        for (ReadoutMode mode : ReadoutMode.values()) {
            float[] logits = new float[outputs];
            int[] peaks = new int[outputs];
            kernels.forward(rows, outputs, 0.9f, mode, STEPS, spikes[0], spikes[1], logits, peaks, 0);
            for (int o = 0; o < outputs; o++) {
                float y = 0f;
                float best = Float.NEGATIVE_INFINITY;
                float sum = 0f;
                for (int t = 0; t < STEPS; t++) {
                    best = Math.max(best, y);
                    sum += y;
                    float current = 0f;
                    for (int e = spikes[0][t]; e < spikes[0][t + 1]; e++) {
                        current += rows[spikes[1][e] * outputs + o];
                    }
                    y = 0.9f * y + (1f - 0.9f) * current;
                }
                assertThat(logits[o]).isEqualTo(mode == ReadoutMode.MAX ? best : sum);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10, 16, 20, 35})
    void theSpikeGradientIsTheDotProductSummedAsAHalvingTree(int outputs) {
        SplittableRandom random = new SplittableRandom(outputs);
        float[] row = new float[outputs];
        float[] eps = new float[outputs];
        for (int o = 0; o < outputs; o++) {
            row[o] = (float) random.nextDouble(-1, 1);
            eps[o] = (float) random.nextDouble(-1, 1);
        }
        int width = ReadoutKernel.treeWidth(outputs);
        assertThat(width).isGreaterThanOrEqualTo(outputs).isLessThan(Math.max(2, 2 * outputs));
        assertThat(Integer.bitCount(width)).isOne();
        float expected = tree(row, eps, width);
        double plain = 0;
        for (int o = 0; o < outputs; o++) {
            plain += (double) row[o] * eps[o];
        }
        for (ReadoutKernel kernel : new ReadoutKernel[] {new ScalarReadoutKernel(), new SimdReadoutKernel()}) {
            ReadoutKernels kernels = new ReadoutKernels(kernel);
            int stride = kernels.rowStride(outputs);
            float[] rows = new float[stride];
            float[] epsilon = new float[stride];
            System.arraycopy(row, 0, rows, 0, outputs);
            System.arraycopy(eps, 0, epsilon, 0, outputs);
            float[] out = new float[1];
            kernels.spikeGradient(1, new int[] {0, 1}, new int[] {0}, rows, outputs, epsilon, out, new int[2]);
            assertThat(out[0]).as(kernel.name()).isEqualTo(expected);
            assertThat((double) out[0]).isCloseTo(plain, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    // The definition written out: products padded with zeros to the width, then a[i] += a[i + h] level by level.
    private static float tree(float[] row, float[] eps, int width) {
        float[] a = new float[width];
        for (int i = 0; i < width; i++) {
            a[i] = i < row.length ? row[i] * eps[i] : 0f;
        }
        for (int h = width / 2; h >= 1; h /= 2) {
            for (int i = 0; i < h; i++) {
                a[i] = a[i] + a[i + h];
            }
        }
        return a[0];
    }

    @org.junit.jupiter.api.Test
    void entryStepsGiveEachEntryItsStepAcrossEmptySteps() {
        // Steps 0 and 3 empty, 1 with two entries, 2 with one, 4 with three, 5 empty at the end.
        int[] offsets = {0, 0, 2, 3, 3, 6, 6};
        int[] into = new int[7];
        assertThat(ReadoutKernels.entrySteps(6, offsets, into)).isEqualTo(6);
        assertThat(Arrays.copyOf(into, 6)).containsExactly(1, 1, 2, 4, 4, 4);
    }
}
