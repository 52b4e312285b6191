package org.s3gd.kernel;

/** Plain loops: the reference the SIMD kernels are tested against, and the fallback. */
public final class ScalarVectorOps implements VectorOpsKernel {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int k = 0; k < n; k++) {
            y[yOff + k] += a * x[xOff + k];
        }
    }

    @Override
    public void scale(float a, float[] x, int off, int n) {
        for (int k = 0; k < n; k++) {
            x[off + k] *= a;
        }
    }

    @Override
    public void scaleInto(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int k = 0; k < n; k++) {
            y[yOff + k] = a * x[xOff + k];
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        float sum = 0f;
        for (int k = 0; k < n; k++) {
            sum += x[xOff + k] * y[yOff + k];
        }
        return sum;
    }

    @Override
    public int indicesAbove(float[] x, int n, float level, int[] out) {
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (x[k] > level) {
                out[count++] = k;
            }
        }
        return count;
    }
}
