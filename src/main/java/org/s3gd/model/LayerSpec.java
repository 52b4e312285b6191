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
public sealed interface LayerSpec permits SpikingLayerSpec, Readout {
    /** The short name of the kind, as the command line and run.json write it: {@code lif}, {@code rlif}, {@code readout}. */
    String kind();

    /** Output units for {@code inputs} input units. */
    int outputs(int inputs);

    /** The weight matrices of this layer for {@code inputs} input units, in a fixed order. */
    List<ParameterShape> parameters(int inputs);
}
