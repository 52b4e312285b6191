package org.s3gd.kernel;

import java.util.SplittableRandom;

/**
 * One product {@code C = op(A) · op(B) + beta · C} laid out the awkward way: every operand sits
 * at a non-zero offset inside a larger array with a leading dimension wider than its rows, and the
 * unused floats around it hold a sentinel that must survive. Also computes the exact answer in
 * double with a naive triple loop, independent of every kernel.
 */
record GemmProblem(boolean transposeA, boolean transposeB, int m, int n, int k,
                   float[] a, int aOffset, int lda,
                   float[] b, int bOffset, int ldb,
                   float beta, float[] initialC, int cOffset, int ldc) {

    static final float SENTINEL = -12345.5f;

    static GemmProblem random(boolean transposeA, boolean transposeB, int m, int n, int k, float beta,
                              SplittableRandom random) {
        int aRows = transposeA ? k : m;
        int aColumns = transposeA ? m : k;
        int bRows = transposeB ? n : k;
        int bColumns = transposeB ? k : n;
        int lda = aColumns + random.nextInt(4);
        int ldb = bColumns + random.nextInt(4);
        int ldc = n + random.nextInt(4);
        int aOffset = random.nextInt(5);
        int bOffset = random.nextInt(5);
        int cOffset = random.nextInt(5);
        return new GemmProblem(transposeA, transposeB, m, n, k,
                filled(aOffset, aRows, aColumns, lda, random), aOffset, lda,
                filled(bOffset, bRows, bColumns, ldb, random), bOffset, ldb,
                beta, filled(cOffset, m, n, ldc, random), cOffset, ldc);
    }

    /** An array with a rows × columns block of values in [-1, 1) and sentinels everywhere else. */
    private static float[] filled(int offset, int rows, int columns, int leadingDimension, SplittableRandom random) {
        float[] array = new float[offset + rows * leadingDimension + 3];
        java.util.Arrays.fill(array, SENTINEL);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                array[offset + r * leadingDimension + c] = (float) (2 * random.nextDouble() - 1);
            }
        }
        return array;
    }

    float opA(int i, int p) {
        return transposeA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
    }

    float opB(int p, int j) {
        return transposeB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
    }

    int cIndex(int i, int j) {
        return cOffset + i * ldc + j;
    }

    /** Runs the product with {@code kernel}, split over {@code workers}, on a fresh copy of C. */
    float[] solve(GemmKernel kernel, org.s3gd.parallel.Workers workers) {
        float[] c = initialC.clone();
        Gemm.multiplyUnchecked(kernel, transposeA, transposeB, m, n, k,
                a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, workers);
        return c;
    }

    /** The exact product in double; entries outside the C block keep their sentinel. */
    double[] exact() {
        double[] c = new double[initialC.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = initialC[i];
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) opA(i, p) * opB(p, j);
                }
                c[cIndex(i, j)] = sum + (beta == 0f ? 0 : beta * (double) initialC[cIndex(i, j)]);
            }
        }
        return c;
    }

    /**
     * How far a float result may drift from {@link #exact()} at element (i, j): float rounding of a
     * k-term sum is bounded by about k · 2⁻²⁴ · Σ|a·b|; allow ten times that.
     */
    double tolerance(int i, int j) {
        double magnitude = beta == 0f ? 0 : Math.abs(beta * (double) initialC[cIndex(i, j)]);
        for (int p = 0; p < k; p++) {
            magnitude += Math.abs((double) opA(i, p) * opB(p, j));
        }
        return 1e-6 * (k + 2) * magnitude + Float.MIN_NORMAL;
    }

    @Override
    public String toString() {
        return "op(A)[" + m + "×" + k + "]" + (transposeA ? "ᵀ" : "") + " · op(B)[" + k + "×" + n + "]"
                + (transposeB ? "ᵀ" : "") + ", beta " + beta + ", lda " + lda + ", ldb " + ldb + ", ldc " + ldc;
    }
}
