package org.s3gd.tensor;

import java.util.Arrays;

/**
 * A batch of sparse events over time: for every sample {@code b} and step {@code t}, the list of
 * units that fired (input or output spikes) or that are active (the active set, with one float per
 * entry, e.g. the membrane potential the surrogate needs).
 *
 * <p>Storage is one compressed-row table per sample, rows being time steps: the entries of step
 * {@code t} of sample {@code b} are {@code unit(b)[k]} (and {@code value(b)[k]}) for
 * {@code k} in {@code [offsets(b)[t], offsets(b)[t+1])}. Per-sample arrays let threads fill
 * different samples without coordination. The buffers grow and are reused: a training loop that
 * refills the same batch allocates nothing in its steady state.
 *
 * <p>Units within a step are kept in increasing order by every producer in s3gd, but consumers must
 * not depend on it.
 */
public final class EventBatch {
    private final int steps;
    private final int units;
    private final boolean hasValues;
    private int batchSize;
    private int[][] offsets;
    private int[][] unit;
    private float[][] value;
    private int[] count;

    /**
     * @param batchSize number of samples
     * @param steps     time steps per sample (T)
     * @param units     number of units (the valid range of unit ids)
     * @param hasValues whether each entry carries a float value
     */
    public EventBatch(int batchSize, int steps, int units, boolean hasValues) {
        if (batchSize < 0 || steps < 1 || units < 1) {
            throw new IllegalArgumentException(
                "EventBatch needs batchSize >= 0, steps >= 1, units >= 1; got " + batchSize + ", " + steps + ", " + units);
        }
        this.steps = steps;
        this.units = units;
        this.hasValues = hasValues;
        this.offsets = new int[0][];
        this.unit = new int[0][];
        this.value = new float[0][];
        this.count = new int[0];
        resize(batchSize);
    }

    /** Changes the number of samples (e.g. for a last partial batch), clearing every sample. */
    public void resize(int newBatchSize) {
        if (newBatchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 0, got " + newBatchSize);
        }
        if (newBatchSize > offsets.length) {
            int old = offsets.length;
            offsets = Arrays.copyOf(offsets, newBatchSize);
            unit = Arrays.copyOf(unit, newBatchSize);
            value = Arrays.copyOf(value, newBatchSize);
            count = Arrays.copyOf(count, newBatchSize);
            for (int b = old; b < newBatchSize; b++) {
                offsets[b] = new int[steps + 1];
                unit[b] = new int[16];
                value[b] = hasValues ? new float[16] : null;
            }
        }
        batchSize = newBatchSize;
        for (int b = 0; b < batchSize; b++) {
            clear(b);
        }
    }

    public int batchSize() {
        return batchSize;
    }

    public int steps() {
        return steps;
    }

    public int units() {
        return units;
    }

    public boolean hasValues() {
        return hasValues;
    }

    /** Row offsets of sample {@code b}: length {@code steps + 1}. */
    public int[] offsets(int b) {
        return offsets[b];
    }

    /** Unit ids of sample {@code b}; valid up to {@link #count(int)}. */
    public int[] unit(int b) {
        return unit[b];
    }

    /** Values of sample {@code b}; valid up to {@link #count(int)}; null without values. */
    public float[] value(int b) {
        return value[b];
    }

    /** Number of entries in sample {@code b}. */
    public int count(int b) {
        return count[b];
    }

    /** Total number of entries over the batch. */
    public long totalCount() {
        long total = 0;
        for (int b = 0; b < batchSize; b++) {
            total += count[b];
        }
        return total;
    }

    /** Empties sample {@code b}; it is then filled step by step with {@link #add} and {@link #endStep}. */
    public void clear(int b) {
        count[b] = 0;
        Arrays.fill(offsets[b], 0);
    }

    /** Appends an entry to the step being filled in sample {@code b}. */
    public void add(int b, int unitId) {
        int n = count[b];
        if (n == unit[b].length) {
            grow(b, n + 1);
        }
        unit[b][n] = unitId;
        count[b] = n + 1;
    }

    /** Appends an entry with a value to the step being filled in sample {@code b}. */
    public void add(int b, int unitId, float v) {
        int n = count[b];
        if (n == unit[b].length) {
            grow(b, n + 1);
        }
        unit[b][n] = unitId;
        value[b][n] = v;
        count[b] = n + 1;
    }

    /**
     * Ends sample {@code b} written directly into {@link #unit}, {@link #value} and
     * {@link #offsets} (after {@link #ensureCapacity}) rather than through {@link #add}: it holds
     * {@code entries} entries, and the offsets must run from 0 to that, never down.
     */
    public void setFilled(int b, int entries) {
        int[] o = offsets[b];
        if (o[0] != 0 || o[steps] != entries || entries > unit[b].length) {
            throw new IllegalStateException("sample " + b + " offsets run " + o[0] + " … " + o[steps] + " for " + entries
                + " entries (capacity " + unit[b].length + ")");
        }
        count[b] = entries;
    }

    /** Closes step {@code t} of sample {@code b}: the entries added since the last close belong to it. */
    public void endStep(int b, int t) {
        offsets[b][t + 1] = count[b];
    }

    /** Makes room for at least {@code capacity} entries in sample {@code b}. */
    public void ensureCapacity(int b, int capacity) {
        if (capacity > unit[b].length) {
            grow(b, capacity);
        }
    }

    private void grow(int b, int minCapacity) {
        int capacity = Math.max(minCapacity, unit[b].length + (unit[b].length >> 1) + 16);
        unit[b] = Arrays.copyOf(unit[b], capacity);
        if (hasValues) {
            value[b] = Arrays.copyOf(value[b], capacity);
        }
    }

    /** Bytes held for the live entries: what a backward pass that keeps this batch really uses. */
    public long liveBytes() {
        return bytes(totalCount(), hasValues, batchSize, steps);
    }

    /** The live bytes of a batch of this shape with {@code entries} entries: a unit (and a value) per entry, offsets per step. */
    public static long bytes(long entries, boolean hasValues, int batchSize, int steps) {
        return entries * (Integer.BYTES + (hasValues ? Float.BYTES : 0)) + (long) batchSize * (steps + 1) * Integer.BYTES;
    }
}
