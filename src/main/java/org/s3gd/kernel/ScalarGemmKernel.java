package org.s3gd.kernel;

/**
 * The reference kernel: plain loops, no blocking, no SIMD. It is the fallback where the Vector API
 * is missing and the yardstick the vectorised kernel is tested against.
 *
 * <p>Each element of C is summed over {@code p = 0 .. k-1} in order into a float accumulator, then
 * combined with {@code beta · C} in one fused multiply-add.
 */
public final class ScalarGemmKernel implements GemmKernel {

    @Override
    public void multiply(boolean transposeA, boolean transposeB, int m, int n, int k,
                         float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc) {
        // Strides of op(A)[i][p] and op(B)[p][j] in the stored arrays.
        int aRowStride = transposeA ? 1 : lda;
        int aDepthStride = transposeA ? lda : 1;
        int bDepthStride = transposeB ? 1 : ldb;
        int bColumnStride = transposeB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            int aRow = aOffset + i * aRowStride;
            int cRow = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                int bColumn = bOffset + j * bColumnStride;
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[aRow + p * aDepthStride] * b[bColumn + p * bDepthStride];
                }
                c[cRow + j] = beta == 0f ? sum : Math.fma(beta, c[cRow + j], sum);
            }
        }
    }

    @Override
    public int rowTile() {
        return 1;
    }

    @Override
    public int columnTile() {
        return 1;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
