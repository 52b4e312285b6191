package org.s3gd.data.shd;

/**
 * Reads the numeric arrays jHDF returns (of any primitive element type) without boxing, so the
 * loader accepts whatever types a writer chose: float16/32/64 times, signed or unsigned units.
 */
final class RaggedArrays {
    private RaggedArrays() {
    }

    static boolean isNumeric(Object array) {
        return array instanceof byte[] || array instanceof short[] || array instanceof int[]
            || array instanceof long[] || array instanceof float[] || array instanceof double[];
    }

    static int length(Object array) {
        return java.lang.reflect.Array.getLength(array);
    }

    static double doubleAt(Object array, int k) {
        return switch (array) {
            case float[] a -> a[k];
            case double[] a -> a[k];
            case byte[] a -> a[k];
            case short[] a -> a[k];
            case int[] a -> a[k];
            case long[] a -> a[k];
            default -> throw new IllegalArgumentException("not a numeric array: " + array.getClass().getSimpleName());
        };
    }

    /** Element {@code k} as an integer; fractional or non-finite values give {@link Long#MIN_VALUE}. */
    static long longAt(Object array, int k) {
        return switch (array) {
            case byte[] a -> a[k];
            case short[] a -> a[k];
            case int[] a -> a[k];
            case long[] a -> a[k];
            case float[] a -> integral(a[k]);
            case double[] a -> integral(a[k]);
            default -> throw new IllegalArgumentException("not a numeric array: " + array.getClass().getSimpleName());
        };
    }

    private static long integral(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e18 ? (long) v : Long.MIN_VALUE;
    }
}
