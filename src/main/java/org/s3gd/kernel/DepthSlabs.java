package org.s3gd.kernel;

import org.s3gd.parallel.Workers;

/**
 * Long, thin products split along the depth instead of across C: the weight gradient Xᵀ·E has a
 * C of only N_in × N (200 × 200) but a depth of B·T (25,600 and more). Split by rows of C, every
 * thread would pack all of op(B) for its few rows; split by depth, each packs only its own part.
 *
 * <p>The depth is cut into {@value #SLABS} fixed slabs, a number that does not depend on the
 * thread count. Each slab's product goes into its own partial C, and the partials are added in
 * slab order, so every element of C has the same value for any number of threads.
 */
final class DepthSlabs {
    static final int SLABS = 16;
    /** Slabs shorter than this would spend more on partial sums than they save on packing. */
    private static final int MIN_DEPTH = 4096;
    /** The partial products must stay a modest workspace (64 MB). */
    private static final long MAX_PARTIAL_FLOATS = 1L << 24;
    private static final ThreadLocal<float[]> PARTIALS = ThreadLocal.withInitial(() -> new float[0]);

    private DepthSlabs() {
    }

    /** Whether a product of this shape is computed in depth slabs; depends on the shape alone. */
    static boolean suits(int m, int n, int k) {
        return k >= MIN_DEPTH
                && k >= 16L * Math.max(m, n)
                && (long) SLABS * m * n <= MAX_PARTIAL_FLOATS;
    }

    /** {@code C = op(A) · op(B) + beta · C}, as {@link GemmKernel#multiply}, for a shape that {@link #suits}. */
    static void multiply(GemmKernel kernel, boolean transposeA, boolean transposeB, int m, int n, int k,
                         float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc, Workers workers) {
        int partialSize = m * n;
        float[] partials = partialsForCurrentThread(SLABS * partialSize);
        workers.forEachChunk(SLABS, (chunk, fromSlab, toSlab) -> {
            for (int slab = fromSlab; slab < toSlab; slab++) {
                int depthStart = (int) ((long) k * slab / SLABS);
                int depth = (int) ((long) k * (slab + 1) / SLABS) - depthStart;
                // Depth p of op(A) is column p of A, or row p when A is stored transposed; B the other way.
                int aSlab = aOffset + (transposeA ? depthStart * lda : depthStart);
                int bSlab = bOffset + (transposeB ? depthStart : depthStart * ldb);
                kernel.multiply(transposeA, transposeB, m, n, depth, a, aSlab, lda, b, bSlab, ldb,
                        0f, partials, slab * partialSize, n);
            }
        });
        workers.forEachChunk(m, (chunk, fromRow, toRow) ->
                addPartials(partials, partialSize, n, fromRow, toRow, beta, c, cOffset, ldc));
    }

    /** C = ((partial 0 + partial 1) + partial 2) + … + beta · C for rows {@code [fromRow, toRow)}. */
    private static void addPartials(float[] partials, int partialSize, int n, int fromRow, int toRow,
                                    float beta, float[] c, int cOffset, int ldc) {
        for (int i = fromRow; i < toRow; i++) {
            int sumRow = i * n;
            // Partial 0 doubles as the running sum: the same order as a scalar loop over slabs.
            for (int slab = 1; slab < SLABS; slab++) {
                int partialRow = slab * partialSize + i * n;
                for (int j = 0; j < n; j++) {
                    partials[sumRow + j] += partials[partialRow + j];
                }
            }
            int cRow = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                float sum = partials[sumRow + j];
                c[cRow + j] = beta == 0f ? sum : Math.fma(beta, c[cRow + j], sum);
            }
        }
    }

    private static float[] partialsForCurrentThread(int length) {
        float[] partials = PARTIALS.get();
        if (partials.length < length) {
            partials = new float[length];
            PARTIALS.set(partials);
        }
        return partials;
    }
}
