package org.s3gd.kernel;

/**
 * The packed panels and edge tile one thread needs to run {@link VectorGemmKernel}. One instance
 * lives per thread and is reused for every product, so the steady state allocates nothing.
 */
final class PackingWorkspace {
    private static final ThreadLocal<PackingWorkspace> PER_THREAD = ThreadLocal.withInitial(PackingWorkspace::new);

    /** A block of op(A), {@code rowBlock × depthBlock}, in row slivers. */
    final float[] packedA;
    /** A block of op(B), {@code depthBlock × columnBlock} rounded up to whole slivers. */
    final float[] packedB;
    /** One register tile, where tiles that hang over the last rows of C are computed first. */
    final float[] edgeTile;

    private PackingWorkspace() {
        int lanes = VectorMicroKernel.LANES;
        packedA = new float[VectorGemmKernel.ROW_BLOCK * VectorGemmKernel.DEPTH_BLOCK];
        int paddedColumns = Math.ceilDiv(VectorGemmKernel.COLUMN_BLOCK, 2 * lanes) * 2 * lanes;
        packedB = new float[VectorGemmKernel.DEPTH_BLOCK * paddedColumns];
        edgeTile = new float[VectorMicroKernel.TILE_ROWS * 2 * lanes];
    }

    static PackingWorkspace forCurrentThread() {
        return PER_THREAD.get();
    }
}
