package org.s3gd.model;

import java.util.List;

/**
 * A fully connected, feed-forward layer of LIF neurons (ALGORITHM.md §1): weights
 * {@code W[i][j]} from each input unit i to each neuron j.
 *
 * @param neurons N
 * @param neuron  β and θ
 * @param method  dense or sparse backward
 */
public record LinearLif(int neurons, LifParameters neuron, BackwardMethod method) implements SpikingLayerSpec {
    public LinearLif {
        LayerChecks.positive("lif", neurons);
        LayerChecks.present("lif", neuron, method);
    }

    @Override
    public String kind() {
        return "lif";
    }

    @Override
    public boolean recurrent() {
        return false;
    }

    @Override
    public LinearLif withMethod(BackwardMethod newMethod) {
        return new LinearLif(neurons, neuron, newMethod);
    }

    /** N flat units: an image input is read as C·H·W units in row-major order, as flatten leaves it. */
    @Override
    public Shape output(Shape input) {
        return Shape.flat(neurons);
    }

    @Override
    public List<ParameterShape> parameters(Shape input) {
        int inputs = input.units();
        return List.of(ParameterShape.input(inputs, neurons));
    }
}
