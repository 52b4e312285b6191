package org.s3gd.kernel;

/**
 * The event-driven LIF forward pass of one sample (ALGORITHM.md §1, §7). Implementations trust
 * their arguments; {@link LifKernels} checks them.
 */
public interface LifKernel {
    String name();

    /** Floats per vector the implementation loads at once (1 for plain loops); rows are padded to a multiple. */
    int lanes();

    /** Runs the walk: the spikes and the active set listed step by step, each step's neurons ascending. */
    void integrate(LifWalk walk);

    /**
     * One step of a layer whose current was gathered elsewhere (a convolution scatters it), in one
     * pass over its n neurons: {@code v[t+1] = β·v[t] + I[t] − θ·s[t]} into {@code v} as
     * {@link org.s3gd.model.LifStep} computes it, {@code current} zeroed for the next step,
     * {@code counts[j] += s_j[t]}, and every neuron with {@code v[t] > level} (each spiking one, for
     * any level ≤ θ) listed in increasing order: its index in {@code found}, its {@code v[t]} in
     * {@code values}. Returns how many were listed.
     */
    int step(float[] v, float[] current, int n, float beta, float threshold, float level, int[] counts, int[] found,
             float[] values);
}
