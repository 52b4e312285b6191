package org.s3gd.kernel;

/**
 * Small vector operations of the event-driven kernels (row additions, decays): checks ranges and
 * delegates to the {@link VectorOpsKernel} its backend chose.
 */
public final class VectorOps {
    private final VectorOpsKernel kernel;

    public VectorOps(VectorOpsKernel kernel) {
        this.kernel = kernel;
    }

    /** The implementation in use, for reports. */
    public String implementation() {
        return kernel.name();
    }

    /** {@code y[yOff + k] += a · x[xOff + k]} for k in [0, n). */
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange(x, xOff, n, "x");
        checkRange(y, yOff, n, "y");
        kernel.axpy(a, x, xOff, y, yOff, n);
    }

    /** {@code x[off + k] *= a} for k in [0, n). */
    public void scale(float a, float[] x, int off, int n) {
        checkRange(x, off, n, "x");
        kernel.scale(a, x, off, n);
    }

    /** {@code y[yOff + k] = a · x[xOff + k]} for k in [0, n). */
    public void scaleInto(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange(x, xOff, n, "x");
        checkRange(y, yOff, n, "y");
        kernel.scaleInto(a, x, xOff, y, yOff, n);
    }

    /** {@code Σ_k x[xOff + k] · y[yOff + k]} for k in [0, n). */
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange(x, xOff, n, "x");
        checkRange(y, yOff, n, "y");
        return kernel.dot(x, xOff, y, yOff, n);
    }

    /**
     * Writes, in increasing order, the indices k in [0, n) with {@code x[k] > level} into {@code out}
     * and returns how many there are. Used to find the few neurons near or above threshold.
     */
    public int indicesAbove(float[] x, int n, float level, int[] out) {
        checkRange(x, 0, n, "x");
        if (out.length < n) {
            throw new IllegalArgumentException("out has length " + out.length + " < n = " + n);
        }
        return kernel.indicesAbove(x, n, level, out);
    }

    static void checkRange(float[] array, int offset, int n, String name) {
        if (n < 0 || offset < 0 || (long) offset + n > array.length) {
            throw new IllegalArgumentException(name + ": range [" + offset + ", " + ((long) offset + n)
                + ") is outside an array of length " + array.length);
        }
    }
}
