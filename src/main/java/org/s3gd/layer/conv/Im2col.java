package org.s3gd.layer.conv;

import java.util.Arrays;

/** The patches of a dense input history as rows of a matrix (im2col), and the way back (col2im), for {@link DenseConvLif}. */
final class Im2col {
    private Im2col() {
    }

    /**
     * Writes the patches of {@code block} rows of {@code input} ({@code [rows][C_in·H·W]}, from
     * row {@code row}) into {@code patches[block][H_out·W_out][C_in·k·k]}, zero where the window
     * reaches into the padding.
     */
    static void patches(ConvGeometry g, float[] input, int row, int block, float[] patches) {
        int inputs = g.inputs();
        int patch = g.patch();
        int side = g.kernel();
        Arrays.fill(patches, 0, block * g.positions() * patch, 0f);
        for (int dt = 0; dt < block; dt++) {
            int in = (row + dt) * inputs;
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    int out = (dt * g.positions() + oy * g.outWidth() + ox) * patch;
                    int top = oy * g.stride() - g.padding();
                    int left = ox * g.stride() - g.padding();
                    for (int c = 0; c < g.inChannels(); c++) {
                        for (int ky = 0; ky < side; ky++) {
                            int y = top + ky;
                            if (y < 0 || y >= g.height()) {
                                continue;
                            }
                            int source = in + (c * g.height() + y) * g.width();
                            int target = out + (c * side + ky) * side;
                            for (int kx = 0; kx < side; kx++) {
                                int x = left + kx;
                                if (x >= 0 && x < g.width()) {
                                    patches[target + kx] = input[source + x];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Adds the patch gradients {@code [block][H_out·W_out][C_in·k·k]} back onto the input units they came from (col2im). */
    static void addBack(ConvGeometry g, float[] patches, int row, int block, float[] out) {
        int inputs = g.inputs();
        int patch = g.patch();
        int side = g.kernel();
        for (int dt = 0; dt < block; dt++) {
            int target = (row + dt) * inputs;
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    int source = (dt * g.positions() + oy * g.outWidth() + ox) * patch;
                    int top = oy * g.stride() - g.padding();
                    int left = ox * g.stride() - g.padding();
                    for (int c = 0; c < g.inChannels(); c++) {
                        for (int ky = 0; ky < side; ky++) {
                            int y = top + ky;
                            if (y < 0 || y >= g.height()) {
                                continue;
                            }
                            int base = target + (c * g.height() + y) * g.width();
                            int from = source + (c * side + ky) * side;
                            for (int kx = 0; kx < side; kx++) {
                                int x = left + kx;
                                if (x >= 0 && x < g.width()) {
                                    out[base + x] += patches[from + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
