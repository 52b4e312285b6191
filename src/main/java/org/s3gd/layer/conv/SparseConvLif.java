package org.s3gd.layer.conv;

import java.util.Arrays;
import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.layer.KeptBytes;
import org.s3gd.layer.lif.DecayTable;
import org.s3gd.layer.lif.SparseBackward;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.LifStep;
import org.s3gd.model.Parameter;
import org.s3gd.model.Shape;
import org.s3gd.model.Surrogate;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.SpikeConversions;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * A convolutional LIF layer run with Sparse Spiking Gradient Descent (ALGORITHM.md §8 with §3).
 *
 * <ul>
 *   <li>Forward, event-driven: each input spike {@code (c, y, x)} adds its slice
 *       {@code K[(c, ky, kx)][·]} to the currents of the output positions whose windows hold it;
 *       the active set (with membrane values) and the spikes are kept as events.</li>
 *   <li>∇K: a walk forward in time per sample keeps the input trace κ lazily (a value and the step
 *       it is valid at, decayed when read); each active entry {@code (o, Y, X)} adds δ times its
 *       {@code C_in×k×k} patch of κ. Work ∝ active entries × C_in·k² + input spikes.</li>
 *   <li>∂L/∂x: the memoised walk of §3 down in time, {@code Z[t−1] = β·Z[t] + Σ K·δ[t]}, kept
 *       lazily per input unit, adding K's column of each active entry to its patch and read only
 *       at the previous layer's active entries (everywhere when it is dense).</li>
 * </ul>
 * No {@code B×T×N_in} or {@code B×T×N} tensor is formed; scratch is O(N_in + N) per worker.
 */
public final class SparseConvLif extends ConvLayer {
    /** Steps between two rebasings of the scaled trace and walk: β^−33 stays inside float's range for any β > 0.07. */
    private static final int REBASE = 32;

    /** Per output neuron: its filter, and the row and column of its window's top-left input (padding negative). */
    private final int[] filterOf;
    private final int[] topOf;
    private final int[] leftOf;
    private final EventBatch inputBuffer;
    private final EventBatch spikes;
    private final EventBatch activeSet;
    private EventBatch input;
    private int[] counts = new int[0];
    private float[][] grad = new float[0][];
    private long active;
    private boolean trained;

    public SparseConvLif(Conv2dLif spec, Shape inputShape, List<Parameter> parameters, int steps, float backpropThreshold,
                         Backend backend, Workers workers) {
        super(spec, inputShape, parameters, steps, backpropThreshold, backend, workers);
        this.inputBuffer = new EventBatch(0, steps, geometry.inputs(), false);
        this.spikes = new EventBatch(0, steps, geometry.neurons(), false);
        this.activeSet = new EventBatch(0, steps, geometry.neurons(), true);
        // Divisions cost more than the few multiply-adds of a small window: done once per neuron here.
        int neurons = geometry.neurons();
        this.filterOf = new int[neurons];
        this.topOf = new int[neurons];
        this.leftOf = new int[neurons];
        for (int n = 0; n < neurons; n++) {
            int position = n % geometry.positions();
            filterOf[n] = n / geometry.positions();
            topOf[n] = position / geometry.outWidth() * geometry.stride() - geometry.padding();
            leftOf[n] = position % geometry.outWidth() * geometry.stride() - geometry.padding();
        }
    }

    @Override
    public Spikes forward(Spikes in, boolean training) {
        input = SpikeConversions.events(in, inputBuffer, workers);
        int batch = input.batchSize();
        int neurons = geometry.neurons();
        if (counts.length < batch * neurons) {
            counts = new int[batch * neurons];
        }
        spikes.resize(batch);
        activeSet.resize(training ? batch : 0);
        float[] k = kernel.value();
        float beta = spec.neuron().beta();
        float theta = spec.neuron().threshold();
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] v = workspace.floats(chunk, "conv.forward.v", neurons);
            float[] current = workspace.floats(chunk, "conv.forward.current", neurons);
            for (int b = from; b < to; b++) {
                Arrays.fill(v, 0f);
                Arrays.fill(counts, b * neurons, (b + 1) * neurons, 0);
                int[] offsets = input.offsets(b);
                int[] units = input.unit(b);
                for (int t = 0; t < steps; t++) {
                    // s[t] = H(v[t] − θ), and the active set at v[t] (ALGORITHM.md §1, §3)
                    for (int n = 0; n < neurons; n++) {
                        float vt = v[n];
                        if (LifStep.spikes(vt, theta)) {
                            spikes.add(b, n);
                            counts[b * neurons + n]++;
                        }
                        if (training && Surrogate.isActive(vt, theta, backpropThreshold)) {
                            activeSet.add(b, n, vt);
                        }
                    }
                    spikes.endStep(b, t);
                    if (training) {
                        activeSet.endStep(b, t);
                    }
                    Arrays.fill(current, 0f);
                    for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                        scatter(units[e], k, current);
                    }
                    for (int n = 0; n < neurons; n++) {
                        v[n] = LifStep.next(v[n], current[n], beta, theta);
                    }
                }
            }
        });
        active = training ? activeSet.totalCount() : 0;
        trained = training;
        return new Spikes.Events(spikes);
    }

    // ALGORITHM.md §8: one input spike adds K[(c, ky, kx)][o] to every (o, Y, X) whose window holds it.
    private void scatter(int unit, float[] k, float[] current) {
        ConvGeometry g = geometry;
        int c = unit / (g.height() * g.width());
        int y = unit / g.width() % g.height();
        int x = unit % g.width();
        int outChannels = g.outChannels();
        int positions = g.positions();
        for (int ky = 0; ky < g.kernel(); ky++) {
            int row = g.outRow(y, ky);
            if (row < 0) {
                continue;
            }
            for (int kx = 0; kx < g.kernel(); kx++) {
                int column = g.outColumn(x, kx);
                if (column < 0) {
                    continue;
                }
                int slice = ((c * g.kernel() + ky) * g.kernel() + kx) * outChannels;
                int position = row * g.outWidth() + column;
                for (int o = 0; o < outChannels; o++) {
                    current[o * positions + position] += k[slice + o];
                }
            }
        }
    }

    @Override
    public SpikeGradient outputGradient() {
        requireTrainingForward();
        grad = SpikeConversions.sizedFor(activeSet, grad);
        return new SpikeGradient.AtEntries(activeSet, grad);
    }

    /** Stage 1: {@code δ = g·σ'(v)} at the active entries, in place. */
    @Override
    public void firstStage() {
        requireTrainingForward();
        SparseBackward.surrogate(spec.neuron(), activeSet, grad, workers);
    }

    /**
     * Stage 2: {@code ∇K = Σ_active δ·κ-patch}, over fixed sample chunks reduced in order.
     *
     * <p>The trace is kept as {@code κ_i[t] = a_i·β^(t − base)}: an input spike at t adds
     * {@code β^(base − t − 1)} to {@code a_i}, and an active entry adds {@code δ·β^(t − base)} times
     * the row of {@code a} under its window, a plain scaled sum along each kernel row. Every
     * {@link #REBASE} steps {@code a} is scaled to a later base, so the powers stay in float's range.
     */
    @Override
    public void weightGradient() {
        ConvGeometry g = geometry;
        int batch = activeSet.batchSize();
        int chunks = Workers.reductionChunks(batch);
        float[][] partials = new float[chunks][];
        float beta = spec.neuron().beta();
        float[] decay = DecayTable.powers(beta, REBASE + 1);
        float[] growth = inversePowers(beta, REBASE + 1);
        int inputs = g.inputs();
        int outChannels = g.outChannels();
        int patch = g.patch();
        workers.forEachChunk(batch, chunks, (chunk, from, to) -> {
            float[] partial = workspace.floats(chunk, "conv.backward.kernel", kernel.value().length);
            Arrays.fill(partial, 0f);
            partials[chunk] = partial;
            float[] trace = workspace.floats(chunk, "conv.backward.trace", inputs);
            for (int b = from; b < to; b++) {
                Arrays.fill(trace, 0f);
                int base = 0;
                int[] inOffsets = input.offsets(b);
                int[] inUnits = input.unit(b);
                int[] activeOffsets = activeSet.offsets(b);
                int[] activeUnits = activeSet.unit(b);
                float[] delta = grad[b];
                for (int t = 0; t < steps; t++) {
                    if (t - base == REBASE) {
                        scale(trace, inputs, decay[REBASE]);
                        base = t;
                    }
                    float now = decay[t - base];
                    for (int e = activeOffsets[t]; e < activeOffsets[t + 1]; e++) {
                        float d = delta[e] * now;
                        if (d != 0f) {
                            int n = activeUnits[e];
                            patchSum(n, d, trace, partial, filterOf[n] * patch);
                        }
                    }
                    // κ[t+1] = β·κ[t] + x[t] (ALGORITHM.md §1)
                    float spike = growth[t + 1 - base];
                    for (int e = inOffsets[t]; e < inOffsets[t + 1]; e++) {
                        trace[inUnits[e]] += spike;
                    }
                }
            }
        });
        // The partial sums are filter-major (K[o][c][ky][kx], contiguous along a patch row); K is patch-major.
        float[] gradient = kernel.gradient();
        Arrays.fill(gradient, 0f);
        for (float[] partial : partials) {
            for (int o = 0; o < outChannels; o++) {
                for (int q = 0; q < patch; q++) {
                    gradient[q * outChannels + o] += partial[o * patch + q];
                }
            }
        }
    }

    // sums[filter + patch index] += d · values[input under the window of output neuron n], row by row.
    private void patchSum(int n, float d, float[] values, float[] sums, int filter) {
        ConvGeometry g = geometry;
        int side = g.kernel();
        int top = topOf[n];
        int left = leftOf[n];
        int fromX = Math.max(0, -left);
        int toX = Math.min(side, g.width() - left);
        for (int c = 0; c < g.inChannels(); c++) {
            for (int ky = Math.max(0, -top), lastY = Math.min(side, g.height() - top); ky < lastY; ky++) {
                int row = (c * g.height() + top + ky) * g.width() + left;
                int out = filter + (c * side + ky) * side;
                for (int kx = fromX; kx < toX; kx++) {
                    sums[out + kx] += d * values[row + kx];
                }
            }
        }
    }

    // values[input under the window of output neuron n] += d · filterRow[patch index], row by row.
    private void patchAdd(int n, float d, float[] filters, int filter, float[] values) {
        ConvGeometry g = geometry;
        int side = g.kernel();
        int top = topOf[n];
        int left = leftOf[n];
        int fromX = Math.max(0, -left);
        int toX = Math.min(side, g.width() - left);
        for (int c = 0; c < g.inChannels(); c++) {
            for (int ky = Math.max(0, -top), lastY = Math.min(side, g.height() - top); ky < lastY; ky++) {
                int row = (c * g.height() + top + ky) * g.width() + left;
                int in = filter + (c * side + ky) * side;
                for (int kx = fromX; kx < toX; kx++) {
                    values[row + kx] += d * filters[in + kx];
                }
            }
        }
    }

    private static void scale(float[] values, int n, float factor) {
        for (int i = 0; i < n; i++) {
            values[i] *= factor;
        }
    }

    private static float[] inversePowers(float beta, int count) {
        float[] powers = new float[count + 1];
        for (int k = 0; k <= count; k++) {
            powers[k] = (float) Math.pow(beta, -k);
        }
        return powers;
    }

    /**
     * Stage 3: {@code ∂L/∂x} into {@code target} (nothing when it is null): at its entries when
     * the previous layer keeps an active set, everywhere when it is dense.
     *
     * <p>The walk of ALGORITHM.md §3 down in time, {@code Z[t−1] = β·Z[t] + Σ_active K·δ[t]}, with
     * {@code Z_i[t] = z_i·β^(base − t)}: an active entry at t adds {@code δ·β^(t − 1 − base)} times its
     * filter to the inputs under its window, and a read at t takes {@code z_i·β^(base − t)}.
     */
    @Override
    public void inputGradient(SpikeGradient target) {
        if (target == null) {
            return;
        }
        ConvGeometry g = geometry;
        float beta = spec.neuron().beta();
        float[] decay = DecayTable.powers(beta, REBASE + 1);
        float[] growth = inversePowers(beta, REBASE + 1);
        int inputs = g.inputs();
        int outChannels = g.outChannels();
        int patch = g.patch();
        int batch = activeSet.batchSize();
        // K filter-major, so that one active entry reads its filter's patch contiguously.
        float[] k = workspace.shared("conv.backward.filters", patch * outChannels);
        float[] value = kernel.value();
        for (int q = 0; q < patch; q++) {
            for (int o = 0; o < outChannels; o++) {
                k[o * patch + q] = value[q * outChannels + o];
            }
        }
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] z = workspace.floats(chunk, "conv.backward.z", inputs);
            for (int b = from; b < to; b++) {
                Arrays.fill(z, 0f);
                int base = steps - 1;
                int[] activeOffsets = activeSet.offsets(b);
                int[] activeUnits = activeSet.unit(b);
                float[] delta = grad[b];
                for (int t = steps - 1; t >= 0; t--) {
                    if (base - t == REBASE) {
                        scale(z, inputs, decay[REBASE]);
                        base = t;
                    }
                    float now = decay[base - t];
                    switch (target) {
                        case SpikeGradient.AtEntries at -> {
                            int[] offsets = at.entries().offsets(b);
                            int[] units = at.entries().unit(b);
                            float[] out = at.values()[b];
                            for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                                out[e] = z[units[e]] * now;
                            }
                        }
                        case SpikeGradient.Dense dense -> {
                            float[] out = dense.values();
                            int row = (b * steps + t) * inputs;
                            for (int i = 0; i < inputs; i++) {
                                out[row + i] = z[i] * now;
                            }
                        }
                    }
                    if (t == 0) {
                        break;
                    }
                    float scaled = growth[base - t + 1];
                    for (int e = activeOffsets[t]; e < activeOffsets[t + 1]; e++) {
                        float d = delta[e] * scaled;
                        if (d != 0f) {
                            int n = activeUnits[e];
                            patchAdd(n, d, k, filterOf[n] * patch, z);
                        }
                    }
                }
            }
        });
    }

    @Override
    public int[] spikeCounts() {
        return counts;
    }

    @Override
    public long activeEntries() {
        return active;
    }

    /** The active set of the last training forward, with membrane values. */
    public EventBatch activeSet() {
        return activeSet;
    }

    @Override
    public long keptBytes() {
        return KeptBytes.sparse(input.totalCount(), activeSet.totalCount(), 0, false, input.batchSize(), input.steps());
    }

    private void requireTrainingForward() {
        if (!trained) {
            throw new IllegalStateException("conv layer: the backward pass needs a training forward pass first");
        }
    }
}
