package org.s3gd.model;

import java.util.List;

/**
 * A fully connected layer of LIF neurons with recurrent weights (ALGORITHM.md §7): feed-forward
 * weights {@code W[i][j]} from the inputs and {@code V[k][j]} from the layer's own neurons,
 * {@code v_j[t+1] = β·v_j[t] + Σ_i W[i][j]·x_i[t] + Σ_k V[k][j]·s_k[t] − θ·s_j[t]}.
 *
 * <p>V is initialised like W with the layer's own width as fan-in (the initialiser of the run,
 * {@link Initializer#fill}), which is what the recurrent SHD networks of Cramer et al. (2020) and
 * Zenke &amp; Vogels (2021) use: the same distribution family for both matrices, scaled by
 * {@code 1/√fan_in}.
 *
 * @param neurons N
 * @param neuron  β and θ
 * @param method  dense or sparse backward
 */
public record RecurrentLif(int neurons, LifParameters neuron, BackwardMethod method) implements SpikingLayerSpec {
    public RecurrentLif {
        LayerChecks.positive("rlif", neurons);
        LayerChecks.present("rlif", neuron, method);
    }

    @Override
    public String kind() {
        return "rlif";
    }

    @Override
    public boolean recurrent() {
        return true;
    }

    @Override
    public RecurrentLif withMethod(BackwardMethod newMethod) {
        return new RecurrentLif(neurons, neuron, newMethod);
    }

    /** N flat units: an image input is read as C·H·W units in row-major order, as flatten leaves it. */
    @Override
    public Shape output(Shape input) {
        return Shape.flat(neurons);
    }

    @Override
    public List<ParameterShape> parameters(Shape input) {
        int inputs = input.units();
        return List.of(ParameterShape.input(inputs, neurons), ParameterShape.recurrent(neurons));
    }
}
