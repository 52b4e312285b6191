package org.s3gd.kernel;

/** The inner loops of the sparse backward pass; implementations trust their arguments, {@link SparseKernels} checks them. */
public interface SparseKernel {
    String name();

    /** Floats per vector the implementation loads at once (1 for plain loops); rows are padded to a multiple. */
    int lanes();

    /** The row stride of {@code Wᵀ} a spike-gradient walk over {@code width} units reads (padding zero). */
    int walkStride(int width);

    /** See {@link SparseKernels#accumulateRows}. */
    void accumulateRows(float[] rows, int width, int[] rowIndex, float[] coefficient, int from, int to,
                        float[] out, int outOffset);

    /** See {@link SparseKernels#spikeGradient}. */
    void spikeGradient(SpikeGradientWalk walk, float[] scratch, int[] events);

    /** See {@link SparseKernels#recurrentDelta}. */
    void recurrentDelta(RecurrentWalk walk, float[] scratch);
}
