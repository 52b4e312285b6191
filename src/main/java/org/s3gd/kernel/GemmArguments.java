package org.s3gd.kernel;

/**
 * The argument checks of {@link Gemm}, kept apart so the kernels can trust their inputs. Sizes are
 * computed in {@code long}: a 128,000 × 1,156 operand is past the reach of careless {@code int}
 * products.
 */
final class GemmArguments {

    private GemmArguments() {
    }

    static void check(boolean transposeA, boolean transposeB, int m, int n, int k,
                      float[] a, int aOffset, int lda,
                      float[] b, int bOffset, int ldb,
                      float[] c, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(
                    "dimensions must be non-negative, got m=" + m + ", n=" + n + ", k=" + k);
        }
        String product = "op(A)[" + m + "×" + k + "] · op(B)[" + k + "×" + n + "] into C[" + m + "×" + n + "]";
        // Stored shapes: op(A) = Aᵀ means A is stored k×m, and likewise for B.
        checkOperand("A", transposeA, transposeA ? k : m, transposeA ? m : k, a, aOffset, lda, product);
        checkOperand("B", transposeB, transposeB ? n : k, transposeB ? k : n, b, bOffset, ldb, product);
        checkOperand("C", false, m, n, c, cOffset, ldc, product);
    }

    private static void checkOperand(String name, boolean transposed, int rows, int columns,
                                     float[] array, int offset, int leadingDimension, String product) {
        String stored = name + (transposed ? " (transposed)" : "") + " stored as " + rows + "×" + columns
                + " with offset " + offset + " and leading dimension " + leadingDimension;
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null, for " + product);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset: " + stored + ", for " + product);
        }
        if (leadingDimension < Math.max(1, columns)) {
            throw new IllegalArgumentException("leading dimension " + leadingDimension + " is less than the "
                    + columns + " stored columns: " + stored + ", for " + product);
        }
        long needed = rows == 0 || columns == 0
                ? offset
                : offset + (long) (rows - 1) * leadingDimension + columns;
        if (needed > array.length) {
            throw new IllegalArgumentException(name + " needs " + needed + " floats but its array holds "
                    + array.length + ": " + stored + ", for " + product);
        }
    }
}
