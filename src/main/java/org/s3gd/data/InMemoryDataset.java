package org.s3gd.data;

import java.util.List;

/** A {@link SpikeDataset} whose samples are all held in memory. */
public final class InMemoryDataset implements SpikeDataset {
    private final String name;
    private final int inputs;
    private final int steps;
    private final int classes;
    private final SpikeSample[] samples;

    /**
     * @throws IllegalArgumentException if a sample has another number of steps, a unit id or a
     *     label out of range (loaders check their files first; this guards the invariant)
     */
    public InMemoryDataset(String name, int inputs, int steps, int classes, List<SpikeSample> samples) {
        this.name = name;
        this.inputs = inputs;
        this.steps = steps;
        this.classes = classes;
        this.samples = samples.toArray(new SpikeSample[0]);
        for (int i = 0; i < this.samples.length; i++) {
            check(i, this.samples[i]);
        }
    }

    private void check(int i, SpikeSample s) {
        if (s.steps() != steps) {
            throw new IllegalArgumentException(name + ": sample " + i + ": " + s.steps() + " steps, expected " + steps);
        }
        if (s.label() < 0 || s.label() >= classes) {
            throw new IllegalArgumentException(name + ": sample " + i + ": label " + s.label() + " out of range [0, " + classes + ")");
        }
        for (int k = 0; k < s.spikeCount(); k++) {
            if (s.unitAt(k) >= inputs) {
                throw new IllegalArgumentException(name + ": sample " + i + ": unit id " + s.unitAt(k) + " out of range [0, " + inputs + ")");
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int size() {
        return samples.length;
    }

    @Override
    public SpikeSample sample(int i) {
        return samples[i];
    }

    @Override
    public String toString() {
        return name + " (" + samples.length + " samples, " + inputs + " inputs, " + steps + " steps, " + classes + " classes)";
    }
}
