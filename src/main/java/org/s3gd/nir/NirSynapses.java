package org.s3gd.nir;

import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.LifParameters;
import org.s3gd.model.Shape;

/**
 * A NIR {@code Linear}, {@code Affine} or {@code Conv2d} node as the weight matrix of an s3gd
 * layer, in s3gd's layout and bit for bit (the inverse of {@link NirExport}'s), after checking that
 * it is one s3gd's layers compute: no bias, a square kernel, one stride and padding for both sides,
 * no dilation, no groups, an input that chains. A Conv2d without {@code input_shape} reads the
 * (H, W) that reaches it along the chain; its padding may be {@code 'valid'} or {@code 'same'}.
 */
final class NirSynapses {
    private static final String PADDINGS = "s3gd reads a padding of p zeros on each side, as a number or a pair, "
        + "or 'valid' or 'same'";

    private NirSynapses() {
    }

    /**
     * A Conv2d node's geometry and its kernel K as s3gd holds it.
     *
     * @param map the feature map it makes of its input, the shape of its LIF node
     * @param k   K as {@code (C_in·k·k) × C_out}, row {@code (c·k + ky)·k + kx}, column o (see {@link Conv2dLif})
     */
    record Convolution(int channels, int kernel, int stride, int padding, Shape map, float[] k) {
        /** The conv layer with these neurons (sparse: the method does not change what it computes). */
        Conv2dLif layer(LifParameters neuron) {
            return new Conv2dLif(channels, kernel, stride, padding, neuron, BackwardMethod.SPARSE);
        }
    }

    /** A Linear or Affine node's weight (outputs × inputs) as s3gd's W[i][j] (inputs × outputs). */
    static float[] linear(NirNode node, int inputs, Object file) {
        NirArray weight = node.field("weight", file.toString());
        if (weight.rank() != 2) {
            throw NirFields.at(node, "weight", file, "has shape " + weight.shapeText() + ", expected (outputs, inputs)");
        }
        if (weight.shape()[1] != inputs) {
            throw NirFields.at(node, "weight", file, "has shape " + weight.shapeText() + ", but its input has " + inputs + " units");
        }
        int outputs = weight.shape()[0];
        if (node.type().equals("Affine")) {
            zeroBias(node, outputs, file);
        }
        float[] w = new float[inputs * outputs];
        for (int j = 0; j < outputs; j++) {
            for (int i = 0; i < inputs; i++) {
                w[i * outputs + j] = (float) weight.values()[j * inputs + i];
            }
        }
        return w;
    }

    /** A Conv2d node reading {@code input}: weight (C_out, C_in, k, k) into K, stride, padding. */
    static Convolution conv2d(NirNode node, Shape input, Object file) {
        NirArray weight = node.field("weight", file.toString());
        int[] w = weight.shape();
        if (weight.rank() != 4) {
            throw NirFields.at(node, "weight", file, "has shape " + weight.shapeText() + ", expected (C_out, C_in, k, k)");
        }
        if (w[1] != input.channels()) {
            throw NirFields.at(node, "weight", file, "has shape " + weight.shapeText() + ", but its input " + input + " has "
                + input.channels() + " channels");
        }
        if (w[2] != w[3]) {
            throw NirFields.at(node, "weight", file, "has a " + w[2] + "×" + w[3] + " kernel; s3gd's conv layers have square ones");
        }
        // NIR's input_shape is optional (exporters such as snnTorch leave it out): then (H, W) is the chain's.
        NirArray side = node.fields().get("input_shape");
        if (side != null && (side.size() != 2 || side.values()[0] != input.height() || side.values()[1] != input.width())) {
            throw NirFields.at(node, "input_shape", file, "is " + side.valuesText() + ", but its input is " + input
                + (input.spatial() ? "" : " (flat; a Conv2d reads an image, C×H×W)"));
        }
        if (side == null && !input.spatial()) {
            throw NirFields.at(node, "input_shape", file, "is missing, and its input is " + input
                + " (flat; a Conv2d reads an image, C×H×W)");
        }
        int stride = NirFields.side(node, "stride", 1, file, "s3gd's conv layers move by one stride along both sides");
        int padding = padding(node, w[2], stride, file);
        int dilation = NirFields.side(node, "dilation", 1, file, "s3gd's conv layers have no dilation");
        if (dilation != 1) {
            throw NirFields.at(node, "dilation", file, "is " + dilation + "; s3gd's conv layers have no dilation (1)");
        }
        int groups = NirFields.whole(node, "groups", 1, file);
        if (groups != 1) {
            throw NirFields.at(node, "groups", file, "is " + groups + "; s3gd's conv layers connect every input channel to "
                + "every filter (groups = 1)");
        }
        zeroBias(node, w[0], file);
        int channels = w[0];
        Shape map;
        try {
            map = Conv2dLif.featureMap(input, channels, w[2], stride, padding);
        } catch (IllegalArgumentException e) {
            throw NirException.in(file, "node '" + node.name() + "': " + e.getMessage());
        }
        int patch = w[1] * w[2] * w[3];
        float[] k = new float[patch * channels];
        for (int o = 0; o < channels; o++) {
            for (int q = 0; q < patch; q++) {
                k[q * channels + o] = (float) weight.values()[o * patch + q];
            }
        }
        return new Convolution(channels, w[2], stride, padding, map, k);
    }

    /**
     * The zeros on each side: a number or a pair of equal ones, or NIR's strings — {@code 'valid'}
     * none, {@code 'same'} PyTorch's dilation·(k−1) in all, which s3gd's one symmetric padding
     * holds only as (k−1)/2 for an odd k and stride 1.
     */
    private static int padding(NirNode node, int kernel, int stride, Object file) {
        String text = node.strings().get("padding");
        if (text == null) {
            if (!node.fields().containsKey("padding")) {
                throw NirFields.at(node, "padding", file, "is missing; " + PADDINGS);
            }
            return NirFields.side(node, "padding", 0, file, "s3gd's conv layers pad both sides alike");
        }
        switch (text) {
            case "valid" -> {
                return 0;
            }
            case "same" -> {
                if (stride != 1) {
                    throw NirFields.at(node, "padding", file, "is 'same' with stride " + stride + "; s3gd reads 'same' with "
                        + "stride 1 only, where it keeps H×W");
                }
                if (kernel % 2 == 0) {
                    throw NirFields.at(node, "padding", file, "is 'same' with a " + kernel + "×" + kernel + " kernel, whose "
                        + (kernel - 1) + " zeros split unevenly between the two sides; s3gd's conv layers pad both sides alike");
                }
                return (kernel - 1) / 2;
            }
            default -> throw NirFields.at(node, "padding", file, "is '" + text + "'; " + PADDINGS);
        }
    }

    private static void zeroBias(NirNode node, int outputs, Object file) {
        NirArray bias = node.field("bias", file.toString());
        if (bias.size() != outputs && bias.rank() != 0) {
            throw NirFields.at(node, "bias", file, "has shape " + bias.shapeText() + ", expected [" + outputs + "]");
        }
        for (double b : bias.values()) {
            if (b != 0) {
                throw NirFields.at(node, "bias", file, "is not zero; s3gd's layers have no bias");
            }
        }
    }
}
