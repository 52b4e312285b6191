package org.s3gd.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A network as its list of layer specs: input → hidden layers → {@link Readout}, with what the
 * whole network shares: the backprop threshold of the sparse method and the activity regulariser.
 * The input has a shape (an image {@code C×H×W}, or flat); each layer's input shape follows from
 * the one before ({@link LayerSpec#output}), and a layer that cannot take its input is an error
 * naming it.
 *
 * @param inputs            number of input units N_in
 * @param layers            the hidden layers, first to last, then the readout (at least one hidden layer)
 * @param backpropThreshold B_th of the sparse method: active iff |v − θ| &lt; B_th (ALGORITHM.md §3)
 * @param regularizer       activity regulariser applied to every spiking hidden layer
 * @param inputShape        the input's shape, {@code inputShape.units() == inputs}
 */
public record NetworkConfig(int inputs, List<LayerSpec> layers, float backpropThreshold,
                            RegularizerParameters regularizer, Shape inputShape) {

    /** The paper's default B_th (b_th = 0.8 with θ = 1). */
    public static final float DEFAULT_BACKPROP_THRESHOLD = 0.2f;

    public NetworkConfig {
        layers = List.copyOf(layers);
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
        }
        if (inputShape == null) {
            inputShape = Shape.flat(inputs);
        } else if (inputShape.units() != inputs) {
            throw new IllegalArgumentException("the input shape " + inputShape + " has " + inputShape.units()
                + " units, not " + inputs);
        }
        if (layers.size() < 2) {
            throw new IllegalArgumentException("a network needs at least one hidden layer and a readout, got " + layers);
        }
        boolean spiking = false;
        for (int l = 0; l < layers.size(); l++) {
            boolean last = l == layers.size() - 1;
            if (last != layers.get(l) instanceof Readout) {
                throw new IllegalArgumentException(last ? "the last layer must be the readout, got " + layers.get(l)
                    : "layer " + (l + 1) + " is a readout; only the last layer may be one");
            }
            spiking |= layers.get(l) instanceof SpikingLayerSpec;
        }
        if (!spiking) {
            throw new IllegalArgumentException("a network needs at least one spiking hidden layer, got "
                + layers.stream().map(NetworkConfig::label).collect(Collectors.joining(",")));
        }
        Shape shape = inputShape;
        for (int l = 0; l < layers.size(); l++) {
            try {
                shape = layers.get(l).output(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (l + 1) + " (" + label(layers.get(l)) + "): " + e.getMessage(), e);
            }
        }
        if (!(backpropThreshold > 0f) || Float.isNaN(backpropThreshold)) {
            throw new IllegalArgumentException("backprop threshold B_th must be > 0, got " + backpropThreshold);
        }
        if (regularizer == null) {
            throw new IllegalArgumentException("the regulariser is missing");
        }
    }

    /** A network with a flat input of {@code inputs} units. */
    public NetworkConfig(int inputs, List<LayerSpec> layers, float backpropThreshold, RegularizerParameters regularizer) {
        this(inputs, layers, backpropThreshold, regularizer, Shape.flat(inputs));
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

    /** Number of hidden layers (spiking, pooling and flatten). */
    public int depth() {
        return layers.size() - 1;
    }

    /** Layer {@code l} (0-based; {@code depth()} is the readout). */
    public LayerSpec layer(int l) {
        return layers.get(l);
    }

    /** Whether hidden layer {@code l} has neurons (not a pooling or flatten layer). */
    public boolean spiking(int l) {
        return layers.get(l) instanceof SpikingLayerSpec;
    }

    /** Spiking hidden layer {@code l} (0-based). */
    public SpikingLayerSpec hiddenLayer(int l) {
        if (l < 0 || l >= depth()) {
            throw new IndexOutOfBoundsException("hidden layer " + l + " of " + depth());
        }
        if (!(layers.get(l) instanceof SpikingLayerSpec spiking)) {
            throw new IllegalArgumentException("layer " + (l + 1) + " (" + label(layers.get(l)) + ") has no neurons");
        }
        return spiking;
    }

    /** The spiking hidden layers, first to last. */
    public List<SpikingLayerSpec> hiddenLayers() {
        List<SpikingLayerSpec> hidden = new ArrayList<>();
        for (int l = 0; l < depth(); l++) {
            if (spiking(l)) {
                hidden.add(hiddenLayer(l));
            }
        }
        return hidden;
    }

    /** Output units of each hidden layer, first to last. */
    public List<Integer> hidden() {
        List<Integer> widths = new ArrayList<>();
        for (int l = 0; l < depth(); l++) {
            widths.add(layerWidth(l));
        }
        return widths;
    }

    /**
     * Whether the network reads data of shape {@code data}: the same image where its input is one,
     * else as many units (a fully connected first layer reads an image as its C·H·W units).
     */
    public boolean takes(Shape data) {
        return inputShape.spatial() ? inputShape.equals(data) : inputs == data.units();
    }

    /** Whether every hidden layer is a fully connected one, the network s3gd had before images. */
    public boolean fullyConnected() {
        for (int l = 0; l < depth(); l++) {
            if (!(layers.get(l) instanceof LinearLif || layers.get(l) instanceof RecurrentLif)) {
                return false;
            }
        }
        return true;
    }

    public Readout readout() {
        return (Readout) layers.get(layers.size() - 1);
    }

    /** The shape of the input of layer {@code l} (0-based; {@code depth()} is the readout). */
    public Shape layerShape(int l) {
        Shape shape = inputShape;
        for (int k = 0; k < l; k++) {
            shape = layers.get(k).output(shape);
        }
        return shape;
    }

    /** The shape of the output of layer {@code l}. */
    public Shape outputShape(int l) {
        return layers.get(l).output(layerShape(l));
    }

    /** Number of inputs of layer {@code l} (0-based; {@code depth()} is the readout). */
    public int layerInputs(int l) {
        return layerShape(l).units();
    }

    /** Output units of hidden layer {@code l}: its neurons for a spiking layer. */
    public int layerWidth(int l) {
        return outputShape(l).units();
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

    /** The same network with one method per hidden layer (ignored for layers without neurons). */
    public NetworkConfig withMethods(List<BackwardMethod> newMethods) {
        if (newMethods.size() != depth()) {
            throw new IllegalArgumentException("one method per hidden layer: " + depth() + " layers but "
                + newMethods.size() + " methods");
        }
        List<LayerSpec> changed = new ArrayList<>();
        for (int l = 0; l < depth(); l++) {
            changed.add(layers.get(l) instanceof SpikingLayerSpec s ? s.withMethod(newMethods.get(l)) : layers.get(l));
        }
        changed.add(readout());
        return new NetworkConfig(inputs, changed, backpropThreshold, regularizer, inputShape);
    }

    public NetworkConfig withBackpropThreshold(float newThreshold) {
        return new NetworkConfig(inputs, layers, newThreshold, regularizer, inputShape);
    }

    /**
     * The stack in words, e.g. {@code 784 → lif:200 (sparse) → rlif:200 (dense) → readout:10 (max)}
     * or {@code 1×28×28 → conv:32x5s1p0 (sparse) 32×24×24 → maxpool:2 32×12×12 → readout:10 (max)}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder(inputShape.toString());
        Shape shape = inputShape;
        for (LayerSpec layer : layers) {
            shape = layer.output(shape);
            text.append(" → ").append(describe(layer));
            if (!fullyConnected() && !(layer instanceof Readout)) {
                text.append(' ').append(shape);
            }
        }
        return text.toString();
    }

    private static String describe(LayerSpec layer) {
        return switch (layer) {
            case LinearLif s -> s.kind() + ":" + s.neurons() + " (" + s.method().name().toLowerCase() + ")";
            case RecurrentLif s -> s.kind() + ":" + s.neurons() + " (" + s.method().name().toLowerCase() + ")";
            case Conv2dLif c -> label(c) + " (" + c.method().name().toLowerCase() + ")";
            case SpikePool p -> label(p);
            case Flatten f -> label(f);
            case Readout r -> "readout:" + r.outputs() + " (" + r.mode().name().toLowerCase() + ")";
        };
    }

    /** A layer as the stack syntax writes it, without its method: {@code lif:200}, {@code conv:32x5s1p0}, {@code maxpool:2}. */
    public static String label(LayerSpec layer) {
        return switch (layer) {
            case LinearLif s -> "lif:" + s.neurons();
            case RecurrentLif s -> "rlif:" + s.neurons();
            case Conv2dLif c -> "conv:" + c.channels() + "x" + c.kernel() + "s" + c.stride() + "p" + c.padding();
            case SpikePool p -> p.kind() + ":" + p.size();
            case Flatten f -> f.units() == 0 ? "flatten" : "flatten:" + f.units();
            case Readout r -> "readout:" + r.outputs();
        };
    }
}
