package org.s3gd.kernel;

/**
 * The event-driven LIF forward pass of one sample (ALGORITHM.md §1, §7). Implementations trust
 * their arguments; {@link LifKernels} checks them.
 */
public interface LifKernel {
    String name();

    /** Floats per vector the implementation loads at once (1 for plain loops); rows are padded to a multiple. */
    int lanes();

    /** Runs the walk, returns the number of entries written, ordered by step then neuron. */
    int integrate(LifWalk walk);
}
