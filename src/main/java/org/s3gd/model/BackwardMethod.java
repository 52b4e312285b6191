package org.s3gd.model;

/** How a hidden layer runs forward and backward. */
public enum BackwardMethod {
    /**
     * The paper's "original": dense input-current matmul, full membrane history, dense
     * surrogate-gradient BPTT (ALGORITHM.md §2).
     */
    DENSE,
    /**
     * Sparse Spiking Gradient Descent: event-driven forward that keeps only the active set, and a
     * backward pass that visits active neurons only (ALGORITHM.md §3).
     */
    SPARSE
}
