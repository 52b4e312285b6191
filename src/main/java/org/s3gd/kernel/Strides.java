package org.s3gd.kernel;

/** Row strides: widths rounded up to whole vectors, so vector kernels load rows without masks. */
public final class Strides {
    private Strides() {
    }

    /** {@code n} rounded up to a multiple of {@code lanes}. */
    public static int padded(int n, int lanes) {
        return (n + lanes - 1) / lanes * lanes;
    }
}
