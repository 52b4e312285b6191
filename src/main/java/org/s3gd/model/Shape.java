package org.s3gd.model;

/**
 * What one sample of a layer's input or output is: {@code channels × height × width} units, unit
 * {@code (c, y, x)} at index {@code (c·height + y)·width + x} (row-major, channel first, as
 * PyTorch and NIR lay out a 2-D feature map). A flat vector of N units is {@code N × 1 × 1}.
 *
 * @param channels C
 * @param height   H
 * @param width    W
 */
public record Shape(int channels, int height, int width) {
    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("a shape needs positive sizes, got " + channels + "×" + height + "×" + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + channels + "×" + height + "×" + width + " has too many units");
        }
    }

    /** N units without a spatial layout. */
    public static Shape flat(int units) {
        return new Shape(units, 1, 1);
    }

    /** C·H·W */
    public int units() {
        return channels * height * width;
    }

    /** H·W, the positions of one channel. */
    public int positions() {
        return height * width;
    }

    /** Whether the units have a 2-D layout (more than one position per channel). */
    public boolean spatial() {
        return height > 1 || width > 1;
    }

    /** {@code 32×12×12}, or {@code 200} for a flat shape. */
    @Override
    public String toString() {
        return spatial() ? channels + "×" + height + "×" + width : Integer.toString(channels);
    }
}
