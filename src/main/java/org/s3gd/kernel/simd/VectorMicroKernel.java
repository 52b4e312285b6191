package org.s3gd.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link VectorGemmKernel}: {@value #TILE_ROWS} rows of C by one or two
 * vectors of columns, held in registers for a whole depth block.
 *
 * <p>Each depth step loads the sliver's row of packed B (one or two vectors), broadcasts one
 * A value per tile row and issues one fused multiply-add per accumulator. Twelve
 * independent accumulators hide the four-cycle FMA latency on two FMA pipes with room to spare;
 * with the two B vectors and a broadcast they stay inside the 32 vector registers of AVX-512
 * (and spill little on the 16 of AVX2).
 *
 * <p>Every accumulator sums its depth block in order from zero, so the value written for an element
 * of C does not depend on where its tile sits: the property {@link org.s3gd.kernel.Gemm} uses to split C across
 * threads deterministically.
 */
final class VectorMicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final int TILE_ROWS = 6;

    private VectorMicroKernel() {
    }

    /**
     * The width of the B sliver (and register tile) that covers the next {@code remaining} columns:
     * two vectors, or one when the remaining columns fit in one, so a narrow right edge (200 = 6 ·
     * 32 + 8 columns) does not pay for a full two-vector tile.
     */
    static int sliverWidth(int remaining, int lanes) {
        return remaining > lanes ? 2 * lanes : lanes;
    }

    /**
     * tile[6 × 2 vectors] = A-sliver · B-sliver, row r of the tile at {@code r · 2 · LANES}; then
     * {@link #mergeTile} moves it into C. Row r of the A sliver is {@code depth} consecutive floats
     * from {@code aStart + r · aRowStride}.
     */
    static void wideTile(int depth, float[] a, int aStart, int aRowStride, float[] packedB, int bStart, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES), c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES), c51 = FloatVector.zero(SPECIES);
        // Row r of the A sliver is depth-contiguous from row[r]: unit stride in p keeps every
        // index of the loop a constant-scale function of p, so C2 hoists all range checks.
        int row0 = aStart, row1 = row0 + aRowStride, row2 = row1 + aRowStride;
        int row3 = row2 + aRowStride, row4 = row3 + aRowStride, row5 = row4 + aRowStride;
        int width = 2 * LANES;
        for (int p = 0; p < depth; p++) {
            int bAt = bStart + p * width;
            FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, bAt);
            FloatVector b1 = FloatVector.fromArray(SPECIES, packedB, bAt + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[row0 + p]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[row1 + p]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[row2 + p]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[row3 + p]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[row4 + p]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[row5 + p]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
        }
        c00.intoArray(tile, 0 * LANES);
        c01.intoArray(tile, 1 * LANES);
        c10.intoArray(tile, 2 * LANES);
        c11.intoArray(tile, 3 * LANES);
        c20.intoArray(tile, 4 * LANES);
        c21.intoArray(tile, 5 * LANES);
        c30.intoArray(tile, 6 * LANES);
        c31.intoArray(tile, 7 * LANES);
        c40.intoArray(tile, 8 * LANES);
        c41.intoArray(tile, 9 * LANES);
        c50.intoArray(tile, 10 * LANES);
        c51.intoArray(tile, 11 * LANES);
    }

    /**
     * tile[6 × 1 vector] = A-sliver · B-sliver, row r at {@code r · LANES}: the tile for right edges
     * no wider than one vector.
     */
    static void narrowTile(int depth, float[] a, int aStart, int aRowStride, float[] packedB, int bStart, float[] tile) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES), c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES), c5 = FloatVector.zero(SPECIES);
        int row0 = aStart, row1 = row0 + aRowStride, row2 = row1 + aRowStride;
        int row3 = row2 + aRowStride, row4 = row3 + aRowStride, row5 = row4 + aRowStride;
        for (int p = 0; p < depth; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, bStart + p * LANES);
            c0 = b0.fma(FloatVector.broadcast(SPECIES, a[row0 + p]), c0);
            c1 = b0.fma(FloatVector.broadcast(SPECIES, a[row1 + p]), c1);
            c2 = b0.fma(FloatVector.broadcast(SPECIES, a[row2 + p]), c2);
            c3 = b0.fma(FloatVector.broadcast(SPECIES, a[row3 + p]), c3);
            c4 = b0.fma(FloatVector.broadcast(SPECIES, a[row4 + p]), c4);
            c5 = b0.fma(FloatVector.broadcast(SPECIES, a[row5 + p]), c5);
        }
        c0.intoArray(tile, 0 * LANES);
        c1.intoArray(tile, 1 * LANES);
        c2.intoArray(tile, 2 * LANES);
        c3.intoArray(tile, 3 * LANES);
        c4.intoArray(tile, 4 * LANES);
        c5.intoArray(tile, 5 * LANES);
    }

    /**
     * C = tile + beta · C over {@code rows} rows and {@code columns} columns of a tile {@code width}
     * floats wide: one rounding per element (a fused multiply-add), lanes past {@code columns}
     * neither read nor written, and with {@code beta == 0} the old C never read.
     *
     * <p>The register tiles go through this small loop instead of storing into C themselves: twelve
     * inlined masked read-modify-writes push the tile past C2's inlining node budget, after which
     * the accumulators are boxed on every call.
     */
    static void mergeTile(float[] tile, int width, int rows, int columns,
                          float[] c, int cStart, int ldc, float beta) {
        FloatVector scale = FloatVector.broadcast(SPECIES, beta);
        for (int r = 0; r < rows; r++) {
            for (int column = 0; column < columns; column += LANES) {
                VectorMask<Float> lanes = SPECIES.indexInRange(column, columns);
                FloatVector sum = FloatVector.fromArray(SPECIES, tile, r * width + column);
                int at = cStart + r * ldc + column;
                if (beta == 0f) {
                    sum.intoArray(c, at, lanes);
                } else {
                    FloatVector.fromArray(SPECIES, c, at, lanes).fma(scale, sum).intoArray(c, at, lanes);
                }
            }
        }
    }
}
