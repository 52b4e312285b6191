package org.s3gd.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The trainable state of a network: the weight matrices of every layer of its
 * {@link NetworkConfig}, in the order the specs list them ({@link LayerSpec#parameters}), named
 * {@code W1, V1, W2, …, Wout}.
 */
public final class SpikingNetwork {
    private final NetworkConfig config;
    private final List<List<Parameter>> layers;

    private SpikingNetwork(NetworkConfig config) {
        this.config = config;
        List<List<Parameter>> all = new ArrayList<>();
        for (int l = 0; l < config.layers().size(); l++) {
            List<Parameter> own = new ArrayList<>();
            for (ParameterShape shape : config.layers().get(l).parameters(config.layerShape(l))) {
                own.add(new Parameter(shape.role().name(l + 1), shape.rows(), shape.cols()));
            }
            all.add(Collections.unmodifiableList(own));
        }
        this.layers = Collections.unmodifiableList(all);
    }

    /** A network with all weights zero, to be filled by the caller (e.g. from a checkpoint). */
    public static SpikingNetwork zeros(NetworkConfig config) {
        return new SpikingNetwork(config);
    }

    /**
     * A network initialised from {@code seed}; each matrix draws from its own split of the stream,
     * in {@link #parameters()} order, with its own fan-in (the rows) and the decay of the neurons it feeds.
     */
    public static SpikingNetwork initialize(NetworkConfig config, Initializer initializer, long seed) {
        SpikingNetwork network = new SpikingNetwork(config);
        SplittableRandom root = new SplittableRandom(seed);
        for (int l = 0; l < config.layers().size(); l++) {
            float beta = switch (config.layers().get(l)) {
                case SpikingLayerSpec spiking -> spiking.neuron().beta();
                case Readout readout -> readout.beta();
                case SpikePool pool -> 0.5f;
                case Flatten flatten -> 0.5f;
            };
            for (Parameter p : network.layers.get(l)) {
                initializer.fill(p.value(), p.rows(), beta, root.split());
            }
        }
        return network;
    }

    public NetworkConfig config() {
        return config;
    }

    /** The weight matrices of layer {@code l} (0-based; {@code depth()} is the readout). */
    public List<Parameter> layer(int l) {
        return layers.get(l);
    }

    /** Input weights {@code W} of hidden layer {@code l} (0-based). */
    public Parameter hidden(int l) {
        return layers.get(l).get(0);
    }

    public Parameter readout() {
        return layers.get(layers.size() - 1).get(0);
    }

    /** Every trainable matrix, layer by layer, the readout last. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        layers.forEach(all::addAll);
        return all;
    }
}
