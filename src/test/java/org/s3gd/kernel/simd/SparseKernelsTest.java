package org.s3gd.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3gd.kernel.RecurrentWalk;
import org.s3gd.kernel.ScalarSparseKernel;
import org.s3gd.kernel.SparseKernel;
import org.s3gd.kernel.SparseKernels;
import org.s3gd.kernel.SpikeGradientWalk;

class SparseKernelsTest {
    private final SparseKernel simd = new SimdSparseKernel();
    private final SparseKernel scalar = new ScalarSparseKernel();
    private final SparseKernels facade = new SparseKernels(simd);

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 15, 16, 17, 63, 64, 65, 129, 200, 1023})
    void registerBlockedRowSumsMatchScalarOnAwkwardWidths(int units) {
        int width = facade.rowStride(units);
        SplittableRandom random = new SplittableRandom(width);
        int rowCount = 9;
        float[] rows = new float[rowCount * width];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = (float) random.nextDouble(-1, 1);
        }
        int[] rowIndex = {3, 0, 8, 3, 5};
        float[] coefficient = {0.5f, -1.25f, 2f, 0.75f, -0.1f};
        float[] out1 = new float[width + 6];
        float[] out2 = new float[width + 6];
        out1[2] = out2[2] = 4f;
        simd.accumulateRows(rows, width, rowIndex, coefficient, 1, 5, out1, 2);
        scalar.accumulateRows(rows, width, rowIndex, coefficient, 1, 5, out2, 2);
        assertThat(out1).containsExactly(out2, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(out1[0]).isZero();
        assertThat(out1[width + 2]).isZero();
    }

    @ParameterizedTest
    @CsvSource({"1, 37, 0.2", "7, 37, 0.2", "17, 37, 0.2", "63, 37, 0.2", "64, 37, 0.2", "65, 37, 0.2", "200, 37, 0.2",
        "200, 300, 0.2", "700, 37, 0.2", "700, 130, 0.2", "1023, 50, 0.2", "200, 300, 0.002", "65, 500, 0.01"})
    void registerBlockedWalkMatchesScalarForNeededAndDenseReads(int inputs, int steps, double rate) {
        // The longer cases walk T in several windows of the ring; the low rates leave long gaps
        // between the steps where something happens.
        SplittableRandom random = new SplittableRandom(inputs + steps);
        int neurons = 11;
        int stride = facade.walkStride(inputs);
        float[] transposed = new float[neurons * stride];
        for (int j = 0; j < neurons; j++) {
            for (int i = 0; i < inputs; i++) {
                transposed[j * stride + i] = (float) random.nextDouble(-1, 1);
            }
        }
        int[] acOffsets = new int[steps + 1];
        int[] acUnits = new int[steps * neurons];
        float[] delta = new float[steps * neurons];
        int[] needOffsets = new int[steps + 1];
        int[] needUnits = new int[steps * inputs];
        int active = 0;
        int needed = 0;
        for (int t = 0; t < steps; t++) {
            acOffsets[t] = active;
            needOffsets[t] = needed;
            for (int j = 0; j < neurons; j++) {
                if (random.nextDouble() < rate) {
                    acUnits[active] = j;
                    delta[active++] = (float) random.nextDouble(-1, 1);
                }
            }
            for (int i = 0; i < inputs; i++) {
                if (random.nextDouble() < 1.5 * rate) {
                    needUnits[needed++] = i;
                }
            }
        }
        acOffsets[steps] = active;
        needOffsets[steps] = needed;
        float[] scratch = new float[facade.scratchSize(inputs, steps)];
        int[] events = new int[SparseKernels.eventsSize(steps, inputs, true)];
        float[] decay = new float[steps + 1];
        for (int k = 0; k <= steps; k++) {
            decay[k] = (float) Math.pow(0.9, k);
        }

        float[] sparse1 = new float[needed];
        float[] sparse2 = new float[needed];
        simd.spikeGradient(new SpikeGradientWalk(steps, inputs, stride, acOffsets, acUnits, delta, transposed, decay,
            needOffsets, needUnits, sparse1, 0), scratch, events);
        scalar.spikeGradient(new SpikeGradientWalk(steps, inputs, stride, acOffsets, acUnits, delta, transposed, decay,
            needOffsets, needUnits, sparse2, 0), scratch, events);
        assertThat(sparse1).containsExactly(sparse2, org.assertj.core.data.Offset.offset(1e-5f));

        int offset = 3;
        float[] dense1 = new float[offset + steps * inputs + 2];
        float[] dense2 = new float[offset + steps * inputs + 2];
        simd.spikeGradient(new SpikeGradientWalk(steps, inputs, stride, acOffsets, acUnits, delta, transposed, decay,
            null, null, dense1, offset), scratch, events);
        scalar.spikeGradient(new SpikeGradientWalk(steps, inputs, stride, acOffsets, acUnits, delta, transposed, decay,
            null, null, dense2, offset), scratch, events);
        assertThat(dense1).containsExactly(dense2, org.assertj.core.data.Offset.offset(1e-5f));
        // The dense reads agree with the needed ones where both exist.
        for (int t = 0; t < steps; t++) {
            for (int e = needOffsets[t]; e < needOffsets[t + 1]; e++) {
                assertThat(sparse1[e]).isCloseTo(dense1[offset + t * inputs + needUnits[e]],
                    org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        assertThat(TestArrays.maxAbs(dense1)).isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 15, 16, 17, 63, 64, 65, 129, 200, 700, 1023})
    void walkStrideCoversTheRowInWholeRegisterBlocksWithBoundedPadding(int width) {
        int stride = facade.walkStride(width);
        int lanes = Simd.LANES;
        assertThat(stride).isGreaterThanOrEqualTo(width);
        assertThat(stride % (4 * lanes)).as("whole blocks of four vectors").isZero();
        assertThat(stride - width).as("padding is less than one block of %d vectors", SimdSparseKernel.MAX_BLOCK)
            .isLessThan(SimdSparseKernel.MAX_BLOCK * lanes);
        assertThat(facade.walkStride(stride)).as("a stride is its own stride").isEqualTo(stride);
    }

    @ParameterizedTest
    @CsvSource({"1, 30, 0.5", "7, 30, 0.3", "17, 40, 0.3", "64, 100, 0.05", "200, 300, 0.02", "200, 500, 0.002"})
    void recurrentWalkMatchesTheStepByStepScalarWalk(int neurons, int steps, double rate) {
        // The vector walk skips the steps without active entries and decays R over the gap at once;
        // the scalar one visits every step. Same sums up to rounding.
        SplittableRandom random = new SplittableRandom(neurons * 31 + steps);
        int stride = facade.rowStride(neurons);
        float[] transposed = new float[neurons * stride];
        for (int k = 0; k < neurons; k++) {
            for (int j = 0; j < neurons; j++) {
                transposed[k * stride + j] = (float) random.nextDouble(-0.5, 0.5);
            }
        }
        int[] offsets = new int[steps + 1];
        int[] units = new int[steps * neurons];
        float[] membrane = new float[steps * neurons];
        float[] grad = new float[steps * neurons];
        int active = 0;
        for (int t = 0; t < steps; t++) {
            offsets[t] = active;
            for (int j = 0; j < neurons; j++) {
                if (random.nextDouble() < rate) {
                    units[active] = j;
                    membrane[active] = (float) random.nextDouble(0.8, 1.2);
                    grad[active++] = (float) random.nextDouble(-1, 1);
                }
            }
        }
        offsets[steps] = active;
        float[] decay = new float[steps + 1];
        for (int k = 0; k <= steps; k++) {
            decay[k] = (float) Math.pow(0.9, k);
        }
        float[] vector = grad.clone();
        float[] plain = grad.clone();
        facade.recurrentDelta(new RecurrentWalk(steps, neurons, stride, offsets, units, membrane, vector, transposed,
            decay, 1f, 60f), new float[stride]);
        new SparseKernels(scalar).recurrentDelta(new RecurrentWalk(steps, neurons, neurons, offsets, units, membrane,
            plain, unpad(transposed, neurons, stride), decay, 1f, 60f), new float[neurons]);
        assertThat(active).isPositive();
        assertThat(vector).containsExactly(plain, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(vector).isNotEqualTo(grad);
    }

    private static float[] unpad(float[] rows, int width, int stride) {
        float[] tight = new float[rows.length / stride * width];
        for (int r = 0; r < rows.length / stride; r++) {
            System.arraycopy(rows, r * stride, tight, r * width, width);
        }
        return tight;
    }

    @Test
    void facadeRejectsRowsOutsideTheBuffer() {
        int width = facade.rowStride(5);
        assertThatThrownBy(() -> facade.accumulateRows(new float[2 * width], width, new int[] {2}, new float[] {1f},
            0, 1, new float[width], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2 of width " + width);
        assertThatThrownBy(() -> facade.accumulateRows(new float[10], 5, new int[] {0}, new float[] {1f}, 0, 1,
            new float[5], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a row stride");
    }

    static final class TestArrays {
        static double maxAbs(float[] a) {
            double m = 0;
            for (float v : a) {
                m = Math.max(m, Math.abs(v));
            }
            return m;
        }
    }
}
