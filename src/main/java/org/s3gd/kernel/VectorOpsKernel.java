package org.s3gd.kernel;

/** Unchecked implementations of {@link VectorOps}; callers guarantee the ranges. */
public interface VectorOpsKernel {
    String name();

    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

    void scale(float a, float[] x, int off, int n);

    void scaleInto(float a, float[] x, int xOff, float[] y, int yOff, int n);

    float dot(float[] x, int xOff, float[] y, int yOff, int n);

    int indicesAbove(float[] x, int n, float level, int[] out);
}
