package org.s3gd.layer.lif;

import java.util.Arrays;
import org.s3gd.kernel.SparseKernels;
import org.s3gd.kernel.VectorOps;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.EventBatch;

/**
 * The sparse weight gradient {@code ∇W[i][j] = Σ_{t active for j} δ_j[t]·κ_i[t]} (ALGORITHM.md §3)
 * computed in two phases per worker, so that each multiply–add costs one load:
 * <ol>
 *   <li>the input trace κ is carried forward from active step to active step (Proposition 1) and
 *       copied, at each step that has active entries, into a row of a small buffer;</li>
 *   <li>when the buffer is full (or the worker's samples are done) the active entries are grouped by
 *       neuron and each neuron's {@code Σ δ·κ} is summed in registers and added to its row of
 *       {@code ∇Wᵀ} once.</li>
 * </ol>
 * The buffer holds at most {@link #BUDGET_FLOATS} floats (it fits in the L2 cache), whatever B and
 * T are: a bounded transient, never a B×T×N_in tensor.
 */
final class TraceGather implements Workspace.Sized {
    /** Size of the gathered-trace buffer: 512 KiB. */
    static final int BUDGET_FLOATS = 1 << 17;

    private final VectorOps vectors;
    private final int inputs;
    private final int stride;
    private final int neurons;
    private final float[] trace;
    private final float[] rows;
    private final int maxRows;
    private int rowCount;
    private final KeyedRows entries;

    TraceGather(SparseKernels kernels, VectorOps vectors, int inputs, int neurons) {
        this(kernels, vectors, inputs, neurons, Math.max(1, BUDGET_FLOATS / kernels.rowStride(inputs)));
    }

    /** With an explicit number of buffered rows (tests use a tiny one to force flushes mid-sample). */
    TraceGather(SparseKernels kernels, VectorOps vectors, int inputs, int neurons, int maxRows) {
        this.vectors = vectors;
        this.inputs = inputs;
        this.stride = kernels.rowStride(inputs);
        this.neurons = neurons;
        this.trace = new float[stride];
        this.maxRows = maxRows;
        this.rows = new float[maxRows * stride];
        this.entries = new KeyedRows(kernels, neurons);
    }

    boolean fits(int otherInputs, int otherNeurons) {
        return inputs == otherInputs && neurons == otherNeurons;
    }

    /** Bytes of the buffers, for memory reports. */
    @Override
    public long bytes() {
        return ((long) rows.length + trace.length) * Float.BYTES + entries.bytes();
    }

    /** Phase 1 for sample b: walks κ forward and gathers its value at every step with a non-zero δ. */
    void addSample(EventBatch input, EventBatch activeSet, float[] delta, int b, float[] decay, float[] partial) {
        int steps = input.steps();
        int[] inOffsets = input.offsets(b);
        int[] inUnits = input.unit(b);
        int[] acOffsets = activeSet.offsets(b);
        int[] acUnits = activeSet.unit(b);
        // κ[current] is the last gathered row (or `trace` right after a flush); κ[0] = 0 at the sample start.
        boolean fresh = true;
        int current = 0;
        for (int t = 1; t < steps; t++) {
            int first = acOffsets[t];
            int last = acOffsets[t + 1];
            if (first == last || KeyedRows.allZero(delta, first, last)) {
                continue;
            }
            if (rowCount == maxRows) {
                System.arraycopy(rows, (rowCount - 1) * stride, trace, 0, stride);
                flush(partial);
            }
            int row = rowCount * stride;
            // κ[t] = β^(t−current)·κ[current] + Σ_{current ≤ k < t} β^(t−1−k)·x[k], written straight into its row
            if (fresh) {
                Arrays.fill(rows, row, row + stride, 0f);
            } else if (rowCount == 0) {
                vectors.scaleInto(decay[t - current], trace, 0, rows, row, stride);
            } else {
                vectors.scaleInto(decay[t - current], rows, row - stride, rows, row, stride);
            }
            for (int k = current; k < t; k++) {
                float weight = decay[t - 1 - k];
                for (int e = inOffsets[k]; e < inOffsets[k + 1]; e++) {
                    rows[row + inUnits[e]] += weight;
                }
            }
            fresh = false;
            current = t;
            for (int e = first; e < last; e++) {
                if (delta[e] != 0f) {
                    entries.add(acUnits[e], rowCount, delta[e]);
                }
            }
            rowCount++;
        }
    }

    /**
     * Phase 2: adds every gathered neuron's {@code Σ δ·κ} to its row of {@code partial} (∇Wᵀ, rows of
     * {@link SparseKernels#rowStride(int)} floats) and empties the buffer.
     */
    void flush(float[] partial) {
        entries.addTo(rows, stride, partial);
        rowCount = 0;
    }
}
