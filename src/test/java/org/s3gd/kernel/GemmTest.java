package org.s3gd.kernel;

import org.s3gd.backend.Backends;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.s3gd.parallel.Workers;

class GemmTest {
    private static final Gemm GEMM = Backends.standard().gemm();


    @Test
    void multipliesSmallMatricesExactly() {
        float[] a = {1, 2, 3, 4, 5, 6};       // 2×3
        float[] b = {7, 8, 9, 10, 11, 12};    // 3×2
        float[] c = new float[4];
        GEMM.multiply(2, 2, 3, a, b, c, Workers.serial());
        assertThat(c).containsExactly(58, 64, 139, 154);
    }

    @Test
    void transposedOperandsAreReadInPlace() {
        float[] aTransposed = {1, 4, 2, 5, 3, 6}; // Aᵀ stored 3×2
        float[] bTransposed = {7, 9, 11, 8, 10, 12}; // Bᵀ stored 2×3
        float[] c = new float[4];
        GEMM.multiply(true, true, 2, 2, 3, aTransposed, bTransposed, 0f, c, Workers.serial());
        assertThat(c).containsExactly(58, 64, 139, 154);
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = {Float.NaN, Float.POSITIVE_INFINITY, Float.NaN, Float.NaN};
        GEMM.multiply(false, false, 2, 2, 3, a, b, 0f, c, Workers.serial());
        assertThat(c).containsExactly(58, 64, 139, 154);
    }

    @Test
    void betaOneAccumulatesIntoC() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = {1, 2, 3, 4};
        GEMM.multiply(false, false, 2, 2, 3, a, b, 1f, c, Workers.serial());
        assertThat(c).containsExactly(59, 66, 142, 158);
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCountAndRepeatedRuns() {
        SplittableRandom random = new SplittableRandom(11);
        // Tall C (split by rows), wide C (split by columns), long depth (several depth blocks),
        // very long depth with a small C (depth slabs).
        int[][] shapes = {{301, 77, 500}, {5, 700, 90}, {64, 48, 1500}, {23, 40, 5000}};
        for (int[] shape : shapes) {
            for (int transposes = 0; transposes < 4; transposes++) {
                GemmProblem problem = GemmProblem.random((transposes & 1) != 0, (transposes & 2) != 0,
                        shape[0], shape[1], shape[2], 1f, random);
                float[] serial = problem.solve(GEMM.kernel(), Workers.serial());
                assertThat(problem.solve(GEMM.kernel(), Workers.serial()))
                        .as("repeat on one thread, %s", problem).isEqualTo(serial);
                for (int threads = 2; threads <= 3; threads++) {
                    try (Workers workers = new Workers(threads)) {
                        for (int repeat = 0; repeat < 2; repeat++) {
                            assertThat(problem.solve(GEMM.kernel(), workers))
                                    .as("%d threads, run %d, %s", threads, repeat, problem).isEqualTo(serial);
                        }
                    }
                }
            }
        }
    }

    @Test
    void facadeRunsTheSelectedKernelOnBlocksOfLargerArrays() {
        GemmProblem problem = GemmProblem.random(false, true, 40, 50, 60, 1f, new SplittableRandom(2));
        float[] c = problem.initialC().clone();
        try (Workers workers = new Workers(2)) {
            GEMM.multiply(false, true, 40, 50, 60, problem.a(), problem.aOffset(), problem.lda(),
                    problem.b(), problem.bOffset(), problem.ldb(), 1f, c, problem.cOffset(), problem.ldc(), workers);
        }
        assertThat(c).isEqualTo(problem.solve(GEMM.kernel(), Workers.serial()));
    }

    @Test
    void vectorKernelIsSelectedWhereTheVectorApiIsPresent() {
        if (System.getProperty(Backends.KERNEL_PROPERTY) == null) {
            assertThat(GEMM.kernel()).isSameAs(Backends.vector().orElse(Backends.scalar()).gemm().kernel());
        }
        assertThat(Backends.scalar().gemm().kernel().name()).isEqualTo("scalar");
    }

    @Test
    void rejectsNegativeDimensions() {
        assertThatThrownBy(() -> GEMM.multiply(false, false, -1, 2, 2, new float[4], 0, 2, new float[4], 0, 2,
                0f, new float[4], 0, 2, Workers.serial()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m=-1");
    }

    @Test
    void rejectsLeadingDimensionNarrowerThanStoredRows() {
        // A transposed is stored k×m = 3×4, so lda must be at least 4.
        assertThatThrownBy(() -> GEMM.multiply(true, false, 4, 2, 3, new float[100], 0, 3, new float[6], 0, 2,
                0f, new float[8], 0, 2, Workers.serial()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A (transposed) stored as 3×4")
                .hasMessageContaining("leading dimension 3 is less than the 4 stored columns")
                .hasMessageContaining("op(A)[4×3] · op(B)[3×2] into C[4×2]");
    }

    @Test
    void rejectsArraysTooShortForTheirBlock() {
        assertThatThrownBy(() -> GEMM.multiply(false, false, 2, 3, 4, new float[8], 0, 4, new float[12], 1, 3,
                0f, new float[6], 0, 3, Workers.serial()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("B needs 13 floats but its array holds 12");
        assertThatThrownBy(() -> GEMM.multiply(false, false, 2, 3, 4, new float[8], 0, 4, new float[12], 0, 3,
                0f, new float[6], 0, 4, Workers.serial()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C needs 7 floats but its array holds 6");
    }

    @Test
    void sizesBeyondIntRangeAreReportedNotWrapped() {
        // 50,000 × 50,000 floats would overflow an int size computation to a negative number.
        assertThatThrownBy(() -> GEMM.multiply(false, false, 50_000, 1, 50_000, new float[1000], 0, 50_000,
                new float[50_000], 0, 1, 0f, new float[50_000], 0, 1, Workers.serial()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A needs 2500000000 floats");
    }

    @Test
    void rejectsNegativeOffsetsNullArraysAndNullWorkers() {
        assertThatThrownBy(() -> GEMM.multiply(false, false, 1, 1, 1, new float[1], -1, 1, new float[1], 0, 1,
                0f, new float[1], 0, 1, Workers.serial()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative offset");
        assertThatThrownBy(() -> GEMM.multiply(1, 1, 1, new float[1], null, new float[1], Workers.serial()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("B must not be null");
        assertThatThrownBy(() -> GEMM.multiply(1, 1, 1, new float[1], new float[1], new float[1], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers");
    }

    @Test
    void emptyProductsTouchNothing() {
        float[] c = new float[3];
        Arrays.fill(c, 7f);
        GEMM.multiply(0, 3, 5, new float[0], new float[15], c, Workers.serial());
        GEMM.multiply(3, 0, 5, new float[15], new float[0], c, Workers.serial());
        assertThat(c).containsOnly(7f);
    }
}
