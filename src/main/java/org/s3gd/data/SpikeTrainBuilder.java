package org.s3gd.data;

import java.util.Arrays;

/**
 * Collects the spikes of one sample in any order and builds a {@link SpikeSample}: sorted by step
 * then unit, with several spikes of one unit in one step merged into one (ALGORITHM.md §5: "several
 * events in one bin count as one spike").
 *
 * <p>Reusable: {@link #reset()} keeps the buffer, so loading a data set allocates only the samples
 * themselves. Not thread-safe; use one builder per thread. Callers check unit and step ranges
 * (with their file and sample in the message); the builder only asserts them.
 */
public final class SpikeTrainBuilder {
    private final int steps;
    private final int inputs;
    private long[] keys = new long[256];
    private int size;

    /**
     * @param steps  number of time steps T of the samples built
     * @param inputs number of input units; at most {@link SpikeSample#MAX_UNITS}
     */
    public SpikeTrainBuilder(int steps, int inputs) {
        if (steps < 1 || inputs < 1 || inputs > SpikeSample.MAX_UNITS) {
            throw new IllegalArgumentException("need steps >= 1 and 1 <= inputs <= " + SpikeSample.MAX_UNITS
                + "; got steps " + steps + ", inputs " + inputs);
        }
        this.steps = steps;
        this.inputs = inputs;
    }

    public int steps() {
        return steps;
    }

    public int inputs() {
        return inputs;
    }

    /** Forgets the spikes added so far. */
    public SpikeTrainBuilder reset() {
        size = 0;
        return this;
    }

    /** Adds a spike of {@code unit} at {@code step}; both must be in range. */
    public void add(int unit, int step) {
        assert unit >= 0 && unit < inputs && step >= 0 && step < steps : "spike (" + unit + ", " + step + ") out of range";
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size + (size >> 1));
        }
        keys[size++] = (long) step * inputs + unit;
    }

    /** Number of spikes added (duplicates included). */
    public int added() {
        return size;
    }

    /** Builds the sample with label {@code label}; the builder can then be reset and reused. */
    public SpikeSample build(int label) {
        Arrays.sort(keys, 0, size);
        int distinct = 0;
        for (int k = 0; k < size; k++) {
            if (k == 0 || keys[k] != keys[k - 1]) {
                keys[distinct++] = keys[k];
            }
        }
        int[] stepStart = new int[steps + 1];
        short[] units = new short[distinct];
        for (int k = 0; k < distinct; k++) {
            int step = (int) (keys[k] / inputs);
            units[k] = (short) (keys[k] - (long) step * inputs);
            stepStart[step + 1]++;
        }
        for (int t = 0; t < steps; t++) {
            stepStart[t + 1] += stepStart[t];
        }
        size = distinct;
        return new SpikeSample(label, stepStart, units);
    }
}
