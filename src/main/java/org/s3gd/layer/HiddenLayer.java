package org.s3gd.layer;

import java.util.List;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.Parameter;
import org.s3gd.model.SpikingLayerSpec;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * A hidden layer as the runner drives it: one object per layer of a network, owning the buffers
 * that connect its forward and backward pass, reused from batch to batch. Created by
 * {@link Layers#hidden}.
 *
 * <p>A batch goes: {@link #forward}; the layer above (or the readout) writes {@code ∂L/∂s} into
 * {@link #outputGradient()}; the runner adds the regulariser's share; {@link #backward} writes the
 * gradient of every {@link #parameters() parameter} and {@code ∂L/∂x} into the previous layer's
 * {@link #outputGradient()}. Not thread-safe; the layer parallelises internally.
 */
public interface HiddenLayer {
    LayerSpec spec();

    /** N_in */
    int inputs();

    /** Output units per sample and step: N for a layer of neurons. */
    int units();

    /**
     * Whether the layer has neurons (activity, spike counts and the regulariser); pooling and
     * flatten have none, and their {@link #spikeCounts()} are empty.
     */
    default boolean spiking() {
        return spec() instanceof SpikingLayerSpec;
    }

    /** The layer's weight matrices; backward fills their gradients. */
    List<Parameter> parameters();

    /**
     * Runs the layer on a batch. With {@code training} it keeps what its backward needs; without,
     * the sparse method skips the active set. The returned spikes are valid until the next call.
     */
    Spikes forward(Spikes input, boolean training);

    /** Where ∂L/∂s of this layer's spikes goes for the last forward's batch, in the form its backward reads. */
    SpikeGradient outputGradient();

    /**
     * Turns {@link #outputGradient()} into the parameters' gradients and, unless
     * {@code inputGradient} is null (the first layer), writes ∂L/∂x there.
     */
    void backward(SpikeGradient inputGradient);

    /** Spikes per sample and neuron in the last forward, {@code [B][N]} row-major. */
    int[] spikeCounts();

    /** Entries with |v − θ| &lt; B_th in the last forward (0 for a sparse layer's inference pass, which does not look). */
    long activeEntries();

    /** Bytes this layer keeps from its forward pass for its backward pass ({@link KeptBytes}). */
    long keptBytes();

    /** The stages of this layer's backward, in order, as {@link #stageNanos()} reports them. */
    List<String> stages();

    /** Wall time of each stage of the last backward. */
    long[] stageNanos();
}
