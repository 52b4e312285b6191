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
}
