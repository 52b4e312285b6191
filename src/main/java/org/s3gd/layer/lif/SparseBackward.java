package org.s3gd.layer.lif;

import java.util.Arrays;
import org.s3gd.kernel.RecurrentWalk;
import org.s3gd.kernel.SparseKernels;
import org.s3gd.kernel.SpikeGradientWalk;
import org.s3gd.kernel.VectorOps;
import org.s3gd.model.LifParameters;
import org.s3gd.model.Surrogate;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.EventBatch;

/**
 * The backward pass of Sparse Spiking Gradient Descent (ALGORITHM.md §3).
 *
 * <p>Gradients live only on the active set: {@code δ_j[t] = g_j[t]·σ'(v_j[t])} is non-zero only where
 * {@code |v − θ| < B_th}. Both products are walks over time that touch a vector of length N_in only
 * at steps with active entries, with the decays in between applied at once (Proposition 1):
 * <ul>
 *   <li>weight gradient {@code ∇W[i][j] = Σ_{t active for j} δ_j[t]·κ_i[t]}: the input trace κ is
 *       carried forward from active step to active step, fed by the input spikes in between
 *       ({@link TraceGather}); or, the same sum the other way round, {@code Σ_{t: x_i spiked} ε_j[t]}
 *       with ε walked back in time ({@link EpsilonGather}), whichever is less work;</li>
 *   <li>spike gradient {@code ∂L/∂x_i[t] = Σ_j W[i][j]·ε_j[t] = Σ_{τ>t} β^(τ−t−1) Σ_j W[i][j]·δ_j[τ]}:
 *       a backward walk that adds {@code δ_j[τ]·W[·][j]} at active steps and is read, decayed, only
 *       at the entries where the previous layer needs it.</li>
 * </ul>
 * Work per sample is O(active entries × N_in) for ∂L/∂x and O(min(active entries × N_in,
 * input spikes × N)) for ∇W; no B×T×N_in tensor is ever formed: each worker's scratch is bounded (512 KiB of gathered traces, a 128 KiB ring of
 * Z rows) whatever B and T are. A recurrent layer (ALGORITHM.md §7) first turns its incoming
 * gradients into δ with the recurrent walk ({@link #recurrentDelta}), then computes ∇V exactly as
 * ∇W, with its own spikes as the input.
 */
public final class SparseBackward {
    /** Inputs per tile of the final transposition of ∇W. */
    private static final int TILE = 16;

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
        float steepness = neuron.surrogateScale();
        workers.forEachChunk(activeSet.batchSize(), (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                float[] v = activeSet.value(b);
                float[] g = grad[b];
                for (int e = 0, n = activeSet.count(b); e < n; e++) {
                    g[e] *= Surrogate.derivative(v[e], theta, steepness);
                }
            }
        });
    }

    /**
     * Turns the gradients {@code g} from outside a recurrent layer, at its active entries, into
     * {@code δ = (g + R)·σ'(v)} in place, R being the gradient through the recurrent weights
     * (ALGORITHM.md §7). Samples are independent; within a sample the walk goes down in time.
     *
     * @param recurrent {@code V[k][j]}, row-major {@code neurons × neurons}
     */
    public static void recurrentDelta(SparseKernels kernels, LifParameters neuron, int neurons, float[] recurrent,
                                      EventBatch activeSet, float[][] grad, Workers workers, Workspace workspace) {
        checkAligned(activeSet, grad, "grad");
        if (recurrent.length != neurons * neurons || activeSet.units() != neurons) {
            throw new IllegalArgumentException("recurrent walk shapes: V has " + recurrent.length + " entries, active units "
                + activeSet.units() + "; expected " + neurons + " × " + neurons);
        }
        int steps = activeSet.steps();
        int stride = kernels.rowStride(neurons);
        float[] transposed = transpose(recurrent, neurons, neurons, stride, workspace.shared("backward.recurrent.transposed",
            neurons * stride));
        float[] decay = DecayTable.powers(neuron.beta(), steps);
        workers.forEachChunk(activeSet.batchSize(), (chunk, from, to) -> {
            float[] scratch = workspace.floats(chunk, "backward.recurrent.r", stride);
            for (int b = from; b < to; b++) {
                kernels.recurrentDelta(new RecurrentWalk(steps, neurons, stride, activeSet.offsets(b), activeSet.unit(b),
                    activeSet.value(b), grad[b], transposed, decay, neuron.threshold(),
                    neuron.surrogateScale()), scratch);
            }
        });
    }

    /**
     * What a float of {@link EpsilonGather}'s work costs against one of {@link TraceGather}'s. Measured
     * with both forced on the first layers of the step benchmark (B = 256, 2 threads, 512-bit
     * vectors): a float of the sum over active entries costs 0.040–0.041 ns on F-MNIST, N-MNIST and
     * SHD alike, one of the sum over input spikes 0.087, 0.055 and 0.11 ns. Counted at par, SHD's
     * first layer took the sum over input spikes once its activity passed 1.4 % and ran 2–2.5×
     * slower (40–47 against 19–20 ms); at 1.5 every measured layer takes the faster way, with 19 %
     * margin on N-MNIST's first layer (where input spikes win) and 26 % on SHD's (where they lose).
     */
    static final double INPUT_SPIKE_COST = 1.5;

    /** Which way {@link #weightGradient} sums: both give ∇W, to within rounding. */
    public enum WeightGradientSum {
        /** Over the active entries, a row of N_in input traces each ({@link TraceGather}). */
        BY_ACTIVE_ENTRIES,
        /** Over the input spikes, a row of N values of ε each ({@link EpsilonGather}). */
        BY_INPUT_SPIKES,
        /** Whichever does less work on this batch; the choice depends on the batch alone, never on the threads. */
        CHEAPER
    }

    /**
     * Weight gradient {@code ∇W = Σ δ·κ}, written to {@code gradient} as {@code W[i][j]}, row-major
     * {@code inputs × neurons}, summed whichever way is less work on this batch
     * ({@link WeightGradientSum#CHEAPER}). Partial sums over a fixed number of sample chunks
     * ({@link Workers#reductionChunks}) are reduced in chunk order, so results repeat exactly for
     * any thread count. A recurrent layer's {@code ∇V} is the same sum with the layer's own spikes
     * as the input; {@code role} names the scratch of each.
     */
    public static void weightGradient(SparseKernels kernels, VectorOps vectors, LifParameters neuron, int inputs, int neurons,
                                      EventBatch input, EventBatch activeSet, float[][] delta, float[] gradient,
                                      String role, Workers workers, Workspace workspace) {
        weightGradient(kernels, vectors, neuron, inputs, neurons, input, activeSet, delta, gradient, role,
            WeightGradientSum.CHEAPER, workers, workspace);
    }

    /** {@link #weightGradient}, summed the way {@code sum} says. */
    public static void weightGradient(SparseKernels kernels, VectorOps vectors, LifParameters neuron, int inputs, int neurons,
                                      EventBatch input, EventBatch activeSet, float[][] delta, float[] gradient,
                                      String role, WeightGradientSum sum, Workers workers, Workspace workspace) {
        checkSameBatch(input, activeSet);
        checkAligned(activeSet, delta, "delta");
        if (input.units() != inputs || activeSet.units() != neurons || gradient.length != inputs * neurons) {
            throw new IllegalArgumentException("weight gradient shapes: input units " + input.units() + ", active units "
                + activeSet.units() + ", gradient length " + gradient.length + "; expected " + inputs + " × " + neurons);
        }
        boolean byInputs = switch (sum) {
            case BY_ACTIVE_ENTRIES -> false;
            case BY_INPUT_SPIKES -> true;
            case CHEAPER -> INPUT_SPIKE_COST * work(input, kernels.rowStride(neurons))
                < work(activeSet, kernels.rowStride(inputs));
        };
        float[] decay = DecayTable.powers(neuron.beta(), input.steps());
        int chunks = Workers.reductionChunks(input.batchSize());
        String partialName = "backward." + role + ".partial";
        if (byInputs) {
            int stride = kernels.rowStride(neurons);
            int size = inputs * stride;
            workers.forEachChunk(input.batchSize(), chunks, (chunk, from, to) -> {
                // Partial gradient in the layout of W[i][j], rows padded to whole vectors.
                float[] partial = workspace.floats(chunk, partialName, size);
                Arrays.fill(partial, 0, size, 0f);
                EpsilonGather gather = workspace.object(chunk, "backward." + role + ".epsilons", EpsilonGather.class,
                    g -> g.fits(inputs, neurons), () -> new EpsilonGather(kernels, vectors, inputs, neurons));
                for (int b = from; b < to; b++) {
                    gather.addSample(input, activeSet, delta[b], b, decay, partial);
                }
                gather.flush(partial);
            });
            float[][] partials = partials(workspace, partialName, chunks, size);
            workers.forEachChunk(inputs, (chunk, from, to) -> {
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < neurons; j++) {
                        float total = partials[0][i * stride + j];
                        for (int c = 1; c < chunks; c++) {
                            total += partials[c][i * stride + j];
                        }
                        gradient[i * neurons + j] = total;
                    }
                }
            });
            return;
        }
        int stride = kernels.rowStride(inputs);
        int size = stride * neurons;
        workers.forEachChunk(input.batchSize(), chunks, (chunk, from, to) -> {
            // Partial gradient in transposed layout ∇W[j][i], rows padded to whole vectors.
            float[] partial = workspace.floats(chunk, partialName, size);
            Arrays.fill(partial, 0, size, 0f);
            TraceGather gather = workspace.object(chunk, "backward." + role + ".gather", TraceGather.class,
                g -> g.fits(inputs, neurons), () -> new TraceGather(kernels, vectors, inputs, neurons));
            for (int b = from; b < to; b++) {
                gather.addSample(input, activeSet, delta[b], b, decay, partial);
            }
            gather.flush(partial);
        });
        // Fixed-order reduction and transposition into W[i][j], split over the inputs; tiles of
        // TILE inputs keep the rows being written in L1 while the columns of ∇Wᵀ are read.
        float[][] partials = partials(workspace, partialName, chunks, size);
        workers.forEachChunk(inputs, (chunk, from, to) -> {
            for (int i0 = from; i0 < to; i0 += TILE) {
                int i1 = Math.min(to, i0 + TILE);
                for (int j = 0; j < neurons; j++) {
                    int column = j * stride;
                    for (int i = i0; i < i1; i++) {
                        float total = partials[0][column + i];
                        for (int c = 1; c < chunks; c++) {
                            total += partials[c][column + i];
                        }
                        gradient[i * neurons + j] = total;
                    }
                }
            }
        });
    }

    private static float[][] partials(Workspace workspace, String name, int chunks, int size) {
        float[][] partials = new float[chunks][];
        for (int c = 0; c < chunks; c++) {
            partials[c] = workspace.floats(c, name, size);
        }
        return partials;
    }

    // The floats one way of summing moves for these events: per event a row of `width`, and per
    // step that has events one more, to form that step's row.
    private static long work(EventBatch events, int width) {
        long rows = events.totalCount();
        for (int b = 0; b < events.batchSize(); b++) {
            int[] offsets = events.offsets(b);
            for (int t = 0; t < events.steps(); t++) {
                rows += offsets[t] < offsets[t + 1] ? 1 : 0;
            }
        }
        return rows * width;
    }

    /**
     * Spike gradient {@code ∂L/∂x_i[t]} read only at the entries of {@code needed} (the previous
     * layer's active set): {@code out[b][e]} is the gradient at entry e of sample b.
     *
     * @param weights {@code W[i][j]} row-major {@code inputs × neurons}
     */
    public static void spikeGradient(SparseKernels kernels, LifParameters neuron, int inputs, int neurons,
                                     float[] weights, EventBatch activeSet, float[][] delta, EventBatch needed,
                                     float[][] out, Workers workers, Workspace workspace) {
        checkSameBatch(needed, activeSet);
        checkAligned(activeSet, delta, "delta");
        checkAligned(needed, out, "out");
        checkWeights(inputs, neurons, weights, activeSet, needed.units());
        walkEverySample(kernels, neuron, inputs, neurons, weights, activeSet, delta, needed, out, null, workers, workspace);
    }

    /**
     * Spike gradient {@code ∂L/∂x_i[t]} at every entry, into {@code out[B][T][inputs]}; for a previous
     * layer that runs the dense method and needs its gradient everywhere.
     */
    public static void spikeGradientDense(SparseKernels kernels, LifParameters neuron, int inputs, int neurons,
                                          float[] weights, EventBatch activeSet, float[][] delta, float[] out,
                                          Workers workers, Workspace workspace) {
        checkAligned(activeSet, delta, "delta");
        checkWeights(inputs, neurons, weights, activeSet, inputs);
        int steps = activeSet.steps();
        if ((long) out.length < (long) activeSet.batchSize() * steps * inputs) {
            throw new IllegalArgumentException("out has " + out.length + " entries, need B×T×inputs = "
                + activeSet.batchSize() + "×" + steps + "×" + inputs);
        }
        walkEverySample(kernels, neuron, inputs, neurons, weights, activeSet, delta, null, null, out, workers, workspace);
    }

    // One spike-gradient walk per sample, read at the entries of `needed` into `neededOut`, or, with
    // `needed` null, at every entry into the [B][T][inputs] array `denseOut`.
    private static void walkEverySample(SparseKernels kernels, LifParameters neuron, int inputs, int neurons,
                                        float[] weights, EventBatch activeSet, float[][] delta, EventBatch needed,
                                        float[][] neededOut, float[] denseOut, Workers workers, Workspace workspace) {
        int steps = activeSet.steps();
        int stride = kernels.walkStride(inputs);
        // Wᵀ with rows padded to the walk's blocks (padding zero), shared read-only by all workers.
        float[] transposed = transpose(weights, inputs, neurons, stride, workspace.shared("backward.input.transposed",
            stride * neurons));
        float[] decay = DecayTable.powers(neuron.beta(), steps);
        int scratchSize = kernels.scratchSize(inputs, steps);
        int eventsSize = SparseKernels.eventsSize(steps, inputs, needed != null);
        workers.forEachChunk(activeSet.batchSize(), (chunk, from, to) -> {
            float[] scratch = workspace.floats(chunk, "backward.walk.ring", scratchSize);
            int[] events = workspace.ints(chunk, "backward.walk.events", eventsSize);
            for (int b = from; b < to; b++) {
                SpikeGradientWalk walk = needed == null
                    ? new SpikeGradientWalk(steps, inputs, stride, activeSet.offsets(b), activeSet.unit(b), delta[b],
                        transposed, decay, null, null, denseOut, b * steps * inputs)
                    : new SpikeGradientWalk(steps, inputs, stride, activeSet.offsets(b), activeSet.unit(b), delta[b],
                        transposed, decay, needed.offsets(b), needed.unit(b), neededOut[b], 0);
                kernels.spikeGradient(walk, scratch, events);
            }
        });
    }

    // Mᵀ of a row-major inputs × neurons matrix, rows of `stride` floats padded with zeros.
    private static float[] transpose(float[] weights, int inputs, int neurons, int stride, float[] transposed) {
        for (int j = 0; j < neurons; j++) {
            Arrays.fill(transposed, j * stride + inputs, (j + 1) * stride, 0f);
        }
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < neurons; j++) {
                transposed[j * stride + i] = weights[i * neurons + j];
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
