package org.s3gd.kernel;

import org.s3gd.backend.Backends;
import org.s3gd.kernel.simd.VectorGemmKernel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.s3gd.parallel.Workers;

class GemmKernelTest {
    private static final int[] AWKWARD_SIZES = {1, 7, 15, 17, 33, 100};
    private static final GemmKernel SCALAR = Backends.scalar().gemm().kernel();
    private static final GemmKernel VECTOR = Backends.vector().map(b -> b.gemm().kernel()).orElse(SCALAR);

    @Test
    void vectorAndScalarKernelsMatchNaiveDoubleProductOnAwkwardSizes() {
        SplittableRandom random = new SplittableRandom(20240611);
        for (GemmProblem problem : awkwardProblems(random)) {
            checkAgainstExact(problem, SCALAR, Workers.serial());
            checkAgainstExact(problem, VECTOR, Workers.serial());
        }
    }

    @Test
    void vectorKernelMatchesNaiveProductWhenOneDimensionIsLong() {
        SplittableRandom random = new SplittableRandom(7);
        // The last two are deep enough for depth slabs.
        int[][] shapes = {{1023, 17, 33}, {7, 1023, 15}, {15, 33, 1023}, {100, 100, 1023}, {1023, 1, 1}, {1, 1, 1023},
            {17, 7, 4099}, {1, 33, 5000}};
        try (Workers workers = new Workers(2)) {
            for (int[] shape : shapes) {
                for (int transposes = 0; transposes < 4; transposes++) {
                    GemmProblem problem = GemmProblem.random((transposes & 1) != 0, (transposes & 2) != 0,
                            shape[0], shape[1], shape[2], transposes < 2 ? 0f : 1f, random);
                    checkAgainstExact(problem, VECTOR, workers);
                }
            }
        }
    }

    @Test
    void vectorKernelMatchesScalarKernelWithinRounding() {
        SplittableRandom random = new SplittableRandom(99);
        GemmProblem problem = GemmProblem.random(true, false, 37, 201, 800, 1f, random);
        float[] vector = problem.solve(VECTOR, Workers.serial());
        float[] scalar = problem.solve(SCALAR, Workers.serial());
        for (int i = 0; i < problem.m(); i++) {
            for (int j = 0; j < problem.n(); j++) {
                int at = problem.cIndex(i, j);
                assertThat(vector[at]).as("C[%d][%d] of %s", i, j, problem)
                        .isCloseTo(scalar[at], within((float) problem.tolerance(i, j)));
            }
        }
    }

    @Test
    void depthBlocksBeyondTheFirstAccumulateInOrder() {
        // k spans several depth blocks of the vector kernel, with beta neither 0 nor 1.
        SplittableRandom random = new SplittableRandom(3);
        int k = 2 * VectorGemmKernel.DEPTH_BLOCK + 17;
        for (int transposes = 0; transposes < 4; transposes++) {
            GemmProblem problem = GemmProblem.random((transposes & 1) != 0, (transposes & 2) != 0, 13, 40, k, 0.5f, random);
            checkAgainstExact(problem, VECTOR, Workers.serial());
        }
    }

    @Test
    void emptyDepthScalesCByBeta() {
        SplittableRandom random = new SplittableRandom(5);
        for (GemmKernel kernel : List.of(SCALAR, VECTOR)) {
            checkAgainstExact(GemmProblem.random(false, false, 9, 19, 0, 0f, random), kernel, Workers.serial());
            checkAgainstExact(GemmProblem.random(false, true, 9, 19, 0, -2f, random), kernel, Workers.serial());
        }
    }

    /** Every transpose case and beta 0 or 1 over all triples of awkward sizes. */
    private static List<GemmProblem> awkwardProblems(SplittableRandom random) {
        List<GemmProblem> problems = new ArrayList<>();
        for (int m : AWKWARD_SIZES) {
            for (int n : AWKWARD_SIZES) {
                for (int k : AWKWARD_SIZES) {
                    int transposes = random.nextInt(4);
                    float beta = random.nextBoolean() ? 0f : 1f;
                    problems.add(GemmProblem.random((transposes & 1) != 0, (transposes & 2) != 0, m, n, k, beta, random));
                }
            }
        }
        return problems;
    }

    private static void checkAgainstExact(GemmProblem problem, GemmKernel kernel, Workers workers) {
        float[] actual = problem.solve(kernel, workers);
        double[] expected = problem.exact();
        for (int at = 0; at < actual.length; at++) {
            if (!inBlock(problem, at)) {
                assertThat(actual[at]).as("%s outside C at %d for %s", kernel.name(), at, problem)
                        .isEqualTo(problem.initialC()[at]);
            }
        }
        for (int i = 0; i < problem.m(); i++) {
            for (int j = 0; j < problem.n(); j++) {
                int at = problem.cIndex(i, j);
                assertThat((double) actual[at]).as("%s C[%d][%d] for %s", kernel.name(), i, j, problem)
                        .isCloseTo(expected[at], within(problem.tolerance(i, j)));
            }
        }
    }

    private static boolean inBlock(GemmProblem problem, int at) {
        int relative = at - problem.cOffset();
        return relative >= 0 && relative / problem.ldc() < problem.m() && relative % problem.ldc() < problem.n();
    }
}
