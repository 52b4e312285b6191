package org.s3gd.layer.lif;

import java.util.Arrays;
import org.s3gd.kernel.SparseKernels;

/**
 * The second phase of {@link TraceGather} and {@link EpsilonGather}: entries {@code (key, row,
 * coefficient)} referring to rows of a gathered buffer, grouped by key with a counting sort, and
 * each key's {@code Σ coefficient·row} summed in registers and added once to that key's row of the
 * output. Entries of one key keep the order they were added in, so sums repeat exactly.
 */
final class KeyedRows {
    private final SparseKernels kernels;
    private final int keys;
    private final int[] keyStart;
    private int[] entryKey = new int[1024];
    private int[] entryRow = new int[1024];
    private float[] entryCoefficient = new float[1024];
    private int count;
    private int[] sortedRow = new int[1024];
    private float[] sortedCoefficient = new float[1024];

    KeyedRows(SparseKernels kernels, int keys) {
        this.kernels = kernels;
        this.keys = keys;
        this.keyStart = new int[keys + 1];
    }

    void add(int key, int row, float coefficient) {
        if (count == entryKey.length) {
            int capacity = count * 2;
            entryKey = Arrays.copyOf(entryKey, capacity);
            entryRow = Arrays.copyOf(entryRow, capacity);
            entryCoefficient = Arrays.copyOf(entryCoefficient, capacity);
        }
        entryKey[count] = key;
        entryRow[count] = row;
        entryCoefficient[count] = coefficient;
        count++;
    }

    /**
     * Adds each key's sum of its entries' scaled rows of {@code rows} (rows of {@code width} floats,
     * a row stride) to row {@code key} of {@code out} (same width), then forgets the entries.
     */
    void addTo(float[] rows, int width, float[] out) {
        if (count > 0) {
            Arrays.fill(keyStart, 0);
            for (int e = 0; e < count; e++) {
                keyStart[entryKey[e] + 1]++;
            }
            for (int k = 0; k < keys; k++) {
                keyStart[k + 1] += keyStart[k];
            }
            if (sortedRow.length < count) {
                sortedRow = new int[entryKey.length];
                sortedCoefficient = new float[entryKey.length];
            }
            for (int e = 0; e < count; e++) {
                int slot = keyStart[entryKey[e]]++;
                sortedRow[slot] = entryRow[e];
                sortedCoefficient[slot] = entryCoefficient[e];
            }
            // keyStart[k] now holds the end of key k's entries; its start is the previous end.
            int start = 0;
            for (int k = 0; k < keys; k++) {
                int end = keyStart[k];
                if (end > start) {
                    kernels.accumulateRows(rows, width, sortedRow, sortedCoefficient, start, end, out, k * width);
                }
                start = end;
            }
        }
        count = 0;
    }

    long bytes() {
        return ((long) entryCoefficient.length + sortedCoefficient.length) * Float.BYTES
            + ((long) entryKey.length + entryRow.length + sortedRow.length + keyStart.length) * Integer.BYTES;
    }

    /** Whether {@code values[from, to)} are all zero. */
    static boolean allZero(float[] values, int from, int to) {
        for (int e = from; e < to; e++) {
            if (values[e] != 0f) {
                return false;
            }
        }
        return true;
    }
}
