package org.s3gd.kernel;

/** Unchecked implementations of {@link LifKernels}. */
interface LifKernel {
    String name();

    /** Runs the walk, returns the number of entries written, ordered by step then neuron. */
    int integrate(LifWalk walk);
}
