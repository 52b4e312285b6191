package org.s3gd.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A network as its list of layer specs: input → hidden layers → {@link Readout}, with what the
 * whole network shares: the backprop threshold of the sparse method and the activity regulariser.
 *
 * @param inputs            number of input units N_in
 * @param layers            the hidden layers, first to last, then the readout (at least one hidden layer)
 * @param backpropThreshold B_th of the sparse method: active iff |v − θ| &lt; B_th (ALGORITHM.md §3)
 * @param regularizer       activity regulariser applied to every hidden layer
 */
public record NetworkConfig(int inputs, List<LayerSpec> layers, float backpropThreshold,
                            RegularizerParameters regularizer) {

    /** The paper's default B_th (b_th = 0.8 with θ = 1). */
    public static final float DEFAULT_BACKPROP_THRESHOLD = 0.2f;

    public NetworkConfig {
        layers = List.copyOf(layers);
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
        }
        if (layers.size() < 2) {
            throw new IllegalArgumentException("a network needs at least one hidden layer and a readout, got " + layers);
        }
        for (int l = 0; l < layers.size(); l++) {
            boolean last = l == layers.size() - 1;
            if (last != layers.get(l) instanceof Readout) {
                throw new IllegalArgumentException(last ? "the last layer must be the readout, got " + layers.get(l)
                    : "layer " + (l + 1) + " is a readout; only the last layer may be one");
            }
        }
        if (!(backpropThreshold > 0f) || Float.isNaN(backpropThreshold)) {
            throw new IllegalArgumentException("backprop threshold B_th must be > 0, got " + backpropThreshold);
        }
        if (regularizer == null) {
            throw new IllegalArgumentException("the regulariser is missing");
        }
    }

    /** Fully connected LIF layers of the given widths, all with the same neurons and method. */
    public static NetworkConfig uniform(int inputs, List<Integer> hidden, int outputs, BackwardMethod method,
                                        LifParameters neuron, float readoutBeta, ReadoutMode readoutMode,
                                        float backpropThreshold, RegularizerParameters regularizer) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int width : hidden) {
            layers.add(new LinearLif(width, neuron, method));
        }
        layers.add(new Readout(outputs, readoutBeta, readoutMode));
        return new NetworkConfig(inputs, layers, backpropThreshold, regularizer);
    }

    /** Number of hidden layers. */
    public int depth() {
        return layers.size() - 1;
    }

    /** Hidden layer {@code l} (0-based). */
    public SpikingLayerSpec hiddenLayer(int l) {
        if (l < 0 || l >= depth()) {
            throw new IndexOutOfBoundsException("hidden layer " + l + " of " + depth());
        }
        return (SpikingLayerSpec) layers.get(l);
    }

    /** The hidden layers, first to last. */
    public List<SpikingLayerSpec> hiddenLayers() {
        List<SpikingLayerSpec> hidden = new ArrayList<>();
        for (int l = 0; l < depth(); l++) {
            hidden.add(hiddenLayer(l));
        }
        return hidden;
    }

    /** Width of each hidden layer, first to last. */
    public List<Integer> hidden() {
        return hiddenLayers().stream().map(SpikingLayerSpec::neurons).toList();
    }

    public Readout readout() {
        return (Readout) layers.get(layers.size() - 1);
    }

    /** Number of inputs of layer {@code l} (0-based; {@code depth()} is the readout). */
    public int layerInputs(int l) {
        int units = inputs;
        for (int k = 0; k < l; k++) {
            units = layers.get(k).outputs(units);
        }
        return units;
    }

    public int layerWidth(int l) {
        return hiddenLayer(l).neurons();
    }

    public BackwardMethod method(int l) {
        return hiddenLayer(l).method();
    }

    public LifParameters neuron(int l) {
        return hiddenLayer(l).neuron();
    }

    /** Width of the layer that feeds the readout. */
    public int lastWidth() {
        return layerInputs(depth());
    }

    public int outputs() {
        return readout().outputs();
    }

    public float readoutBeta() {
        return readout().beta();
    }

    public ReadoutMode readoutMode() {
        return readout().mode();
    }

    /** The same network with one method per hidden layer. */
    public NetworkConfig withMethods(List<BackwardMethod> newMethods) {
        if (newMethods.size() != depth()) {
            throw new IllegalArgumentException("one method per hidden layer: " + depth() + " layers but "
                + newMethods.size() + " methods");
        }
        List<LayerSpec> changed = new ArrayList<>();
        for (int l = 0; l < depth(); l++) {
            changed.add(hiddenLayer(l).withMethod(newMethods.get(l)));
        }
        changed.add(readout());
        return new NetworkConfig(inputs, changed, backpropThreshold, regularizer);
    }

    public NetworkConfig withBackpropThreshold(float newThreshold) {
        return new NetworkConfig(inputs, layers, newThreshold, regularizer);
    }

    /** The stack in words, e.g. {@code 784 → lif:200 (sparse) → rlif:200 (dense) → readout:10 (max)}. */
    public String describe() {
        return inputs + " → " + layers.stream().map(NetworkConfig::describe).collect(Collectors.joining(" → "));
    }

    private static String describe(LayerSpec layer) {
        return switch (layer) {
            case SpikingLayerSpec s -> s.kind() + ":" + s.neurons() + " (" + s.method().name().toLowerCase() + ")";
            case Readout r -> "readout:" + r.outputs() + " (" + r.mode().name().toLowerCase() + ")";
        };
    }
}
