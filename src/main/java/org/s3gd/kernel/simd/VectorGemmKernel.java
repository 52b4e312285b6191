package org.s3gd.kernel.simd;

import org.s3gd.kernel.GemmKernel;

/**
 * The fast kernel: BLIS-style cache blocking around the register tiles of
 * {@link VectorMicroKernel}.
 *
 * <p>Loop nest, outermost first: columns of C in blocks of {@value #COLUMN_BLOCK} (the packed B
 * block stays in L2/L3), depth in blocks of at most {@value #DEPTH_BLOCK}, rows of C in blocks of
 * {@value #ROW_BLOCK} (the A block, at most 180 KB, stays in L2 after the first B sliver), then
 * register tiles: for each B sliver, every A sliver of the block.
 *
 * <p>B is always packed into slivers. The tiles read A as depth-contiguous rows, which untransposed
 * A already is: it is read in place (copying it cost 10–20 % of the forward product, bound by
 * memory, with nothing to overlap it). Transposed A is packed into that layout first, so the four
 * transpose cases run the same inner loop.
 *
 * <p>The block sizes were measured on Zen 4 (32 KB L1, 1 MB L2 per core): depth blocks of 96–256
 * were slower on the k = 200 and k = 700 shapes than 384, which splits neither and pays the
 * load, merge and store of each tile of C once; the 48 KB B sliver streams from L2 fast enough.
 *
 * <p>The depth blocks depend only on {@code k}: every element of C is the sum of the same depth
 * blocks, each summed in order, added in order. Which thread, row block or tile computes an element
 * never changes its value.
 */
public final class VectorGemmKernel implements GemmKernel {
    /** Below this many lanes the scalar loops are about as fast and simpler to trust. */
    static final int MIN_LANES = 8;

    public static final int DEPTH_BLOCK = 384;
    static final int ROW_BLOCK = 20 * VectorMicroKernel.TILE_ROWS;
    static final int COLUMN_BLOCK = 2048;

    private static final int LANES = VectorMicroKernel.LANES;
    private static final int TILE_ROWS = VectorMicroKernel.TILE_ROWS;

    public VectorGemmKernel() {
        if (LANES < MIN_LANES) {
            // 128-bit vectors: the scalar loops are about as fast and simpler to trust.
            throw new UnsupportedOperationException("preferred float species has only " + LANES + " lanes");
        }
    }

    @Override
    public void multiply(boolean transposeA, boolean transposeB, int m, int n, int k,
                         float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scaleByBeta(m, n, beta, c, cOffset, ldc);
            return;
        }
        // Equal depth blocks (k = 400 gives 200 + 200, not 384 + 16): same work per block.
        int depthBlocks = Math.ceilDiv(k, DEPTH_BLOCK);
        int maxDepth = Math.ceilDiv(k, depthBlocks);
        int maxRows = Math.min(ROW_BLOCK, Math.ceilDiv(m, TILE_ROWS) * TILE_ROWS);
        int maxColumns = Math.min(COLUMN_BLOCK, Math.ceilDiv(n, 2 * LANES) * 2 * LANES);
        PackingWorkspace workspace = PackingWorkspace.forCurrentThread(maxRows * maxDepth, maxDepth * maxColumns);
        for (int columnStart = 0; columnStart < n; columnStart += COLUMN_BLOCK) {
            int columns = Math.min(COLUMN_BLOCK, n - columnStart);
            for (int block = 0; block < depthBlocks; block++) {
                int depthStart = (int) ((long) k * block / depthBlocks);
                int depth = (int) ((long) k * (block + 1) / depthBlocks) - depthStart;
                PanelPacking.packB(transposeB, b, bOffset, ldb, depthStart, depth, columnStart, columns,
                        LANES, workspace.packedB);
                // Later depth blocks add to what the earlier ones wrote.
                float blockBeta = block == 0 ? beta : 1f;
                for (int rowStart = 0; rowStart < m; rowStart += ROW_BLOCK) {
                    int rows = Math.min(ROW_BLOCK, m - rowStart);
                    int cBlock = cOffset + rowStart * ldc + columnStart;
                    // Untransposed A is already depth-contiguous: the tiles read whole slivers of it
                    // in place, and only a last sliver of fewer than TILE_ROWS rows is copied.
                    int inPlaceRows = transposeA ? 0 : rows - rows % TILE_ROWS;
                    if (inPlaceRows > 0) {
                        multiplyBlock(inPlaceRows, columns, depth, a, aOffset + rowStart * lda + depthStart, lda,
                                workspace, c, cBlock, ldc, blockBeta);
                    }
                    if (inPlaceRows < rows) {
                        PanelPacking.packA(transposeA, a, aOffset, lda, rowStart + inPlaceRows, rows - inPlaceRows,
                                depthStart, depth, TILE_ROWS, workspace.packedA);
                        multiplyBlock(rows - inPlaceRows, columns, depth, workspace.packedA, 0, depth,
                                workspace, c, cBlock + inPlaceRows * ldc, ldc, blockBeta);
                    }
                }
            }
        }
    }

    /**
     * Runs the register tiles over a block of op(A), row i at {@code aStart + i · aRowStride} and
     * depth-contiguous, against the packed B block. The A block holds whole slivers (zero rows pad
     * a packed block); only the first {@code rows} rows reach C.
     */
    private static void multiplyBlock(int rows, int columns, int depth, float[] a, int aStart, int aRowStride,
                                      PackingWorkspace workspace, float[] c, int cStart, int ldc, float beta) {
        float[] packedB = workspace.packedB;
        float[] tile = workspace.tile;
        for (int column = 0; column < columns; column += 2 * LANES) {
            int width = VectorMicroKernel.sliverWidth(columns - column, LANES);
            int filled = Math.min(width, columns - column);
            int bStart = column * depth;
            for (int row = 0; row < rows; row += TILE_ROWS) {
                int sliverStart = aStart + row * aRowStride;
                if (width > LANES) {
                    VectorMicroKernel.wideTile(depth, a, sliverStart, aRowStride, packedB, bStart, tile);
                } else {
                    VectorMicroKernel.narrowTile(depth, a, sliverStart, aRowStride, packedB, bStart, tile);
                }
                VectorMicroKernel.mergeTile(tile, width, Math.min(TILE_ROWS, rows - row), filled,
                        c, cStart + row * ldc + column, ldc, beta);
            }
        }
    }

    /** C = beta · C for an empty depth; beta 0 clears C without reading it. */
    private static void scaleByBeta(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    @Override
    public int rowTile() {
        return TILE_ROWS;
    }

    @Override
    public int columnTile() {
        return 2 * LANES;
    }

    @Override
    public String name() {
        return "vector-" + VectorMicroKernel.SPECIES.vectorBitSize();
    }
}
