package org.s3gd.layer.lif;

import java.util.Arrays;
import org.s3gd.kernel.SparseKernels;
import org.s3gd.kernel.VectorOps;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.EventBatch;

/**
 * The sparse weight gradient summed the other way round: over the input spikes instead of the
 * active entries. With {@code ε_j[t] = Σ_{τ>t} β^(τ−t−1)·δ_j[τ]} (ALGORITHM.md §2, the gradient that
 * reaches the current of step t),
 * <pre>
 *   ∇W[i][j] = Σ_{τ active for j} δ_j[τ]·κ_i[τ] = Σ_{t: input i spiked at t} ε_j[t],
 * </pre>
 * the same double sum over pairs (t &lt; τ) of an input spike and an active entry, weighted by
 * {@code β^(τ−t−1)}. {@link TraceGather} pays a row of N_in per active entry; this pays a row of N
 * per input spike. Where inputs are sparse and wide (a first layer on F-MNIST: a few hundred
 * spikes per sample, each pixel at most once, against 784 inputs) it is several times less work.
 *
 * <p>Two phases per worker, as in {@link TraceGather}: ε is walked backwards in time from step to
 * step with input spikes, δ folded in as it is passed, and copied at each such step into a row of a
 * buffer of at most {@link TraceGather#BUDGET_FLOATS} floats; then the input spikes are grouped by
 * input and each input's sum of rows is added, in registers, to its row of ∇W (rows of
 * {@link SparseKernels#rowStride(int)} of N floats, the layout of W itself).
 */
final class EpsilonGather implements Workspace.Sized {
    private final VectorOps vectors;
    private final int inputs;
    private final int neurons;
    private final int stride;
    private final float[] epsilon;
    private final float[] rows;
    private final int maxRows;
    private int rowCount;
    private final KeyedRows entries;

    EpsilonGather(SparseKernels kernels, VectorOps vectors, int inputs, int neurons) {
        this(kernels, vectors, inputs, neurons, Math.max(1, TraceGather.BUDGET_FLOATS / kernels.rowStride(neurons)));
    }

    /** With an explicit number of buffered rows (tests use a tiny one to force flushes mid-sample). */
    EpsilonGather(SparseKernels kernels, VectorOps vectors, int inputs, int neurons, int maxRows) {
        this.vectors = vectors;
        this.inputs = inputs;
        this.neurons = neurons;
        this.stride = kernels.rowStride(neurons);
        this.epsilon = new float[stride];
        this.maxRows = maxRows;
        this.rows = new float[maxRows * stride];
        this.entries = new KeyedRows(kernels, inputs);
    }

    boolean fits(int otherInputs, int otherNeurons) {
        return inputs == otherInputs && neurons == otherNeurons;
    }

    /** Row stride of the partial gradient: rows of ∇W[i][·] padded to whole vectors. */
    int stride() {
        return stride;
    }

    @Override
    public long bytes() {
        return ((long) rows.length + epsilon.length) * Float.BYTES + entries.bytes();
    }

    /** Phase 1 for sample b: walks ε back in time and gathers its value at every step with input spikes. */
    void addSample(EventBatch input, EventBatch activeSet, float[] delta, int b, float[] decay, float[] partial) {
        int steps = input.steps();
        int[] inOffsets = input.offsets(b);
        int[] inUnits = input.unit(b);
        int[] acOffsets = activeSet.offsets(b);
        int[] acUnits = activeSet.unit(b);
        // ε[current] is the last gathered row (or `epsilon` right after a flush); the δ of the steps
        // in (t, current] are not in it yet. ε[T−1] = 0: nothing comes after the last step.
        boolean zero = true;
        int current = steps - 1;
        for (int t = steps - 2; t >= 0; t--) {
            int first = inOffsets[t];
            int last = inOffsets[t + 1];
            if (first == last) {
                continue;
            }
            if (zero) {
                // Still zero unless a non-zero δ lies in (t, current]; the walk starts there.
                if (KeyedRows.allZero(delta, acOffsets[t + 1], acOffsets[current + 1])) {
                    current = t;
                    continue;
                }
            }
            if (rowCount == maxRows) {
                System.arraycopy(rows, (rowCount - 1) * stride, epsilon, 0, stride);
                flush(partial);
            }
            int row = rowCount * stride;
            // ε[t] = β^(current−t)·ε[current] + Σ_{t < τ ≤ current} β^(τ−t−1)·δ[τ], straight into its row
            if (zero) {
                Arrays.fill(rows, row, row + stride, 0f);
            } else if (rowCount == 0) {
                vectors.scaleInto(decay[current - t], epsilon, 0, rows, row, stride);
            } else {
                vectors.scaleInto(decay[current - t], rows, row - stride, rows, row, stride);
            }
            for (int tau = t + 1; tau <= current; tau++) {
                float weight = decay[tau - t - 1];
                for (int e = acOffsets[tau]; e < acOffsets[tau + 1]; e++) {
                    rows[row + acUnits[e]] += weight * delta[e];
                }
            }
            zero = false;
            current = t;
            for (int e = first; e < last; e++) {
                entries.add(inUnits[e], rowCount, 1f);
            }
            rowCount++;
        }
    }

    /** Phase 2: adds every gathered input's sum of ε rows to its row of {@code partial} and empties the buffer. */
    void flush(float[] partial) {
        entries.addTo(rows, stride, partial);
        rowCount = 0;
    }
}
