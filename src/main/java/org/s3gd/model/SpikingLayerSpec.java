package org.s3gd.model;

/**
 * A hidden layer of leaky integrate-and-fire neurons (ALGORITHM.md §1, §7): it receives spikes,
 * emits spikes, and is trained with the dense or the sparse backward. The method is a property of
 * the layer, not of its kind: any kind runs either way, and the two give the same gradients when
 * every neuron is active.
 */
public sealed interface SpikingLayerSpec extends LayerSpec permits LinearLif, RecurrentLif, Conv2dLif {
    /** Decay and threshold of the neurons. */
    LifParameters neuron();

    /** How the layer runs forward and backward. */
    BackwardMethod method();

    /** The same layer run with another method. */
    SpikingLayerSpec withMethod(BackwardMethod newMethod);

    /** Whether the layer feeds its own spikes back through recurrent weights (ALGORITHM.md §7). */
    boolean recurrent();
}
