package org.s3gd.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3gd.kernel.DenseLifKernel;
import org.s3gd.kernel.ScalarDenseLifKernel;

/** The vector dense-method kernel gives the scalar one's bits, on awkward widths. */
class DenseLifKernelsTest {
    private final DenseLifKernel simd = new SimdDenseLifKernel();
    private final DenseLifKernel scalar = new ScalarDenseLifKernel();

    private static float[] random(int n, double low, double high, SplittableRandom random) {
        float[] x = new float[n];
        for (int k = 0; k < n; k++) {
            x[k] = (float) random.nextDouble(low, high);
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 15, 16, 17, 33, 200})
    void integrationGivesTheScalarMembranesSpikesAndCounts(int n) {
        int steps = 25;
        SplittableRandom random = new SplittableRandom(n);
        float[] currents = random(steps * n, -0.2, 0.6, random);
        float[][] history = {currents.clone(), currents.clone()};
        float[][] spikes = {new float[steps * n], new float[steps * n]};
        int[][] counts = {new int[n], new int[n]};
        long[] active = new long[2];
        DenseLifKernel[] kernels = {simd, scalar};
        for (int k = 0; k < 2; k++) {
            active[k] = kernels[k].integrate(history[k], spikes[k], 0, steps, n, 0.9f, 1f, 0.2f, new float[n], counts[k], 0);
        }
        assertThat(history[0]).containsExactly(history[1]);
        assertThat(spikes[0]).containsExactly(spikes[1]);
        assertThat(counts[0]).containsExactly(counts[1]);
        assertThat(active[0]).isEqualTo(active[1]).isPositive();
        assertThat(java.util.Arrays.stream(counts[1]).sum()).as("spikes").isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 15, 16, 17, 33, 200})
    void epsilonWalkGivesTheScalarBits(int n) {
        int steps = 25;
        SplittableRandom random = new SplittableRandom(100 + n);
        float[] grad = random(steps * n, -1, 1, random);
        float[] membrane = random(steps * n, 0.5, 1.5, random);
        float[] previous = null;
        for (float surrogateScale : new float[] {100f, 7.5f}) {
            float[] a = grad.clone();
            float[] b = grad.clone();
            simd.epsilon(a, membrane, 0, steps, n, 0.9f, 1f, surrogateScale, new float[n]);
            scalar.epsilon(b, membrane, 0, steps, n, 0.9f, 1f, surrogateScale, new float[n]);
            assertThat(a).as("scale %s", surrogateScale).containsExactly(b);
            if (previous != null && steps > 1) {
                assertThat(a).as("another surrogate scale, another ε").isNotEqualTo(previous);
            }
            previous = a;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 15, 16, 17, 33, 200})
    void recurrentStepsGiveTheScalarBits(int n) {
        SplittableRandom random = new SplittableRandom(200 + n);
        float[] grad = random(3 * n, -1, 1, random);
        float[] membrane = random(3 * n, 0.5, 1.5, random);
        float[] recurrent = random(n, -1, 1, random);
        float[] nextDelta = random(n, -1, 1, random);
        float[][] eps = {new float[n + 2], new float[n + 2]};
        float[][] delta = {nextDelta.clone(), nextDelta.clone()};
        float[][] g = {grad.clone(), grad.clone()};
        DenseLifKernel[] kernels = {simd, scalar};
        for (int k = 0; k < 2; k++) {
            kernels[k].carry(g[k], 2 * n, delta[k], 0, n, 0.9f, eps[k], 2);
            kernels[k].delta(g[k], membrane, n, recurrent, 0, eps[k], 2, n, 1f, 40f, delta[k], 0);
        }
        assertThat(eps[0]).containsExactly(eps[1]);
        assertThat(delta[0]).containsExactly(delta[1]);
        assertThat(g[0]).containsExactly(g[1]);
        float[] last = new float[n];
        simd.carry(g[0], -1, delta[0], 0, n, 0.9f, last, 0);
        assertThat(last).as("ε[T−1] = 0").containsOnly(0f);
    }
}
