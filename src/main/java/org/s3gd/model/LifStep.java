package org.s3gd.model;

/**
 * One step of one LIF neuron (ALGORITHM.md §1), in Norse's order: threshold, then integrate with
 * the reset. It is the reference every kernel is held against: the scalar kernels call it, the
 * vector kernels compute the same expression lane by lane and are tested to give the same bits.
 *
 * <pre>
 * s[t]   = H(v[t] − θ)                          (1 if v &gt; θ)
 * v[t+1] = β·v[t] + I[t] − θ·s[t]               (one fused multiply–add, then the reset)
 * </pre>
 * {@code I[t]} is the whole input current of the step: the weight rows of the input spikes of
 * step t, plus, in a recurrent layer, the recurrent rows of the layer's own spikes of step t
 * (ALGORITHM.md §7). The reset subtracts θ − v_r = θ and is not differentiated.
 */
public final class LifStep {
    private LifStep() {
    }

    /** {@code s[t] = H(v[t] − θ)}. */
    public static boolean spikes(float v, float threshold) {
        return v > threshold;
    }

    /** {@code v[t+1] = β·v[t] + I[t] − θ·s[t]}, with {@code s[t]} from {@code v}. */
    public static float next(float v, float current, float beta, float threshold) {
        float integrated = Math.fma(v, beta, current);
        return spikes(v, threshold) ? integrated - threshold : integrated;
    }
}
