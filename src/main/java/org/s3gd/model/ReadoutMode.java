package org.s3gd.model;

/** How the readout's membrane trace becomes a logit (ALGORITHM.md §1, readout layer). */
public enum ReadoutMode {
    /** {@code logit = max_t y[t]}: F-MNIST and N-MNIST. */
    MAX,
    /** {@code logit = Σ_t y[t]}: SHD. */
    SUM
}
