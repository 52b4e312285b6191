package org.s3gd.kernel;

import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the contiguous layouts the register tiles of
 * {@link VectorMicroKernel} stream through (the BLIS packing scheme).
 *
 * <p>Packing is where transposition is absorbed: a transposed operand is read in a different
 * order here, and the micro-kernel never knows. Panels are zero-padded to whole tiles so the
 * micro-kernel needs no row or depth tails; the zeros add nothing to any sum.
 */
final class PanelPacking {

    private PanelPacking() {
    }

    /**
     * Packs rows {@code [rowStart, rowStart + rows)} and depths {@code [depthStart, depthStart +
     * depth)} of op(A) into slivers of {@code tileRows} rows. Sliver {@code s} starts at
     * {@code s · tileRows · depth}; inside it, element (r, p) sits at {@code p · tileRows + r}, so
     * each depth step of the micro-kernel reads {@code tileRows} consecutive floats.
     */
    static void packA(boolean transposeA, float[] a, int aOffset, int lda,
                      int rowStart, int rows, int depthStart, int depth,
                      int tileRows, float[] packed) {
        if (transposeA) {
            // op(A)[i][p] = A[p][i]: walk the stored rows in memory order and deal each one out
            // across the slivers, so the hardware prefetcher sees one sequential stream per row.
            for (int p = 0; p < depth; p++) {
                int source = aOffset + (depthStart + p) * lda + rowStart;
                for (int sliverRow = 0; sliverRow < rows; sliverRow += tileRows) {
                    int at = sliverRow * depth + p * tileRows;
                    int filled = Math.min(tileRows, rows - sliverRow);
                    for (int r = 0; r < filled; r++) {
                        packed[at + r] = a[source + sliverRow + r];
                    }
                }
            }
        } else {
            for (int sliverRow = 0; sliverRow < rows; sliverRow += tileRows) {
                int base = sliverRow * depth;
                int filled = Math.min(tileRows, rows - sliverRow);
                for (int r = 0; r < filled; r++) {
                    int source = aOffset + (rowStart + sliverRow + r) * lda + depthStart;
                    for (int p = 0; p < depth; p++) {
                        packed[base + p * tileRows + r] = a[source + p];
                    }
                }
            }
        }
        int lastFilled = rows % tileRows;
        if (lastFilled != 0) {
            // Zero rows below the last real row of the last sliver.
            int base = (rows - lastFilled) * depth;
            for (int p = 0; p < depth; p++) {
                int at = base + p * tileRows;
                Arrays.fill(packed, at + lastFilled, at + tileRows, 0f);
            }
        }
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
