package org.s3gd.kernel.simd;

import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the contiguous layouts the register tiles of
 * {@link VectorMicroKernel} stream through (the BLIS packing scheme).
 *
 * <p>Packing is where transposition is absorbed: a transposed operand is read in a different
 * order here, and the micro-kernel never knows. Panels are zero-padded to whole tiles so the
 * micro-kernel needs no row or column tails; the zeros add nothing to any sum.
 */
final class PanelPacking {

    private PanelPacking() {
    }

    /**
     * Copies rows {@code [rowStart, rowStart + rows)} and depths {@code [depthStart, depthStart +
     * depth)} of op(A) into a row-major block with leading dimension {@code depth}, followed by zero
     * rows up to a whole number of {@code tileRows}. Untransposed A is read in place by the kernel
     * and only needs this for a last, partial sliver; transposed A always comes through here.
     */
    static void packA(boolean transposeA, float[] a, int aOffset, int lda,
                      int rowStart, int rows, int depthStart, int depth,
                      int tileRows, float[] packed) {
        if (transposeA) {
            // op(A)[i][p] = A[p][i]: walk the stored rows in memory order, one sequential read
            // stream, and deal each one out down a column of the block.
            for (int p = 0; p < depth; p++) {
                int source = aOffset + (depthStart + p) * lda + rowStart;
                for (int i = 0; i < rows; i++) {
                    packed[i * depth + p] = a[source + i];
                }
            }
        } else {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(a, aOffset + (rowStart + i) * lda + depthStart, packed, i * depth, depth);
            }
        }
        int paddedRows = Math.ceilDiv(rows, tileRows) * tileRows;
        Arrays.fill(packed, rows * depth, paddedRows * depth, 0f);
    }

    /**
     * Packs depths {@code [depthStart, depthStart + depth)} and columns {@code [columnStart,
     * columnStart + columns)} of op(B) into slivers as wide as the register tile that will read
     * them ({@link VectorMicroKernel#sliverWidth}). The sliver at column {@code j} starts at
     * {@code j · depth}; inside it, element (p, jj) sits at {@code p · width + jj}.
     */
    static void packB(boolean transposeB, float[] b, int bOffset, int ldb,
                      int depthStart, int depth, int columnStart, int columns,
                      int lanes, float[] packed) {
        if (transposeB) {
            for (int sliverColumn = 0; sliverColumn < columns; sliverColumn += 2 * lanes) {
                int width = VectorMicroKernel.sliverWidth(columns - sliverColumn, lanes);
                int filled = Math.min(width, columns - sliverColumn);
                int base = sliverColumn * depth;
                // op(B)[p][j] = B[j][p]: read each stored row once, deal it down the sliver.
                for (int jj = 0; jj < filled; jj++) {
                    int source = bOffset + (columnStart + sliverColumn + jj) * ldb + depthStart;
                    for (int p = 0; p < depth; p++) {
                        packed[base + p * width + jj] = b[source + p];
                    }
                }
                if (filled < width) {
                    for (int p = 0; p < depth; p++) {
                        int at = base + p * width;
                        Arrays.fill(packed, at + filled, at + width, 0f);
                    }
                }
            }
        } else {
            // Stored rows in memory order, each cut into its slivers: one sequential read stream.
            for (int p = 0; p < depth; p++) {
                int source = bOffset + (depthStart + p) * ldb + columnStart;
                for (int sliverColumn = 0; sliverColumn < columns; sliverColumn += 2 * lanes) {
                    int width = VectorMicroKernel.sliverWidth(columns - sliverColumn, lanes);
                    int filled = Math.min(width, columns - sliverColumn);
                    int at = sliverColumn * depth + p * width;
                    for (int jj = 0; jj < filled; jj++) {
                        packed[at + jj] = b[source + sliverColumn + jj];
                    }
                    if (filled < width) {
                        Arrays.fill(packed, at + filled, at + width, 0f);
                    }
                }
            }
        }
    }
}
