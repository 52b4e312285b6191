package org.s3gd.kernel;

/**
 * The inputs of one sample's backward walk for the spike gradient (ALGORITHM.md §3, memoised ε):
 * {@code Z[t] = Σ_{τ>t} β^(τ−t−1)·Σ_j W[·][j]·δ_j[τ]}, carried down in time by
 * {@code Z[t−1] = β·Z[t] + Σ_{j active at t} δ_j[t]·W[·][j]}, and read where the previous layer needs
 * {@code ∂L/∂x_i[t] = Z_i[t]}.
 *
 * @param steps         T
 * @param inputs        N_in, the length of Z
 * @param stride        row stride of {@code transposed}: {@link SparseKernels#walkStride(int)} of N_in, padding zero
 * @param activeOffsets CSR offsets by step of the layer's active entries (length T+1)
 * @param activeUnits   neuron of each active entry
 * @param delta         δ of each active entry
 * @param transposed    {@code Wᵀ[j][i]}, row-major {@code neurons × stride}
 * @param beta          the membrane decay β
 * @param neededOffsets CSR offsets by step of the entries to read, or null to read every entry
 * @param neededUnits   input unit of each entry to read (null when reading every entry)
 * @param out           gradient per needed entry (aligned with neededUnits), or the dense
 *                      {@code [T][inputs]} block of this sample starting at {@code outOffset}
 * @param outOffset     where this sample's dense block starts (0 for needed entries)
 */
public record SpikeGradientWalk(int steps, int inputs, int stride, int[] activeOffsets, int[] activeUnits, float[] delta,
                                float[] transposed, float beta, int[] neededOffsets, int[] neededUnits,
                                float[] out, int outOffset) {
    public boolean dense() {
        return neededOffsets == null;
    }

    /**
     * Hands {@code Z[t]} for the steps {@code [from, to)}, kept as rows of {@code stride} floats from
     * {@code ring[0]} (row {@code t − from}), to the entries that need it.
     */
    void read(int from, int to, float[] ring) {
        for (int t = from; t < to; t++) {
            int row = (t - from) * stride;
            if (dense()) {
                System.arraycopy(ring, row, out, outOffset + t * inputs, inputs);
            } else {
                for (int e = neededOffsets[t]; e < neededOffsets[t + 1]; e++) {
                    out[e] = ring[row + neededUnits[e]];
                }
            }
        }
    }
}
