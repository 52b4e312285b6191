package org.s3gd.bench;

import org.s3gd.data.SpikeDataset;
import org.s3gd.data.SpikeSample;

/** The first {@code size} samples of a data set, to bound the length of a benchmark's training run. */
record FirstSamples(SpikeDataset all, int size) implements SpikeDataset {
    FirstSamples {
        size = Math.min(size, all.size());
    }

    @Override
    public String name() {
        return all.name();
    }

    @Override
    public int inputs() {
        return all.inputs();
    }

    @Override
    public int steps() {
        return all.steps();
    }

    @Override
    public int classes() {
        return all.classes();
    }

    @Override
    public SpikeSample sample(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("sample " + i + " out of range [0, " + size + ")");
        }
        return all.sample(i);
    }
}
