package org.s3gd.engine;

import org.s3gd.kernel.VectorOps;
import org.s3gd.model.LifParameters;
import org.s3gd.model.Surrogate;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * The backward pass of Sparse Spiking Gradient Descent (ALGORITHM.md §3).
 *
 * <p>Gradients live only on the active set: {@code δ_j[t] = g_j[t]·σ'(v_j[t])} is non-zero only where
 * {@code |v − θ| < B_th}. Both products are walks over time that touch a vector of length N_in only
 * at steps with active entries, with the decays in between applied at once (Proposition 1):
 * <ul>
 *   <li>weight gradient {@code ∇W[i][j] = Σ_{t active for j} δ_j[t]·κ_i[t]}: the input trace κ is
 *       carried forward from active step to active step, fed by the input spikes in between;</li>
 *   <li>spike gradient {@code ∂L/∂x_i[t] = Σ_j W[i][j]·ε_j[t] = Σ_{τ>t} β^(τ−t−1) Σ_j W[i][j]·δ_j[τ]}:
 *       a backward walk that adds {@code δ_j[τ]·W[·][j]} at active steps and is read, decayed, only
 *       at the entries where the previous layer needs it.</li>
 * </ul>
 * Work is O(active entries × N_in + input spikes + needed entries) per sample; no B×T×N_in tensor
 * (nor even a T×N_in one) is ever formed.
 */
public final class SparseBackward {
    private SparseBackward() {
    }

    /**
     * Turns the spike gradients {@code g} at the active entries into {@code δ = g·σ'(v)} in place
     * (ALGORITHM.md §2–3). {@code grad[b]} is aligned with the entries of sample b of the active set,
     * whose values are the membrane potentials.
     */
    public static void surrogate(LifParameters neuron, EventBatch activeSet, float[][] grad, Workers workers) {
        checkAligned(activeSet, grad, "grad");
        float theta = neuron.threshold();
        workers.forEachChunk(activeSet.batchSize(), (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                float[] v = activeSet.value(b);
                float[] g = grad[b];
                for (int e = 0, n = activeSet.count(b); e < n; e++) {
                    g[e] *= Surrogate.derivative(v[e], theta);
                }
            }
        });
    }

    /**
     * Weight gradient {@code ∇W = Σ δ·κ}, written to {@code gradient} as {@code W[i][j]}, row-major
     * {@code inputs × neurons}. Partial sums per worker are reduced in worker order, so results
     * repeat exactly for a given thread count.
     */
    public static void weightGradient(LifParameters neuron, int inputs, int neurons, EventBatch input,
                                      EventBatch activeSet, float[][] delta, float[] gradient,
                                      Workers workers, Workspace workspace) {
        checkSameBatch(input, activeSet);
        checkAligned(activeSet, delta, "delta");
        if (input.units() != inputs || activeSet.units() != neurons || gradient.length != inputs * neurons) {
            throw new IllegalArgumentException("weight gradient shapes: input units " + input.units() + ", active units "
                + activeSet.units() + ", gradient length " + gradient.length + "; expected " + inputs + " × " + neurons);
        }
        int steps = input.steps();
        float[] decay = DecayTable.powers(neuron.beta(), steps);
        int size = inputs * neurons;
        int chunks = Math.min(workers.threads(), Math.max(1, input.batchSize()));
        workers.forEachChunk(input.batchSize(), chunks, (chunk, from, to) -> {
            // Partial gradient in transposed layout ∇W[j][i]: the rows the active entries update are contiguous.
            float[] partial = workspace.floats(chunk, 0, size);
            java.util.Arrays.fill(partial, 0, size, 0f);
            float[] trace = workspace.floats(chunk, 1, inputs);
            for (int b = from; b < to; b++) {
                weightGradientSample(input, activeSet, delta[b], b, inputs, decay, trace, partial);
            }
        });
        // Fixed-order reduction and transposition into W[i][j].
        float[][] partials = new float[chunks][];
        for (int c = 0; c < chunks; c++) {
            partials[c] = workspace.floats(c, 0, size);
        }
        for (int c = 1; c < chunks; c++) {
            VectorOps.axpy(1f, partials[c], 0, partials[0], 0, size);
        }
        float[] total = partials[0];
        for (int j = 0; j < neurons; j++) {
            for (int i = 0; i < inputs; i++) {
                gradient[i * neurons + j] = total[j * inputs + i];
            }
        }
    }

    private static void weightGradientSample(EventBatch input, EventBatch activeSet, float[] delta, int b, int inputs,
                                             float[] decay, float[] trace, float[] partial) {
        int steps = input.steps();
        int[] inOffsets = input.offsets(b);
        int[] inUnits = input.unit(b);
        int[] acOffsets = activeSet.offsets(b);
        int[] acUnits = activeSet.unit(b);
        java.util.Arrays.fill(trace, 0, inputs, 0f);
        int current = 0; // trace holds κ[current]; κ[0] = 0
        for (int t = 1; t < steps; t++) {
            if (acOffsets[t] == acOffsets[t + 1]) {
                continue;
            }
            // κ[t] = β^(t−current)·κ[current] + Σ_{current ≤ k < t} β^(t−1−k)·x[k]
            VectorOps.scale(decay[t - current], trace, 0, inputs);
            for (int k = current; k < t; k++) {
                float weight = decay[t - 1 - k];
                for (int e = inOffsets[k]; e < inOffsets[k + 1]; e++) {
                    trace[inUnits[e]] += weight;
                }
            }
            current = t;
            for (int e = acOffsets[t]; e < acOffsets[t + 1]; e++) {
                float d = delta[e];
                if (d != 0f) {
                    VectorOps.axpy(d, trace, 0, partial, acUnits[e] * inputs, inputs);
                }
            }
        }
    }

    /**
     * Spike gradient {@code ∂L/∂x_i[t]} read only at the entries of {@code needed} (the previous
     * layer's active set): {@code out[b][e]} is the gradient at entry e of sample b.
     *
     * @param weights {@code W[i][j]} row-major {@code inputs × neurons}
     */
    public static void spikeGradient(LifParameters neuron, int inputs, int neurons, float[] weights,
                                     EventBatch activeSet, float[][] delta, EventBatch needed, float[][] out,
                                     Workers workers, Workspace workspace) {
        checkSameBatch(needed, activeSet);
        checkAligned(activeSet, delta, "delta");
        checkAligned(needed, out, "out");
        checkWeights(inputs, neurons, weights, activeSet, needed.units());
        float[] decay = DecayTable.powers(neuron.beta(), activeSet.steps());
        float[] transposed = transpose(weights, inputs, neurons, workspace);
        workers.forEachChunk(activeSet.batchSize(), (chunk, from, to) -> {
            float[] z = workspace.floats(chunk, 2, inputs);
            for (int b = from; b < to; b++) {
                spikeGradientSample(activeSet, delta[b], b, transposed, inputs, decay, z, needed, out[b], null, 0);
            }
        });
    }

    /**
     * Spike gradient {@code ∂L/∂x_i[t]} at every entry, into {@code out[B][T][inputs]}; for a previous
     * layer that runs the dense method and needs its gradient everywhere.
     */
    public static void spikeGradientDense(LifParameters neuron, int inputs, int neurons, float[] weights,
                                          EventBatch activeSet, float[][] delta, float[] out,
                                          Workers workers, Workspace workspace) {
        checkAligned(activeSet, delta, "delta");
        checkWeights(inputs, neurons, weights, activeSet, inputs);
        int steps = activeSet.steps();
        if ((long) out.length < (long) activeSet.batchSize() * steps * inputs) {
            throw new IllegalArgumentException("out has " + out.length + " entries, need B×T×inputs = "
                + activeSet.batchSize() + "×" + steps + "×" + inputs);
        }
        float[] decay = DecayTable.powers(neuron.beta(), steps);
        float[] transposed = transpose(weights, inputs, neurons, workspace);
        workers.forEachChunk(activeSet.batchSize(), (chunk, from, to) -> {
            float[] z = workspace.floats(chunk, 2, inputs);
            for (int b = from; b < to; b++) {
                spikeGradientSample(activeSet, delta[b], b, transposed, inputs, decay, z, null, null, out, b * steps * inputs);
            }
        });
    }

    private static void spikeGradientSample(EventBatch activeSet, float[] delta, int b, float[] transposed, int inputs,
                                            float[] decay, float[] z, EventBatch needed, float[] out,
                                            float[] denseOut, int denseOffset) {
        int steps = activeSet.steps();
        int[] acOffsets = activeSet.offsets(b);
        int[] acUnits = activeSet.unit(b);
        int[] needOffsets = needed == null ? null : needed.offsets(b);
        int[] needUnits = needed == null ? null : needed.unit(b);
        java.util.Arrays.fill(z, 0, inputs, 0f);
        int current = steps - 1; // z holds Z[current] = Σ_{τ>current} β^(τ−current−1) Σ_j W[·][j]·δ_j[τ]
        for (int t = steps - 1; t >= 0; t--) {
            // Reads at t: no active step lies in (t, current], so Z[t] = β^(current−t)·Z[current].
            float readDecay = decay[current - t];
            if (needed != null) {
                for (int e = needOffsets[t]; e < needOffsets[t + 1]; e++) {
                    out[e] = readDecay * z[needUnits[e]];
                }
            } else {
                VectorOps.scaleInto(readDecay, z, 0, denseOut, denseOffset + t * inputs, inputs);
            }
            // δ[t] reaches Z[t−1] and earlier.
            if (t >= 1 && acOffsets[t] < acOffsets[t + 1]) {
                VectorOps.scale(decay[current - (t - 1)], z, 0, inputs);
                current = t - 1;
                for (int e = acOffsets[t]; e < acOffsets[t + 1]; e++) {
                    float d = delta[e];
                    if (d != 0f) {
                        VectorOps.axpy(d, transposed, acUnits[e] * inputs, z, 0, inputs);
                    }
                }
            }
        }
    }

    private static float[] transpose(float[] weights, int inputs, int neurons, Workspace workspace) {
        // Shared read-only by all workers: slot 3 of worker 0 is never written inside the parallel section.
        float[] transposed = workspace.floats(0, 3, inputs * neurons);
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < neurons; j++) {
                transposed[j * inputs + i] = weights[i * neurons + j];
            }
        }
        return transposed;
    }

    private static void checkWeights(int inputs, int neurons, float[] weights, EventBatch activeSet, int neededUnits) {
        if (weights.length != inputs * neurons || activeSet.units() != neurons || neededUnits != inputs) {
            throw new IllegalArgumentException("spike gradient shapes: weights " + weights.length + " entries, active units "
                + activeSet.units() + ", needed units " + neededUnits + "; expected " + inputs + " × " + neurons);
        }
    }

    private static void checkSameBatch(EventBatch a, EventBatch b) {
        if (a.batchSize() != b.batchSize() || a.steps() != b.steps()) {
            throw new IllegalArgumentException("batches differ: " + a.batchSize() + "×" + a.steps() + " steps vs "
                + b.batchSize() + "×" + b.steps() + " steps");
        }
    }

    private static void checkAligned(EventBatch set, float[][] values, String name) {
        if (values.length < set.batchSize()) {
            throw new IllegalArgumentException(name + " has " + values.length + " samples, need " + set.batchSize());
        }
        for (int b = 0; b < set.batchSize(); b++) {
            if (values[b] == null || values[b].length < set.count(b)) {
                throw new IllegalArgumentException(name + "[" + b + "] is shorter than the " + set.count(b) + " entries of its sample");
            }
        }
    }
}
