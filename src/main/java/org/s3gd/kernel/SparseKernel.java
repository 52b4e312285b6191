package org.s3gd.kernel;

/** Unchecked implementations of {@link SparseKernels}; callers guarantee the ranges. */
interface SparseKernel {
    String name();

    void accumulateRows(float[] rows, int width, int[] rowIndex, float[] coefficient, int from, int to,
                        float[] out, int outOffset);


    void spikeGradient(SpikeGradientWalk walk, float[] scratch, int[] events);
}
