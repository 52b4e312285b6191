package org.s3gd.kernel;

import org.s3gd.parallel.Workers;

/**
 * Dense single-precision matrix product on row-major arrays, in the style of BLAS {@code sgemm}:
 * {@code C[m×n] = op(A)[m×k] · op(B)[k×n] + beta · C}, where {@code op(X)} is X or its transpose.
 *
 * <p>A matrix X stored row-major with leading dimension {@code ldx} keeps element (r, c) at
 * {@code x[xOffset + r · ldx + c]}. With {@code transposeA} the stored A is {@code k × m} and
 * op(A) = Aᵀ; likewise B is stored {@code n × k} under {@code transposeB}. This covers the dense
 * BPTT products without copying: forward current X·W, weight gradient Xᵀ·E, input gradient E·Wᵀ.
 *
 * <p>{@code beta == 0} overwrites C without reading it (NaN there does no harm); {@code beta == 1}
 * accumulates into C.
 *
 * <p>This class checks every argument and then hands the product to the {@link GemmKernel} its
 * backend chose, split over {@link Workers} into blocks of whole rows (or whole columns, when C has few rows), or,
 * for a long depth and a small C, into fixed depth slabs ({@link DepthSlabs}). Each element of C is
 * computed in a summation order that depends only on the shape, so results are bit-identical for
 * any thread count, run after run.
 */
public final class Gemm {
    /** Below this many multiply-adds, handing work to other threads costs more than it saves. */
    private static final long MIN_PARALLEL_WORK = 1L << 16;

    private final GemmKernel kernel;

    public Gemm(GemmKernel kernel) {
        this.kernel = kernel;
    }

    /** The single-threaded kernel the products run on. */
    public GemmKernel kernel() {
        return kernel;
    }

    /** {@code C = op(A) · op(B) + beta · C} on arbitrary blocks of larger arrays; see the class comment. */
    public void multiply(boolean transposeA, boolean transposeB, int m, int n, int k,
                                float[] a, int aOffset, int lda,
                                float[] b, int bOffset, int ldb,
                                float beta, float[] c, int cOffset, int ldc, Workers workers) {
        GemmArguments.check(transposeA, transposeB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (workers == null) {
            throw new IllegalArgumentException("workers must not be null");
        }
        multiplyUnchecked(kernel, transposeA, transposeB, m, n, k,
                a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, workers);
    }

    /**
     * {@code C = op(A) · op(B) + beta · C} on whole, tightly packed arrays: op(A) is m×k, op(B) is
     * k×n, C is m×n, each starting at index 0 with leading dimension equal to its stored width.
     */
    public void multiply(boolean transposeA, boolean transposeB, int m, int n, int k,
                                float[] a, float[] b, float beta, float[] c, Workers workers) {
        multiply(transposeA, transposeB, m, n, k,
                a, 0, Math.max(1, transposeA ? m : k), b, 0, Math.max(1, transposeB ? k : n),
                beta, c, 0, Math.max(1, n), workers);
    }

    /** {@code C = A · B} on whole, tightly packed arrays, overwriting C. */
    public void multiply(int m, int n, int k, float[] a, float[] b, float[] c, Workers workers) {
        multiply(false, false, m, n, k, a, b, 0f, c, workers);
    }

    /**
     * Runs {@code kernel} over blocks of C split across {@code workers}. Package-private so tests can
     * drive each kernel through the same split; arguments must already be checked.
     */
    static void multiplyUnchecked(GemmKernel kernel, boolean transposeA, boolean transposeB, int m, int n, int k,
                                  float[] a, int aOffset, int lda,
                                  float[] b, int bOffset, int ldb,
                                  float beta, float[] c, int cOffset, int ldc, Workers workers) {
        int rowTiles = Math.ceilDiv(m, kernel.rowTile());
        int columnTiles = Math.ceilDiv(n, kernel.columnTile());
        boolean small = (long) m * n * k < MIN_PARALLEL_WORK;
        if (DepthSlabs.suits(m, n, k)) {
            // Chosen by shape alone, never by thread count: the summation order must not change.
            DepthSlabs.multiply(kernel, transposeA, transposeB, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                    beta, c, cOffset, ldc, workers);
        } else if (workers.threads() == 1 || small || Math.max(rowTiles, columnTiles) < 2) {
            kernel.multiply(transposeA, transposeB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        } else if (rowTiles >= columnTiles) {
            int tile = kernel.rowTile();
            workers.forEachChunk(rowTiles, (chunk, fromTile, toTile) -> {
                int from = fromTile * tile;
                int rows = Math.min(toTile * tile, m) - from;
                int aBlock = aOffset + (transposeA ? from : from * lda);
                kernel.multiply(transposeA, transposeB, rows, n, k, a, aBlock, lda, b, bOffset, ldb,
                        beta, c, cOffset + from * ldc, ldc);
            });
        } else {
            int tile = kernel.columnTile();
            workers.forEachChunk(columnTiles, (chunk, fromTile, toTile) -> {
                int from = fromTile * tile;
                int columns = Math.min(toTile * tile, n) - from;
                int bBlock = bOffset + (transposeB ? from * ldb : from);
                kernel.multiply(transposeA, transposeB, m, columns, k, a, aOffset, lda, b, bBlock, ldb,
                        beta, c, cOffset + from, ldc);
            });
        }
    }
}
