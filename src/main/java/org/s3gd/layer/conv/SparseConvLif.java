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
        int batch = activeSet.batchSize();
        if (grad.length < batch) {
            grad = Arrays.copyOf(grad, batch);
        }
        for (int b = 0; b < batch; b++) {
            int need = activeSet.count(b);
            if (grad[b] == null || grad[b].length < need) {
                grad[b] = new float[Math.max(need, 16) + (need >> 1)];
            }
        }
        return new SpikeGradient.AtEntries(activeSet, grad);
    }

    /** Stage 1: {@code δ = g·σ'(v)} at the active entries, in place. */
    @Override
    public void firstStage() {
        requireTrainingForward();
        SparseBackward.surrogate(spec.neuron(), activeSet, grad, workers);
    }

    /** Stage 2: {@code ∇K = Σ_active δ·κ-patch}, over fixed sample chunks reduced in order. */
    @Override
    public void weightGradient() {
        ConvGeometry g = geometry;
        int batch = activeSet.batchSize();
        int chunks = Workers.reductionChunks(batch);
        float[][] partials = new float[chunks][];
        float[] decay = DecayTable.powers(spec.neuron().beta(), steps);
        int inputs = g.inputs();
        int positions = g.positions();
        int outChannels = g.outChannels();
        int side = g.kernel();
        workers.forEachChunk(batch, chunks, (chunk, from, to) -> {
            float[] partial = workspace.floats(chunk, "conv.backward.kernel", kernel.value().length);
            Arrays.fill(partial, 0f);
            partials[chunk] = partial;
            float[] trace = workspace.floats(chunk, "conv.backward.trace", inputs);
            int[] validAt = workspace.ints(chunk, "conv.backward.traceStep", inputs);
            for (int b = from; b < to; b++) {
                Arrays.fill(trace, 0f);
                Arrays.fill(validAt, 0);
                int[] inOffsets = input.offsets(b);
                int[] inUnits = input.unit(b);
                int[] activeOffsets = activeSet.offsets(b);
                int[] activeUnits = activeSet.unit(b);
                float[] delta = grad[b];
                for (int t = 0; t < steps; t++) {
                    for (int e = activeOffsets[t]; e < activeOffsets[t + 1]; e++) {
                        float d = delta[e];
                        if (d == 0f) {
                            continue;
                        }
                        int n = activeUnits[e];
                        int o = n / positions;
                        int position = n % positions;
                        int top = position / g.outWidth() * g.stride() - g.padding();
                        int left = position % g.outWidth() * g.stride() - g.padding();
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int ky = 0; ky < side; ky++) {
                                int y = top + ky;
                                if (y < 0 || y >= g.height()) {
                                    continue;
                                }
                                for (int kx = 0; kx < side; kx++) {
                                    int x = left + kx;
                                    if (x < 0 || x >= g.width()) {
                                        continue;
                                    }
                                    int i = (c * g.height() + y) * g.width() + x;
                                    float kappa = trace[i];
                                    if (kappa != 0f) {
                                        partial[((c * side + ky) * side + kx) * outChannels + o]
                                            += d * kappa * decay[t - validAt[i]];
                                    }
                                }
                            }
                        }
                    }
                    // κ[t+1] = β·κ[t] + x[t] (ALGORITHM.md §1), applied lazily
                    for (int e = inOffsets[t]; e < inOffsets[t + 1]; e++) {
                        int i = inUnits[e];
                        trace[i] = trace[i] * decay[t + 1 - validAt[i]] + 1f;
                        validAt[i] = t + 1;
                    }
                }
            }
        });
        reduce(partials, kernel.gradient());
    }

    /**
     * Stage 3: {@code ∂L/∂x} into {@code target} (nothing when it is null): at its entries when
     * the previous layer keeps an active set, everywhere when it is dense.
     */
    @Override
    public void inputGradient(SpikeGradient target) {
        if (target == null) {
            return;
        }
        ConvGeometry g = geometry;
        float[] k = kernel.value();
        float[] decay = DecayTable.powers(spec.neuron().beta(), steps);
        int inputs = g.inputs();
        int positions = g.positions();
        int outChannels = g.outChannels();
        int side = g.kernel();
        int batch = activeSet.batchSize();
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] z = workspace.floats(chunk, "conv.backward.z", inputs);
            int[] validAt = workspace.ints(chunk, "conv.backward.zStep", inputs);
            for (int b = from; b < to; b++) {
                Arrays.fill(z, 0f);
                Arrays.fill(validAt, steps - 1);
                int[] activeOffsets = activeSet.offsets(b);
                int[] activeUnits = activeSet.unit(b);
                float[] delta = grad[b];
                for (int t = steps - 1; t >= 0; t--) {
                    // read Z[t] = Σ_{τ>t} β^(τ−t−1)·Σ K·δ[τ] where the previous layer needs it
                    switch (target) {
                        case SpikeGradient.AtEntries at -> {
                            int[] offsets = at.entries().offsets(b);
                            int[] units = at.entries().unit(b);
                            float[] out = at.values()[b];
                            for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                                int i = units[e];
                                out[e] = z[i] * decay[validAt[i] - t];
                            }
                        }
                        case SpikeGradient.Dense dense -> {
                            float[] out = dense.values();
                            int row = (b * steps + t) * inputs;
                            for (int i = 0; i < inputs; i++) {
                                out[row + i] = z[i] * decay[validAt[i] - t];
                            }
                        }
                    }
                    if (t == 0) {
                        break;
                    }
                    // Z[t−1] = β·Z[t] + Σ_active K·δ[t], the patch of each active entry
                    for (int e = activeOffsets[t]; e < activeOffsets[t + 1]; e++) {
                        float d = delta[e];
                        if (d == 0f) {
                            continue;
                        }
                        int n = activeUnits[e];
                        int o = n / positions;
                        int position = n % positions;
                        int top = position / g.outWidth() * g.stride() - g.padding();
                        int left = position % g.outWidth() * g.stride() - g.padding();
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int ky = 0; ky < side; ky++) {
                                int y = top + ky;
                                if (y < 0 || y >= g.height()) {
                                    continue;
                                }
                                for (int kx = 0; kx < side; kx++) {
                                    int x = left + kx;
                                    if (x < 0 || x >= g.width()) {
                                        continue;
                                    }
                                    int i = (c * g.height() + y) * g.width() + x;
                                    z[i] = z[i] * decay[validAt[i] - (t - 1)] + k[((c * side + ky) * side + kx) * outChannels + o] * d;
                                    validAt[i] = t - 1;
                                }
                            }
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
