package org.s3gd.kernel;

/**
 * Small vector operations of the event-driven kernels (row additions, decays), behind a facade
 * that checks ranges and delegates to an implementation chosen once at start-up: the Vector API
 * one where the JVM has {@code jdk.incubator.vector}, a scalar one otherwise (or when the system
 * property {@code s3gd.kernel=scalar} is set).
 */
public final class VectorOps {
    private static final VectorOpsKernel KERNEL = choose();

    private VectorOps() {
    }

    static VectorOpsKernel choose() {
        if ("scalar".equals(System.getProperty("s3gd.kernel"))) {
            return new ScalarVectorOps();
        }
        try {
            return new SimdVectorOps();
        } catch (LinkageError | RuntimeException e) {
            return new ScalarVectorOps();
        }
    }

    /** The implementation in use, for reports. */
    public static String implementation() {
        return KERNEL.name();
    }

    /** {@code y[yOff + k] += a · x[xOff + k]} for k in [0, n). */
    public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange(x, xOff, n, "x");
        checkRange(y, yOff, n, "y");
        KERNEL.axpy(a, x, xOff, y, yOff, n);
    }

    /** {@code x[off + k] *= a} for k in [0, n). */
    public static void scale(float a, float[] x, int off, int n) {
        checkRange(x, off, n, "x");
        KERNEL.scale(a, x, off, n);
    }

    /** {@code y[yOff + k] = a · x[xOff + k]} for k in [0, n). */
    public static void scaleInto(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange(x, xOff, n, "x");
        checkRange(y, yOff, n, "y");
        KERNEL.scaleInto(a, x, xOff, y, yOff, n);
    }

    /** {@code Σ_k x[xOff + k] · y[yOff + k]} for k in [0, n). */
    public static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        checkRange(x, xOff, n, "x");
        checkRange(y, yOff, n, "y");
        return KERNEL.dot(x, xOff, y, yOff, n);
    }

    /**
     * Writes, in increasing order, the indices k in [0, n) with {@code x[k] > level} into {@code out}
     * and returns how many there are. Used to find the few neurons near or above threshold.
     */
    public static int indicesAbove(float[] x, int n, float level, int[] out) {
        checkRange(x, 0, n, "x");
        if (out.length < n) {
            throw new IllegalArgumentException("out has length " + out.length + " < n = " + n);
        }
        return KERNEL.indicesAbove(x, n, level, out);
    }

    static void checkRange(float[] array, int offset, int n, String name) {
        if (n < 0 || offset < 0 || (long) offset + n > array.length) {
            throw new IllegalArgumentException(name + ": range [" + offset + ", " + ((long) offset + n)
                + ") is outside an array of length " + array.length);
        }
    }
}
