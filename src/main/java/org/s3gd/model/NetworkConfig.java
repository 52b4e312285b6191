package org.s3gd.model;

import java.util.List;

/**
 * The shape and dynamics of a network: input → hidden spiking layers → non-spiking readout.
 *
 * @param inputs            number of input units N_in
 * @param hidden            width of each hidden layer, first to last (depth = size, at least 1)
 * @param outputs           number of classes
 * @param methods           the forward/backward method of each hidden layer (same length as hidden)
 * @param neuron            decay and threshold of the hidden layers
 * @param readoutBeta       β_r of the readout, in (0, 1)
 * @param readoutMode       max or sum over time
 * @param backpropThreshold B_th of the sparse method: active iff |v − θ| &lt; B_th (ALGORITHM.md §3)
 * @param regularizer       activity regulariser applied to every hidden layer
 */
public record NetworkConfig(
    int inputs,
    List<Integer> hidden,
    int outputs,
    List<BackwardMethod> methods,
    LifParameters neuron,
    float readoutBeta,
    ReadoutMode readoutMode,
    float backpropThreshold,
    RegularizerParameters regularizer) {

    /** The paper's default B_th (b_th = 0.8 with θ = 1). */
    public static final float DEFAULT_BACKPROP_THRESHOLD = 0.2f;

    public NetworkConfig {
        hidden = List.copyOf(hidden);
        methods = List.copyOf(methods);
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
        }
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, got " + outputs);
        }
        if (hidden.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one hidden layer");
        }
        for (int width : hidden) {
            if (width < 1) {
                throw new IllegalArgumentException("hidden layer widths must be >= 1, got " + hidden);
            }
        }
        if (methods.size() != hidden.size()) {
            throw new IllegalArgumentException(
                "one method per hidden layer: " + hidden.size() + " layers but " + methods.size() + " methods");
        }
        if (!(readoutBeta > 0f && readoutBeta < 1f)) {
            throw new IllegalArgumentException("readout beta must be in (0, 1), got " + readoutBeta);
        }
        if (!(backpropThreshold > 0f) || Float.isNaN(backpropThreshold)) {
            throw new IllegalArgumentException("backprop threshold B_th must be > 0, got " + backpropThreshold);
        }
    }

    /** The same method for every hidden layer. */
    public static NetworkConfig uniform(int inputs, List<Integer> hidden, int outputs, BackwardMethod method,
                                        LifParameters neuron, float readoutBeta, ReadoutMode readoutMode,
                                        float backpropThreshold, RegularizerParameters regularizer) {
        List<BackwardMethod> methods = hidden.stream().map(width -> method).toList();
        return new NetworkConfig(inputs, hidden, outputs, methods, neuron, readoutBeta, readoutMode,
            backpropThreshold, regularizer);
    }

    public int depth() {
        return hidden.size();
    }

    /** Number of inputs of hidden layer {@code layer} (0-based). */
    public int layerInputs(int layer) {
        return layer == 0 ? inputs : hidden.get(layer - 1);
    }

    public int layerWidth(int layer) {
        return hidden.get(layer);
    }

    public BackwardMethod method(int layer) {
        return methods.get(layer);
    }

    /** Width of the layer that feeds the readout. */
    public int lastWidth() {
        return hidden.get(hidden.size() - 1);
    }

    public NetworkConfig withMethods(List<BackwardMethod> newMethods) {
        return new NetworkConfig(inputs, hidden, outputs, newMethods, neuron, readoutBeta, readoutMode,
            backpropThreshold, regularizer);
    }

    public NetworkConfig withBackpropThreshold(float newThreshold) {
        return new NetworkConfig(inputs, hidden, outputs, methods, neuron, readoutBeta, readoutMode,
            newThreshold, regularizer);
    }
}
