package org.s3gd.model;

import java.util.List;

/**
 * An immutable description of one layer of a network: its kind, its sizes and its dynamics, but
 * not its weights (those are {@link Parameter}s of a {@link SpikingNetwork}) nor how it is run.
 *
 * <p>The kinds are a closed set, so code that handles layers does so with an exhaustive
 * {@code switch} over this type. A network is a list of specs: hidden layers, then a
 * {@link Readout}. A spec does not know its input width; the network chains the widths, and each
 * spec says what it makes of its input ({@link #outputs(int)}) and which weight matrices it needs
 * ({@link #parameters(int)}).
 */
public sealed interface LayerSpec permits SpikingLayerSpec, Readout, SpikePool, Flatten {
    /** The short name of the kind, as the command line and run.json write it: {@code lif}, {@code rlif}, {@code conv}, {@code maxpool}, {@code sumpool}, {@code flatten}, {@code readout}. */
    String kind();

    /**
     * The shape of what this layer makes of an input of shape {@code input}.
     *
     * @throws IllegalArgumentException when it cannot take that input (a kernel larger than its
     *     input, a flatten of another size); the message says why, the network names the layer
     */
    Shape output(Shape input);

    /** The weight matrices of this layer for an input of shape {@code input}, in a fixed order. */
    List<ParameterShape> parameters(Shape input);
}
