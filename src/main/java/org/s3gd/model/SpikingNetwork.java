package org.s3gd.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The trainable state of a network: the weights of each hidden layer {@code W_l[i][j]} and of the
 * readout {@code W_out[j][o]}, with the configuration that gives them meaning.
 */
public final class SpikingNetwork {
    private final NetworkConfig config;
    private final List<Parameter> hidden;
    private final Parameter readout;

    private SpikingNetwork(NetworkConfig config) {
        this.config = config;
        List<Parameter> layers = new ArrayList<>();
        for (int l = 0; l < config.depth(); l++) {
            layers.add(new Parameter("W" + (l + 1), config.layerInputs(l), config.layerWidth(l)));
        }
        this.hidden = Collections.unmodifiableList(layers);
        this.readout = new Parameter("Wout", config.lastWidth(), config.outputs());
    }

    /** A network with all weights zero, to be filled by the caller (e.g. from a checkpoint). */
    public static SpikingNetwork zeros(NetworkConfig config) {
        return new SpikingNetwork(config);
    }

    /** A network initialised from {@code seed}; each matrix draws from its own split of the stream. */
    public static SpikingNetwork initialize(NetworkConfig config, Initializer initializer, long seed) {
        SpikingNetwork network = new SpikingNetwork(config);
        SplittableRandom root = new SplittableRandom(seed);
        for (Parameter p : network.hidden) {
            initializer.fill(p.value(), p.rows(), config.neuron().beta(), root.split());
        }
        initializer.fill(network.readout.value(), network.readout.rows(), config.readoutBeta(), root.split());
        return network;
    }

    public NetworkConfig config() {
        return config;
    }

    /** Weights of hidden layer {@code layer} (0-based). */
    public Parameter hidden(int layer) {
        return hidden.get(layer);
    }

    public Parameter readout() {
        return readout;
    }

    /** Every trainable matrix, hidden layers first, then the readout. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(hidden);
        all.add(readout);
        return all;
    }
}
