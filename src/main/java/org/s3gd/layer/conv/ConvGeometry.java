package org.s3gd.layer.conv;

import org.s3gd.model.Conv2dLif;
import org.s3gd.model.Shape;

/**
 * The index arithmetic of one convolutional layer (ALGORITHM.md §8): input unit
 * {@code (c, y, x)} at {@code (c·H + y)·W + x}, output neuron {@code (o, Y, X)} at
 * {@code o·H_out·W_out + Y·W_out + X}, and K as {@code K[(c·k + ky)·k + kx][o]}.
 */
record ConvGeometry(int inChannels, int height, int width, int outChannels, int outHeight, int outWidth, int kernel,
                    int stride, int padding) {

    static ConvGeometry of(Conv2dLif spec, Shape input) {
        Shape output = spec.output(input);
        return new ConvGeometry(input.channels(), input.height(), input.width(), spec.channels(), output.height(),
            output.width(), spec.kernel(), spec.stride(), spec.padding());
    }

    /** N_in = C_in·H·W */
    int inputs() {
        return inChannels * height * width;
    }

    /** H_out·W_out */
    int positions() {
        return outHeight * outWidth;
    }

    /** N = C_out·H_out·W_out */
    int neurons() {
        return outChannels * positions();
    }

    /** C_in·k·k, the rows of K and the length of one patch. */
    int patch() {
        return inChannels * kernel * kernel;
    }

    /**
     * The output position whose window holds input row {@code y} at kernel row {@code ky}:
     * {@code Y} with {@code s·Y + ky − p = y}, or −1 when there is none.
     */
    int outRow(int y, int ky) {
        return outIndex(y + padding - ky, outHeight);
    }

    /** As {@link #outRow} for columns. */
    int outColumn(int x, int kx) {
        return outIndex(x + padding - kx, outWidth);
    }

    private int outIndex(int shifted, int size) {
        if (shifted < 0 || shifted % stride != 0) {
            return -1;
        }
        int index = shifted / stride;
        return index < size ? index : -1;
    }
}
