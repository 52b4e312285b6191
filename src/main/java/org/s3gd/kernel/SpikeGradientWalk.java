package org.s3gd.kernel;

import java.util.Arrays;

/**
 * The inputs of one sample's backward walk for the spike gradient (ALGORITHM.md §3, memoised ε):
 * {@code Z[t] = Σ_{τ>t} β^(τ−t−1)·Σ_j W[·][j]·δ_j[τ]}, carried down in time by
 * {@code Z[t−1] = β·Z[t] + Σ_{j active at t} δ_j[t]·W[·][j]}, and read where the previous layer needs
 * {@code ∂L/∂x_i[t] = Z_i[t]}. Between two steps where something happens Z only decays, so the walk
 * visits those steps alone and applies the decay of the gap at once (Proposition 1).
 *
 * @param steps         T
 * @param inputs        N_in, the length of Z
 * @param stride        row stride of {@code transposed}: {@link SparseKernels#walkStride(int)} of N_in, padding zero
 * @param activeOffsets CSR offsets by step of the layer's active entries (length T+1)
 * @param activeUnits   neuron of each active entry
 * @param delta         δ of each active entry
 * @param transposed    {@code Wᵀ[j][i]}, row-major {@code neurons × stride}
 * @param decay         {@code β^k}, k = 0 … T
 * @param neededOffsets CSR offsets by step of the entries to read, or null to read every entry
 * @param neededUnits   input unit of each entry to read (null when reading every entry)
 * @param out           gradient per needed entry (aligned with neededUnits), or the dense
 *                      {@code [T][inputs]} block of this sample starting at {@code outOffset}
 * @param outOffset     where this sample's dense block starts (0 for needed entries)
 */
public record SpikeGradientWalk(int steps, int inputs, int stride, int[] activeOffsets, int[] activeUnits, float[] delta,
                                float[] transposed, float[] decay, int[] neededOffsets, int[] neededUnits,
                                float[] out, int outOffset) {
    public boolean dense() {
        return neededOffsets == null;
    }

    /** β */
    public float beta() {
        return decay[1];
    }

    /**
     * Hands {@code Z[t]} at the steps {@code events[k]}, k in {@code [first, last)} (steps going
     * down), to the entries that need it; {@code Z[events[k]]} is {@code scale[k − first]} times row
     * {@code k − first} of {@code stride} floats from {@code ring[0]}. Reading entries, it uses
     * {@code events} past T as scratch ({@link SparseKernels#eventsSize}).
     */
    public void read(int[] events, int first, int last, float[] ring, float[] scale, int scaleOffset) {
        if (dense()) {
            for (int k = first; k < last; k++) {
                int t = events[k];
                int row = (k - first) * stride;
                float s = scale[scaleOffset + k - first];
                int base = outOffset + t * inputs;
                for (int i = 0; i < inputs; i++) {
                    out[base + i] = s * ring[row + i];
                }
            }
            return;
        }
        // The window's entries lie together, its earliest step's first; each entry's step is found
        // without a branch on where a step ends (one loop over the entries, not one per step): a
        // mark where each later step's entries begin, then a running count of the marks.
        int firstEntry = neededOffsets[events[last - 1]];
        int entries = neededOffsets[events[first] + 1] - firstEntry;
        int marks = steps;
        Arrays.fill(events, marks, marks + entries + 1, 0);
        for (int k = last - 2; k >= first; k--) {
            events[marks + neededOffsets[events[k]] - firstEntry]++;
        }
        int later = 0;
        for (int j = 0; j < entries; j++) {
            later += events[marks + j];
            int k = last - 1 - later - first;
            int e = firstEntry + j;
            out[e] = scale[scaleOffset + k] * ring[k * stride + neededUnits[e]];
        }
    }
}
