package org.s3gd.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.s3gd.kernel.ScalarVectorOps;
import org.s3gd.kernel.VectorOps;
import org.s3gd.kernel.VectorOpsKernel;

class VectorOpsTest {
    private final VectorOpsKernel simd = new SimdVectorOps();
    private final VectorOpsKernel scalar = new ScalarVectorOps();

    private static float[] random(int n, SplittableRandom random) {
        float[] x = new float[n];
        for (int k = 0; k < n; k++) {
            x[k] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 15, 16, 17, 31, 33, 100, 1023})
    void vectorKernelsMatchScalarOnAwkwardSizes(int n) {
        SplittableRandom random = new SplittableRandom(n);
        float[] x = random(n + 5, random);
        float[] y = random(n + 9, random);
        float[] ySimd = y.clone();
        float[] yScalar = y.clone();
        simd.axpy(0.37f, x, 3, ySimd, 5, n);
        scalar.axpy(0.37f, x, 3, yScalar, 5, n);
        assertThat(ySimd).containsExactly(yScalar, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(ySimd[4]).isEqualTo(y[4]);
        assertThat(ySimd[5 + n]).isEqualTo(y[5 + n]);

        float[] s1 = x.clone();
        float[] s2 = x.clone();
        simd.scale(0.9f, s1, 2, n);
        scalar.scale(0.9f, s2, 2, n);
        assertThat(s1).containsExactly(s2);

        float[] into1 = new float[n + 1];
        float[] into2 = new float[n + 1];
        simd.scaleInto(-2f, x, 1, into1, 1, n);
        scalar.scaleInto(-2f, x, 1, into2, 1, n);
        assertThat(into1).containsExactly(into2);

        double exact = 0;
        for (int k = 0; k < n; k++) {
            exact += (double) x[k + 1] * y[k + 2];
        }
        assertThat((double) simd.dot(x, 1, y, 2, n)).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5 * n));
        assertThat((double) scalar.dot(x, 1, y, 2, n)).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5 * n));

        int[] found1 = new int[n];
        int[] found2 = new int[n];
        int count1 = simd.indicesAbove(x, n, 0.5f, found1);
        int count2 = scalar.indicesAbove(x, n, 0.5f, found2);
        assertThat(count1).isEqualTo(count2);
        assertThat(java.util.Arrays.copyOf(found1, count1)).containsExactly(java.util.Arrays.copyOf(found2, count2));
        for (int c = 0; c < count1; c++) {
            assertThat(x[found1[c]]).isGreaterThan(0.5f);
        }
    }

    @Test
    void facadeRejectsRangesOutsideTheArrays() {
        assertThatThrownBy(() -> new VectorOps(simd).axpy(1f, new float[4], 2, new float[8], 0, 3))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: range [2, 5)").hasMessageContaining("length 4");
        assertThatThrownBy(() -> new VectorOps(simd).indicesAbove(new float[8], 8, 0f, new int[4]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out has length 4");
    }
}
