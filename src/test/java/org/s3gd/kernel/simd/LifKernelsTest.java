package org.s3gd.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3gd.kernel.LifKernel;
import org.s3gd.kernel.LifKernels;
import org.s3gd.kernel.LifWalk;
import org.s3gd.kernel.ScalarLifKernel;
import org.s3gd.model.LifStep;

class LifKernelsTest {
    /** A walk's lists, cut to their length. */
    private record Run(int[] spikeUnits, int[] spikeOffsets, int[] activeUnits, float[] activeValues, int[] activeOffsets) {
        int active() {
            return activeOffsets[activeOffsets.length - 1];
        }
    }

    private static Run run(LifKernel kernel, int neurons, float band, boolean recurrent, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int steps = 40;
        int inputs = 13;
        LifKernels facade = new LifKernels(kernel);
        int stride = facade.rowStride(neurons);
        float[] weights = new float[inputs * stride];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < neurons; j++) {
                weights[i * stride + j] = (float) random.nextDouble(-0.3, 0.7);
            }
        }
        float[] rows = null;
        if (recurrent) {
            rows = new float[neurons * stride];
            for (int k = 0; k < neurons; k++) {
                for (int j = 0; j < neurons; j++) {
                    rows[k * stride + j] = (float) random.nextDouble(-0.4, 0.3);
                }
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
        int capacity = facade.listCapacity(steps, neurons);
        boolean keepActive = band > 0f;
        int[] spikeUnits = new int[capacity];
        int[] spikeOffsets = new int[steps + 1];
        int[] activeUnits = keepActive ? new int[capacity] : null;
        float[] activeValues = keepActive ? new float[capacity] : null;
        int[] activeOffsets = keepActive ? new int[steps + 1] : null;
        facade.integrate(new LifWalk(steps, neurons, stride, weights, rows, offsets, units, 0.9f, 1f, band, spikeUnits,
            spikeOffsets, activeUnits, activeValues, activeOffsets, new float[facade.workspaceSize(neurons)]));
        if (!keepActive) {
            return new Run(Arrays.copyOf(spikeUnits, spikeOffsets[steps]), spikeOffsets, new int[0], new float[0],
                new int[steps + 1]);
        }
        return new Run(Arrays.copyOf(spikeUnits, spikeOffsets[steps]), spikeOffsets,
            Arrays.copyOf(activeUnits, activeOffsets[steps]), Arrays.copyOf(activeValues, activeOffsets[steps]),
            activeOffsets);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 15, 16, 17, 33, 64, 200, 1100})
    void vectorWalkGivesTheScalarEntriesBitForBit(int neurons) {
        for (boolean recurrent : new boolean[] {false, true}) {
            for (float band : new float[] {0f, 0.2f, 1e6f}) {
                Run scalar = run(new ScalarLifKernel(), neurons, band, recurrent, neurons);
                assertThat(scalar.spikeUnits()).isNotEmpty();
                Run bitByBit = run(new SimdLifKernel(false), neurons, band, recurrent, neurons);
                assertThat(bitByBit).usingRecursiveComparison().isEqualTo(scalar);
                Run simd = run(new SimdLifKernel(true), neurons, band, recurrent, neurons);
                assertThat(simd.spikeUnits()).containsExactly(scalar.spikeUnits());
                assertThat(simd.spikeOffsets()).containsExactly(scalar.spikeOffsets());
                assertThat(simd.activeUnits()).containsExactly(scalar.activeUnits());
                assertThat(simd.activeValues()).containsExactly(scalar.activeValues());
                assertThat(simd.activeOffsets()).containsExactly(scalar.activeOffsets());
                assertThat(scalar.active() > 0).isEqualTo(band > 0f);
                for (int[][] list : new int[][][] {{simd.spikeUnits(), simd.spikeOffsets()},
                    {simd.activeUnits(), simd.activeOffsets()}}) {
                    for (int t = 0; t + 1 < list[1].length; t++) {
                        for (int e = list[1][t] + 1; e < list[1][t + 1]; e++) {
                            assertThat(list[0][e]).as("neurons ascending within step %d", t).isGreaterThan(list[0][e - 1]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void recurrentWeightsChangeWhatTheLayerDoes() {
        Run feedForward = run(new SimdLifKernel(), 17, 1e6f, false, 5);
        Run recurrent = run(new SimdLifKernel(), 17, 1e6f, true, 5);
        assertThat(recurrent.activeValues()).isNotEqualTo(feedForward.activeValues());
    }

    @Test
    void theScalarWalkFollowsTheReferenceStepNeuronByNeuron() {
        // One neuron, one input: the walk's membranes are the ones LifStep.next gives step by step.
        int steps = 30;
        float[] weights = {0.45f};
        int[] offsets = new int[steps + 1];
        int[] units = new int[steps];
        int n = 0;
        for (int t = 0; t < steps; t++) {
            offsets[t] = n;
            if (t % 3 != 2) {
                units[n++] = 0;
            }
        }
        offsets[steps] = n;
        int[] spikeUnits = new int[steps + 1];
        int[] spikeOffsets = new int[steps + 1];
        int[] activeUnits = new int[steps + 1];
        float[] value = new float[steps + 1];
        int[] activeOffsets = new int[steps + 1];
        new LifKernels(new ScalarLifKernel()).integrate(new LifWalk(steps, 1, 1, weights, null, offsets, units,
            0.9f, 1f, 1e6f, spikeUnits, spikeOffsets, activeUnits, value, activeOffsets, new float[2]));
        assertThat(activeOffsets[steps]).isEqualTo(steps);
        float v = 0f;
        int spikes = 0;
        for (int t = 0; t < steps; t++) {
            assertThat(value[t]).as("v[%d]", t).isEqualTo(v);
            spikes += LifStep.spikes(v, 1f) ? 1 : 0;
            assertThat(spikeOffsets[t + 1] - spikeOffsets[t]).as("spikes at %d", t).isEqualTo(LifStep.spikes(v, 1f) ? 1 : 0);
            v = LifStep.next(v, offsets[t + 1] > offsets[t] ? 0.45f : 0f, 0.9f, 1f);
        }
        assertThat(spikes).isPositive();
    }

    @Test
    void everyNeuronIsActiveAtEveryStepWithAHugeBand() {
        Run all = run(new SimdLifKernel(), 9, 1e6f, false, 3);
        assertThat(all.active()).isEqualTo(40 * 9);
    }

    @Test
    void facadeRejectsShortEntryArrays() {
        LifKernels facade = new LifKernels(new SimdLifKernel());
        int stride = facade.rowStride(4);
        int capacity = facade.listCapacity(10, 4);
        assertThat(capacity).isEqualTo(40 + new SimdLifKernel().lanes());
        LifWalk walk = new LifWalk(10, 4, stride, new float[2 * stride], null, new int[11], new int[0], 0.9f, 1f, 0.2f,
            new int[capacity], new int[11], new int[capacity - 1], new float[capacity], new int[11], new float[2 * stride]);
        assertThatThrownBy(() -> facade.integrate(walk)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("active set needs").hasMessageContaining("= " + capacity);
    }

    // Steps of a layer with given currents (a conv layer's): membranes, counts and the listed neurons of each step.
    private record Steps(float[] membranes, int[] counts, int[] listed, float[] listedValues) {
    }

    private static Steps steps(LifKernel kernel, int neurons, float level, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LifKernels facade = new LifKernels(kernel);
        float[] v = new float[neurons];
        float[] current = new float[neurons];
        int[] counts = new int[neurons];
        int[] found = new int[neurons];
        float[] values = new float[neurons];
        int steps = 30;
        float[] membranes = new float[steps * neurons];
        int[] listed = new int[steps * neurons];
        float[] listedValues = new float[steps * neurons];
        int total = 0;
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < neurons; j++) {
                assertThat(current[j]).as("the current is cleared for the next step").isZero();
                current[j] = random.nextDouble() < 0.3 ? (float) random.nextDouble(-0.2, 0.8) : 0f;
            }
            int count = facade.step(v, current, neurons, 0.9f, 1f, level, counts, found, values);
            for (int c = 0; c < count; c++) {
                listed[total] = t * neurons + found[c];
                listedValues[total++] = values[c];
            }
            System.arraycopy(v, 0, membranes, t * neurons, neurons);
        }
        return new Steps(membranes, counts, Arrays.copyOf(listed, total), Arrays.copyOf(listedValues, total));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 17, 33, 200})
    void vectorStepGivesTheScalarStepBitForBitAndTheScalarOneFollowsTheReference(int neurons) {
        for (float level : new float[] {1f, 0.8f, -1e6f}) {
            Steps scalar = steps(new ScalarLifKernel(), neurons, level, neurons);
            for (boolean compress : new boolean[] {false, true}) {
                Steps simd = steps(new SimdLifKernel(compress), neurons, level, neurons);
                assertThat(simd.membranes()).containsExactly(scalar.membranes());
                assertThat(simd.counts()).containsExactly(scalar.counts());
                assertThat(simd.listed()).containsExactly(scalar.listed());
                assertThat(simd.listedValues()).containsExactly(scalar.listedValues());
            }

            // The reference: LifStep neuron by neuron, listing v[t] > level in increasing order.
            SplittableRandom random = new SplittableRandom(neurons);
            float[] v = new float[neurons];
            int[] counts = new int[neurons];
            int total = 0;
            for (int t = 0; t < 30; t++) {
                float[] current = new float[neurons];
                for (int j = 0; j < neurons; j++) {
                    current[j] = random.nextDouble() < 0.3 ? (float) random.nextDouble(-0.2, 0.8) : 0f;
                }
                for (int j = 0; j < neurons; j++) {
                    if (v[j] > level) {
                        assertThat(scalar.listed()[total]).isEqualTo(t * neurons + j);
                        assertThat(scalar.listedValues()[total++]).isEqualTo(v[j]);
                    }
                    counts[j] += LifStep.spikes(v[j], 1f) ? 1 : 0;
                    v[j] = LifStep.next(v[j], current[j], 0.9f, 1f);
                    assertThat(scalar.membranes()[t * neurons + j]).isEqualTo(v[j]);
                }
            }
            assertThat(scalar.listed()).hasSize(total);
            assertThat(scalar.counts()).containsExactly(counts);
            assertThat(Arrays.stream(counts).sum()).as("some neurons spiked").isPositive();
        }
    }

    @Test
    void aStepWhoseLevelIsAboveTheThresholdIsRefused() {
        LifKernels facade = new LifKernels(new ScalarLifKernel());
        assertThatThrownBy(() -> facade.step(new float[4], new float[4], 4, 0.9f, 1f, 1.5f, new int[4], new int[4], new float[4]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would miss spikes");
    }
}
