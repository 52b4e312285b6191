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
 * <p>The walk reports every entry that spiked or lies in the active band {@code |v − θ| < band}
 * (band 0 when no active set is wanted) as {@code (step, neuron, v, kind)}, ordered by step and
 * then neuron; {@link LifKernel#integrate} returns how many there are.
 *
 * @param steps       T
 * @param neurons     N
 * @param stride      row stride of the weights and of the workspace: {@link LifKernels#rowStride(int)}
 *                    of N, padding zero
 * @param weights     {@code W[i][j]}, row-major {@code inputs × stride}
 * @param recurrent   {@code V[k][j]}, row-major {@code neurons × stride}, or null for a feed-forward layer
 * @param inOffsets   CSR offsets by step of the input spikes (length T+1)
 * @param inUnits     unit of each input spike
 * @param beta        membrane decay β
 * @param threshold   θ
 * @param band        B_th, or 0 for none
 * @param entryStep   out: step of each entry (capacity T·N)
 * @param entryNeuron out: neuron of each entry
 * @param entryValue  out: membrane potential of each entry
 * @param entryKind   out: {@link #SPIKE} and/or {@link #ACTIVE} bits
 * @param membrane    workspace of {@link LifKernels#workspaceSize(int)} floats
 */
public record LifWalk(int steps, int neurons, int stride, float[] weights, float[] recurrent, int[] inOffsets,
                      int[] inUnits, float beta, float threshold, float band, int[] entryStep, int[] entryNeuron,
                      float[] entryValue, byte[] entryKind, float[] membrane) {
    /** The neuron spiked at this step. */
    public static final byte SPIKE = 1;
    /** The neuron was in the active band at this step. */
    public static final byte ACTIVE = 2;

    /**
     * What a neuron at membrane potential v is at this step: {@link #SPIKE} if it fires
     * ({@link LifStep#spikes}), {@link #ACTIVE} if it lies in the band ({@link Surrogate#isActive}),
     * both, or 0.
     */
    public static byte kind(float v, float threshold, float band) {
        return (byte) ((LifStep.spikes(v, threshold) ? SPIKE : 0) | (Surrogate.isActive(v, threshold, band) ? ACTIVE : 0));
    }
}
