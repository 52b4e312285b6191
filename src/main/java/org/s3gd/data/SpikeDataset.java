package org.s3gd.data;

/**
 * A labelled set of spike-train samples, all on the same grid: {@link #inputs()} units by
 * {@link #steps()} time steps of width Δt.
 */
public interface SpikeDataset {
    /** A short name for reports, e.g. {@code fashion-mnist/train}. */
    String name();

    /** Number of input units N_in. */
    int inputs();

    /** Number of time steps T. */
    int steps();

    /** Number of classes; labels are {@code 0 … classes()-1}. */
    int classes();

    /** Number of samples. */
    int size();

    /** Sample {@code i}, {@code 0 <= i < size()}. */
    SpikeSample sample(int i);

    /** Label of sample {@code i}. */
    default int label(int i) {
        return sample(i).label();
    }
}
