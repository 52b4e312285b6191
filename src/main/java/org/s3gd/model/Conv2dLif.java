package org.s3gd.model;

import java.util.List;

/**
 * A convolutional layer of LIF neurons (ALGORITHM.md §8): {@code channels} filters of
 * {@code kernel × kernel} over every input channel, moved by {@code stride} over the input padded
 * with {@code padding} zeros on each side. Output neuron {@code (o, Y, X)} is a LIF neuron of §1
 * whose current is {@code Σ_{c,ky,kx} K[o][c][ky][kx]·x[c][s·Y+ky−p][s·X+kx−p]}.
 *
 * <p>Its one weight matrix holds K as {@code (C_in·k·k) × C_out}: row {@code (c·k + ky)·k + kx},
 * column o, so that, as for a fully connected layer, the rows are the fan-in (what the initialiser
 * scales by) and the columns the filters.
 *
 * @param channels C_out, the number of filters
 * @param kernel   k, the side of each filter
 * @param stride   s
 * @param padding  p, zeros on each side
 * @param neuron   β and θ
 * @param method   dense or sparse backward
 */
public record Conv2dLif(int channels, int kernel, int stride, int padding, LifParameters neuron, BackwardMethod method)
    implements SpikingLayerSpec {

    public Conv2dLif {
        if (channels < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv layer: channels, kernel and stride must be >= 1 and padding >= 0, got "
                + channels + "x" + kernel + "s" + stride + "p" + padding);
        }
        LayerChecks.present("conv", neuron, method);
    }

    @Override
    public String kind() {
        return "conv";
    }

    /** The output side for an input side {@code size}: {@code ⌊(size + 2p − k)/s⌋ + 1}. */
    public int outputSide(int size) {
        return side(size, kernel, stride, padding);
    }

    private static int side(int size, int kernel, int stride, int padding) {
        return (size + 2 * padding - kernel) / stride + 1;
    }

    @Override
    public Shape output(Shape input) {
        return featureMap(input, channels, kernel, stride, padding);
    }

    /**
     * The feature map of {@code channels} filters of {@code kernel × kernel} moved by {@code stride}
     * over {@code input} padded with {@code padding} zeros: what a conv layer of these sizes makes of
     * it, known before its neurons are (a NIR file gives the map's shape to its LIF node).
     *
     * @throws IllegalArgumentException when the kernel is larger than the padded input
     */
    public static Shape featureMap(Shape input, int channels, int kernel, int stride, int padding) {
        if (input.height() + 2 * padding < kernel || input.width() + 2 * padding < kernel) {
            throw new IllegalArgumentException("its " + kernel + "×" + kernel + " kernel is larger than its input "
                + input + (padding > 0 ? " padded by " + padding : "")
                + (input.spatial() ? "" : " (a flat input has no height and width: a conv layer needs an image, C×H×W)"));
        }
        return new Shape(channels, side(input.height(), kernel, stride, padding), side(input.width(), kernel, stride, padding));
    }

    @Override
    public boolean recurrent() {
        return false;
    }

    @Override
    public Conv2dLif withMethod(BackwardMethod newMethod) {
        return new Conv2dLif(channels, kernel, stride, padding, neuron, newMethod);
    }

    @Override
    public List<ParameterShape> parameters(Shape input) {
        return List.of(ParameterShape.input(input.channels() * kernel * kernel, channels));
    }
}
