package org.s3gd.kernel.simd;

/**
 * The packed panels and register tile one thread needs to run {@link VectorGemmKernel}. One instance
 * lives per thread and is reused for every product; its arrays grow to the largest blocks seen and
 * never shrink, so the steady state of a training loop allocates nothing.
 */
final class PackingWorkspace {
    private static final ThreadLocal<PackingWorkspace> PER_THREAD = ThreadLocal.withInitial(PackingWorkspace::new);

    /** A block of op(A), rows × depth row-major, padded with zero rows to whole slivers. */
    float[] packedA = new float[0];
    /** A block of op(B), depth × columns rounded up to whole slivers. */
    float[] packedB = new float[0];
    /** One register tile's sums, on their way into C. */
    final float[] tile = new float[VectorMicroKernel.TILE_ROWS * 2 * VectorMicroKernel.LANES];

    private PackingWorkspace() {
    }

    /** This thread's workspace, with room for the given packed block sizes. */
    static PackingWorkspace forCurrentThread(int packedALength, int packedBLength) {
        PackingWorkspace workspace = PER_THREAD.get();
        if (workspace.packedA.length < packedALength) {
            workspace.packedA = new float[packedALength];
        }
        if (workspace.packedB.length < packedBLength) {
            workspace.packedB = new float[packedBLength];
        }
        return workspace;
    }
}
