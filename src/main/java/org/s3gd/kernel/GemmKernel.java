package org.s3gd.kernel;

/**
 * A single-threaded implementation of {@code C = op(A) · op(B) + beta · C} on row-major float
 * arrays, as defined by {@link Gemm#multiply}. Implementations trust their arguments: shapes,
 * offsets and lengths are checked once by {@link Gemm} before any kernel runs.
 *
 * <p>Every implementation must compute each element of C from its own row of op(A) and column of
 * op(B) in an order that depends only on {@code k}, never on which block of C it is asked for.
 * {@link Gemm} relies on this to split C across threads and still get bit-identical results for
 * any split.
 */
public interface GemmKernel {

    /**
     * Computes {@code C[m×n] = op(A)[m×k] · op(B)[k×n] + beta · C}. With {@code beta == 0} the old
     * contents of C are never read, so NaN or garbage there does not leak into the result.
     */
    void multiply(boolean transposeA, boolean transposeB, int m, int n, int k,
                  float[] a, int aOffset, int lda,
                  float[] b, int bOffset, int ldb,
                  float beta, float[] c, int cOffset, int ldc);

    /**
     * The number of rows of C this kernel computes at once; splitting C across threads on
     * multiples of it wastes no work on partly filled register tiles.
     */
    int rowTile();

    /** Like {@link #rowTile()} for columns of C. */
    int columnTile();

    /** A short name for logs and benchmark reports, such as {@code "vector-512"}. */
    String name();
}
