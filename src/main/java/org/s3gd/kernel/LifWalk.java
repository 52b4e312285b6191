package org.s3gd.kernel;

/**
 * The inputs and outputs of one sample's event-driven LIF forward pass (ALGORITHM.md §1):
 * {@code v[0] = 0}, {@code s[t] = H(v[t] − θ)}, {@code v[t+1] = β·v[t] + Σ_{i: x_i[t]=1} W[i][·] − θ·s[t]}.
 *
 * <p>The walk reports every entry that spiked or lies in the active band {@code |v − θ| < band}
 * (band 0 when no active set is wanted) as {@code (step, neuron, v, kind)}, ordered by step and
 * then neuron; {@link #entries} returns how many there are.
 *
 * @param steps       T
 * @param neurons     N
 * @param stride      row stride of the weights and length of the membrane workspace:
 *                    {@link LifKernels#rowStride(int)} of N, padding zero
 * @param weights     {@code W[i][j]}, row-major {@code inputs × stride}
 * @param inOffsets   CSR offsets by step of the input spikes (length T+1)
 * @param inUnits     unit of each input spike
 * @param beta        membrane decay β
 * @param threshold   θ
 * @param band        B_th, or 0 for none
 * @param entryStep   out: step of each entry (capacity T·N)
 * @param entryNeuron out: neuron of each entry
 * @param entryValue  out: membrane potential of each entry
 * @param entryKind   out: {@link #SPIKE} and/or {@link #ACTIVE} bits
 * @param membrane    workspace of {@code stride} floats
 */
public record LifWalk(int steps, int neurons, int stride, float[] weights, int[] inOffsets, int[] inUnits, float beta,
                      float threshold, float band, int[] entryStep, int[] entryNeuron, float[] entryValue,
                      byte[] entryKind, float[] membrane) {
    /** The neuron spiked at this step. */
    public static final byte SPIKE = 1;
    /** The neuron was in the active band at this step. */
    public static final byte ACTIVE = 2;
}
