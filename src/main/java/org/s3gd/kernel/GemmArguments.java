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
        // Stored shapes: op(A) = Aᵀ means A is stored k×m, and likewise for B.
        String problem = checkOperand("A", transposeA, transposeA ? k : m, transposeA ? m : k, a, aOffset, lda);
        if (problem == null) {
            problem = checkOperand("B", transposeB, transposeB ? n : k, transposeB ? k : n, b, bOffset, ldb);
        }
        if (problem == null) {
            problem = checkOperand("C", false, m, n, c, cOffset, ldc);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem + ", for op(A)[" + m + "×" + k + "] · op(B)[" + k + "×" + n
                    + "] into C[" + m + "×" + n + "]");
        }
    }

    /** What is wrong with one operand, or null; messages are built only on failure (no garbage per call). */
    private static String checkOperand(String name, boolean transposed, int rows, int columns,
                                       float[] array, int offset, int leadingDimension) {
        if (array == null) {
            return name + " must not be null";
        }
        long needed = rows == 0 || columns == 0
                ? offset
                : offset + (long) (rows - 1) * leadingDimension + columns;
        if (offset < 0) {
            return "negative offset: " + stored(name, transposed, rows, columns, offset, leadingDimension);
        }
        if (leadingDimension < Math.max(1, columns)) {
            return "leading dimension " + leadingDimension + " is less than the " + columns + " stored columns: "
                    + stored(name, transposed, rows, columns, offset, leadingDimension);
        }
        if (needed > array.length) {
            return name + " needs " + needed + " floats but its array holds " + array.length + ": "
                    + stored(name, transposed, rows, columns, offset, leadingDimension);
        }
        return null;
    }

    private static String stored(String name, boolean transposed, int rows, int columns, int offset, int leadingDimension) {
        return name + (transposed ? " (transposed)" : "") + " stored as " + rows + "×" + columns
                + " with offset " + offset + " and leading dimension " + leadingDimension;
    }
}
