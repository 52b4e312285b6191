package org.s3gd.data;

import java.util.Arrays;

/**
 * A view of some samples of another data set, without copying them: for quick runs on the first
 * {@code n} samples, or for holding out a validation part of a training set.
 */
public final class SubsetDataset implements SpikeDataset {
    private final SpikeDataset source;
    private final int[] indices;
    private final String name;

    private SubsetDataset(SpikeDataset source, int[] indices, String name) {
        this.source = source;
        this.indices = indices;
        this.name = name;
    }

    /** Samples {@code indices} of {@code source}, in that order. */
    public static SubsetDataset of(SpikeDataset source, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= source.size()) {
                throw new IndexOutOfBoundsException(source.name() + ": sample " + i + " out of range [0, " + source.size() + ")");
            }
        }
        return new SubsetDataset(source, indices.clone(), source.name() + "[" + indices.length + " of " + source.size() + "]");
    }

    /** The first {@code min(n, size)} samples of {@code source}. */
    public static SubsetDataset first(SpikeDataset source, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("sample count must be >= 0, got " + n);
        }
        int[] indices = new int[Math.min(n, source.size())];
        Arrays.setAll(indices, i -> i);
        return new SubsetDataset(source, indices, source.name() + "[:" + indices.length + "]");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputs() {
        return source.inputs();
    }

    @Override
    public int steps() {
        return source.steps();
    }

    @Override
    public int classes() {
        return source.classes();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public SpikeSample sample(int i) {
        return source.sample(indices[i]);
    }

    @Override
    public int label(int i) {
        return source.label(indices[i]);
    }
}
