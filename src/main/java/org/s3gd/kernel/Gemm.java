package org.s3gd.kernel;

import org.s3gd.parallel.Workers;

/** Placeholder general matrix multiply (replaced by the packed SIMD kernel). */
public final class Gemm {
    private Gemm() {
    }

    public static void multiply(boolean transposeA, boolean transposeB, int m, int n, int k,
                                float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                float beta, float[] c, int cOffset, int ldc, Workers workers) {
        workers.forEachChunk(m, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < n; j++) {
                    float sum = 0f;
                    for (int p = 0; p < k; p++) {
                        float av = transposeA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                        float bv = transposeB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                        sum += av * bv;
                    }
                    int idx = cOffset + i * ldc + j;
                    c[idx] = beta == 0f ? sum : beta * c[idx] + sum;
                }
            }
        });
    }
}
