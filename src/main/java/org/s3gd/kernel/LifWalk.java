package org.s3gd.kernel;

import org.s3gd.model.LifStep;
import org.s3gd.model.Surrogate;

/**
 * The inputs and outputs of one sample's event-driven LIF forward pass (ALGORITHM.md §1, §7), each
 * step computed as {@link org.s3gd.model.LifStep} does:
 * {@code s[t] = H(v[t] − θ)}, {@code v[t+1] = β·v[t] + I[t] − θ·s[t]}, where the current
 * {@code I[t]} is the sum of the weight rows {@code W[i][·]} of this step's input spikes, in their
 * order, then (recurrent layers) of the rows {@code V[k][·]} of the neurons that spiked at t, in
 * increasing k.
 *
 * <p>The walk lists, step by step, the neurons that spiked ({@code spikeUnits}, CSR offsets by
 * step in {@code spikeOffsets}) and, when an active set is wanted, those in the active band
 * {@code |v − θ| < band} with their {@code v[t]} ({@code activeUnits}, {@code activeValues},
 * {@code activeOffsets}), each step's neurons in increasing order. The lists are the output
 * spikes and the active set of an {@link org.s3gd.tensor.EventBatch}; a kernel may write up to a
 * vector of lanes past the last entry, so they hold {@link LifKernels#listCapacity} entries.
 *
 * @param steps         T
 * @param neurons       N
 * @param stride        row stride of the weights and of the workspace: {@link LifKernels#rowStride(int)}
 *                      of N, padding zero
 * @param weights       {@code W[i][j]}, row-major {@code inputs × stride}
 * @param recurrent     {@code V[k][j]}, row-major {@code neurons × stride}, or null for a feed-forward layer
 * @param inOffsets     CSR offsets by step of the input spikes (length T+1)
 * @param inUnits       unit of each input spike
 * @param beta          membrane decay β
 * @param threshold     θ
 * @param band          B_th; read only with an active set
 * @param spikeUnits    out: the neurons that spiked, step by step
 * @param spikeOffsets  out: CSR offsets by step of {@code spikeUnits} (length T+1)
 * @param activeUnits   out: the neurons in the band, step by step, or null for no active set
 * @param activeValues  out: their membrane potential {@code v[t]}, or null
 * @param activeOffsets out: CSR offsets by step of {@code activeUnits} (length T+1), or null
 * @param membrane      workspace of {@link LifKernels#workspaceSize(int)} floats
 */
public record LifWalk(int steps, int neurons, int stride, float[] weights, float[] recurrent, int[] inOffsets,
                      int[] inUnits, float beta, float threshold, float band, int[] spikeUnits, int[] spikeOffsets,
                      int[] activeUnits, float[] activeValues, int[] activeOffsets, float[] membrane) {
    /** Whether the walk lists the active set. */
    public boolean keepsActiveSet() {
        return activeUnits != null;
    }

    /** The level a neuron must lie above to spike or be listed as active: θ, or the band's lower edge below it. */
    public float watchLevel() {
        return keepsActiveSet() ? Math.min(threshold, threshold - band) : threshold;
    }

    /** Whether a neuron at v is listed in the active set ({@link Surrogate#isActive}); always false without one. */
    public boolean listsActive(float v) {
        return keepsActiveSet() && Surrogate.isActive(v, threshold, band);
    }

    /** Whether a neuron at v spikes ({@link LifStep#spikes}). */
    public boolean spikes(float v) {
        return LifStep.spikes(v, threshold);
    }
}
