package org.s3gd.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifKernelsTest {
    private record Run(int count, int[] step, int[] neuron, float[] value, byte[] kind) {
    }

    private static Run run(LifKernel kernel, int neurons, float band, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int steps = 40;
        int inputs = 13;
        int stride = LifKernels.rowStride(neurons);
        float[] weights = new float[inputs * stride];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < neurons; j++) {
                weights[i * stride + j] = (float) random.nextDouble(-0.3, 0.7);
            }
        }
        int[] offsets = new int[steps + 1];
        int[] units = new int[steps * inputs];
        int n = 0;
        for (int t = 0; t < steps; t++) {
            offsets[t] = n;
            for (int i = 0; i < inputs; i++) {
                if (random.nextDouble() < 0.2) {
                    units[n++] = i;
                }
            }
        }
        offsets[steps] = n;
        int capacity = steps * neurons;
        Run r = new Run(0, new int[capacity], new int[capacity], new float[capacity], new byte[capacity]);
        int count = kernel.integrate(new LifWalk(steps, neurons, stride, weights, offsets, units, 0.9f, 1f, band,
            r.step(), r.neuron(), r.value(), r.kind(), new float[stride]));
        return new Run(count, Arrays.copyOf(r.step(), count), Arrays.copyOf(r.neuron(), count),
            Arrays.copyOf(r.value(), count), Arrays.copyOf(r.kind(), count));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 15, 16, 17, 33, 64, 200})
    void vectorWalkGivesTheScalarEntriesBitForBit(int neurons) {
        for (float band : new float[] {0f, 0.2f, 1e6f}) {
            Run simd = run(new SimdLifKernel(), neurons, band, neurons);
            Run scalar = run(new ScalarLifKernel(), neurons, band, neurons);
            assertThat(simd.count()).isEqualTo(scalar.count()).isPositive();
            assertThat(simd.step()).containsExactly(scalar.step());
            assertThat(simd.neuron()).containsExactly(scalar.neuron());
            assertThat(simd.value()).containsExactly(scalar.value());
            assertThat(simd.kind()).containsExactly(scalar.kind());
            for (int e = 1; e < simd.count(); e++) {
                boolean ordered = simd.step()[e] > simd.step()[e - 1]
                    || (simd.step()[e] == simd.step()[e - 1] && simd.neuron()[e] > simd.neuron()[e - 1]);
                assertThat(ordered).as("entries ordered by step, then neuron").isTrue();
            }
        }
    }

    @Test
    void everyNeuronIsActiveAtEveryStepWithAHugeBand() {
        Run all = run(new SimdLifKernel(), 9, 1e6f, 3);
        assertThat(all.count()).isEqualTo(40 * 9);
    }

    @Test
    void facadeRejectsShortEntryArrays() {
        int stride = LifKernels.rowStride(4);
        LifWalk walk = new LifWalk(10, 4, stride, new float[2 * stride], new int[11], new int[0], 0.9f, 1f, 0.2f,
            new int[39], new int[40], new float[40], new byte[40], new float[stride]);
        assertThatThrownBy(() -> LifKernels.integrate(walk)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("T·N = 40");
    }
}
