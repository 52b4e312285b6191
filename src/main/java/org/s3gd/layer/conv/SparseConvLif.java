package org.s3gd.layer.conv;

import java.util.Arrays;
import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.layer.KeptBytes;
import org.s3gd.kernel.LifKernels;
import org.s3gd.kernel.VectorOps;
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
 *   <li>Forward, event-driven: each input spike {@code (c, y, x)} adds its row
 *       {@code K[(c, ky, kx)][·]} to the currents of the output positions whose windows hold it (the
 *       membranes are kept position-major, so that is one vector addition of C_out floats per
 *       window); one pass of the backend's LIF step kernel updates the membranes, clears the
 *       currents and lists the few neurons above {@code θ − B_th}, whose spikes and active entries
 *       (with membrane values) are kept as events.</li>
 *   <li>∇K: a walk forward in time per sample keeps the input trace κ lazily (a value and the step
 *       it is valid at, decayed when read); each active entry {@code (o, Y, X)} adds δ times its
 *       {@code C_in×k×k} patch of κ, gathered once per position and step. Work ∝ active entries ×
 *       C_in·k² + input spikes.</li>
 *   <li>∂L/∂x: the memoised walk of §3 down in time, {@code Z[t−1] = β·Z[t] + Σ K·δ[t]}, kept
 *       lazily per input unit: the filters of the entries active at one position and step are summed
 *       into one patch, added once to the inputs under the window; read only at the previous
 *       layer's active entries (everywhere when it is dense).</li>
 * </ul>
 * No {@code B×T×N_in} or {@code B×T×N} tensor is formed; scratch is O(N_in + N) per worker.
 */
public final class SparseConvLif extends ConvLayer {
    /** Steps between two rebasings of the scaled trace and walk: β^−33 stays inside float's range for any β > 0.07. */
    private static final int REBASE = 32;

    /** Floats per row of a gathered patch: {@code C_in·k²} rounded up to 16, a whole number of vectors. */
    private static final int ROW_ALIGNMENT = 16;

    /** Per output neuron: its filter and its position {@code Y·W_out + X}. */
    private final int[] filterOf;
    private final int[] positionOf;
    /** Per output position: the row and column of its window's top-left input (padding negative). */
    private final int[] topOf;
    private final int[] leftOf;
    /** Per output position: whether its window lies inside the image, and then the input at its top-left. */
    private final boolean[] inside;
    private final int[] cornerOf;
    /** Per patch index {@code (c·k + ky)·k + kx}: its input's offset from the window's top-left input. */
    private final int[] windowOffset;
    private final int patchStride;
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
        this.positionOf = new int[neurons];
        for (int n = 0; n < neurons; n++) {
            filterOf[n] = n / geometry.positions();
            positionOf[n] = n % geometry.positions();
        }
        this.topOf = new int[geometry.positions()];
        this.leftOf = new int[geometry.positions()];
        for (int position = 0; position < geometry.positions(); position++) {
            topOf[position] = position / geometry.outWidth() * geometry.stride() - geometry.padding();
            leftOf[position] = position % geometry.outWidth() * geometry.stride() - geometry.padding();
        }
        int side = geometry.kernel();
        this.inside = new boolean[geometry.positions()];
        this.cornerOf = new int[geometry.positions()];
        for (int position = 0; position < geometry.positions(); position++) {
            int top = topOf[position];
            int left = leftOf[position];
            inside[position] = top >= 0 && left >= 0 && top + side <= geometry.height() && left + side <= geometry.width();
            cornerOf[position] = inside[position] ? top * geometry.width() + left : -1;
        }
        this.windowOffset = new int[geometry.patch()];
        for (int c = 0; c < geometry.inChannels(); c++) {
            for (int ky = 0; ky < side; ky++) {
                for (int kx = 0; kx < side; kx++) {
                    windowOffset[(c * side + ky) * side + kx] = (c * geometry.height() + ky) * geometry.width() + kx;
                }
            }
        }
        this.patchStride = (geometry.patch() + ROW_ALIGNMENT - 1) / ROW_ALIGNMENT * ROW_ALIGNMENT;
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
        float band = training ? backpropThreshold : 0f;
        float level = candidateLevel(theta, band);
        LifKernels lif = backend.lif();
        VectorOps vectors = backend.vectors();
        int outChannels = geometry.outChannels();
        int positions = geometry.positions();
        workers.forEachChunk(batch, (chunk, from, to) -> {
            // Position-major: neuron (o, Y, X) at (Y·W_out + X)·C_out + o, so that an input spike adds whole rows of K.
            float[] v = workspace.floats(chunk, "conv.forward.v", neurons);
            float[] current = workspace.floats(chunk, "conv.forward.current", neurons);
            float[] values = workspace.floats(chunk, "conv.forward.values", neurons);
            int[] fires = workspace.ints(chunk, "conv.forward.counts", neurons);
            int[] candidates = workspace.ints(chunk, "conv.forward.candidates", neurons);
            int[] ordered = workspace.ints(chunk, "conv.forward.ordered", neurons);
            int[] starts = workspace.ints(chunk, "conv.forward.starts", outChannels + 1);
            for (int b = from; b < to; b++) {
                Arrays.fill(v, 0, neurons, 0f);
                Arrays.fill(current, 0, neurons, 0f);
                Arrays.fill(fires, 0, neurons, 0);
                int[] offsets = input.offsets(b);
                int[] units = input.unit(b);
                for (int t = 0; t < steps; t++) {
                    for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                        scatter(units[e], k, current, vectors);
                    }
                    // v ← v[t+1] = β·v[t] + I[t] − θ·s[t], current ← 0, fires += s[t] (ALGORITHM.md §1); the
                    // neurons above the level with their v[t], among which s[t] and the active set (§3), in neuron order
                    int found = lif.step(v, current, neurons, beta, theta, level, fires, candidates, values);
                    byNeuron(candidates, found, ordered, starts);
                    for (int c = 0; c < found; c++) {
                        int listed = ordered[c];
                        int m = candidates[listed];
                        float vt = values[listed];
                        int n = m % outChannels * positions + m / outChannels;
                        if (LifStep.spikes(vt, theta)) {
                            spikes.add(b, n);
                        }
                        if (training && Surrogate.isActive(vt, theta, backpropThreshold)) {
                            activeSet.add(b, n, vt);
                        }
                    }
                    spikes.endStep(b, t);
                    if (training) {
                        activeSet.endStep(b, t);
                    }
                }
                for (int m = 0; m < neurons; m++) {
                    counts[b * neurons + m % outChannels * positions + m / outChannels] = fires[m];
                }
            }
        });
        active = training ? activeSet.totalCount() : 0;
        trained = training;
        return new Spikes.Events(spikes);
    }

    /**
     * Orders {@code found} position-major indices {@code (position·C_out + o)}, increasing, by neuron
     * {@code (o·positions + position)}: {@code ordered} gets their places in {@code candidates}, by a
     * counting sort by filter, stable, so positions stay increasing within a filter.
     */
    private void byNeuron(int[] candidates, int found, int[] ordered, int[] starts) {
        int outChannels = geometry.outChannels();
        Arrays.fill(starts, 0, outChannels + 1, 0);
        for (int c = 0; c < found; c++) {
            starts[candidates[c] % outChannels + 1]++;
        }
        for (int o = 0; o < outChannels; o++) {
            starts[o + 1] += starts[o];
        }
        for (int c = 0; c < found; c++) {
            ordered[starts[candidates[c] % outChannels]++] = c;
        }
    }

    /**
     * A level below every membrane potential that spikes ({@code v > θ}) or lies in the band
     * ({@code |v − θ| < B_th}, computed in float): {@code θ − B_th} less a margin far above the
     * rounding of {@code v − θ}, so the exact tests run on a superset of the entries they keep.
     */
    static float candidateLevel(float theta, float band) {
        if (band <= 0f) {
            return theta;
        }
        return (float) (theta - (double) band - 1e-6 * (Math.abs(theta) + (double) band));
    }

    // ALGORITHM.md §8: one input spike adds K[(c, ky, kx)][·] to the C_out neurons of every position whose
    // window holds it: one row of K onto one position's row of the position-major currents. The windows
    // holding input row y are those with s·Y + ky − p = y: ky runs over one residue mod s while Y falls by one.
    private void scatter(int unit, float[] k, float[] current, VectorOps vectors) {
        ConvGeometry g = geometry;
        int side = g.kernel();
        int stride = g.stride();
        int c = unit / (g.height() * g.width());
        int y = unit / g.width() % g.height() + g.padding();
        int x = unit % g.width() + g.padding();
        int outChannels = g.outChannels();
        int firstX = x % stride;
        for (int ky = y % stride, row = y / stride; ky < side && row >= 0; ky += stride, row--) {
            if (row >= g.outHeight()) {
                continue;
            }
            int slices = (c * side + ky) * side;
            for (int kx = firstX, column = x / stride; kx < side && column >= 0; kx += stride, column--) {
                if (column < g.outWidth()) {
                    vectors.axpy(1f, k, (slices + kx) * outChannels, current, (row * g.outWidth() + column) * outChannels,
                        outChannels);
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
     * the patch of {@code a} under its window. Every {@link #REBASE} steps {@code a} is scaled to a
     * later base, so the powers stay in float's range. At one step the filters active at one position
     * share its window: the patch is gathered once into a contiguous row of {@link #patchStride}
     * floats (zero beyond the image and beyond the patch), and each entry adds a multiple of that row
     * to its filter's row of the partial sum, one vector operation of the backend.
     */
    @Override
    public void weightGradient() {
        int batch = activeSet.batchSize();
        int chunks = Workers.reductionChunks(batch);
        float[][] partials = new float[chunks][];
        float beta = spec.neuron().beta();
        float[] decay = DecayTable.powers(beta, REBASE + 1);
        float[] growth = inversePowers(beta, REBASE + 1);
        int inputs = geometry.inputs();
        int outChannels = geometry.outChannels();
        int patch = geometry.patch();
        VectorOps vectors = backend.vectors();
        workers.forEachChunk(batch, chunks, (chunk, from, to) -> {
            float[] partial = workspace.floats(chunk, "conv.backward.kernel", outChannels * patchStride);
            Arrays.fill(partial, 0, outChannels * patchStride, 0f);
            partials[chunk] = partial;
            float[] trace = workspace.floats(chunk, "conv.backward.trace", inputs);
            PatchRows rows = patchRows(chunk, from, to);
            for (int b = from; b < to; b++) {
                Arrays.fill(trace, 0, inputs, 0f);
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
                    rows.nextStep();
                    for (int e = activeOffsets[t]; e < activeOffsets[t + 1]; e++) {
                        float d = delta[e] * now;
                        if (d != 0f) {
                            int n = activeUnits[e];
                            int position = positionOf[n];
                            int row = rows.rowOf(position);
                            if (row < 0) {
                                row = rows.add(position);
                                gather(position, trace, rows.values, row);
                            }
                            vectors.axpy(d, rows.values, row, partial, filterOf[n] * patchStride, patchStride);
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
        // The partial sums are filter-major (K[o][c][ky][kx], rows of patchStride); K is patch-major.
        float[] gradient = kernel.gradient();
        Arrays.fill(gradient, 0f);
        for (float[] partial : partials) {
            for (int o = 0; o < outChannels; o++) {
                for (int q = 0; q < patch; q++) {
                    gradient[q * outChannels + o] += partial[o * patchStride + q];
                }
            }
        }
    }

    /**
     * The rows of one step's positions: {@code values} holds a row of {@link #patchStride} floats per
     * position met at this step, found through a stamp per position, so nothing is cleared between steps.
     */
    private final class PatchRows {
        final float[] values;
        private final int[] stampOf;
        private final int[] rowOf;
        private final int[] positions;
        private int stamp;
        private int rows;

        PatchRows(float[] values, int[] stampOf, int[] rowOf, int[] positions) {
            this.values = values;
            this.stampOf = stampOf;
            this.rowOf = rowOf;
            this.positions = positions;
            Arrays.fill(stampOf, 0, geometry.positions(), -1);
        }

        void nextStep() {
            stamp++;
            rows = 0;
        }

        /** The offset of the position's row in {@link #values}, or −1 when it has none at this step. */
        int rowOf(int position) {
            return stampOf[position] == stamp ? rowOf[position] : -1;
        }

        /** Gives the position a row and returns its offset. */
        int add(int position) {
            stampOf[position] = stamp;
            positions[rows] = position;
            rowOf[position] = rows * patchStride;
            return rows++ * patchStride;
        }

        int rows() {
            return rows;
        }

        int position(int row) {
            return positions[row];
        }
    }

    // Rows enough for the busiest step of samples [from, to): one per position at most.
    private PatchRows patchRows(int chunk, int from, int to) {
        int most = 0;
        for (int b = from; b < to; b++) {
            int[] offsets = activeSet.offsets(b);
            for (int t = 0; t < steps; t++) {
                most = Math.max(most, offsets[t + 1] - offsets[t]);
            }
        }
        int positions = geometry.positions();
        int rows = Math.min(most, positions);
        return new PatchRows(workspace.floats(chunk, "conv.backward.patches", rows * patchStride),
            workspace.ints(chunk, "conv.backward.stamps", positions), workspace.ints(chunk, "conv.backward.rowOf", positions),
            workspace.ints(chunk, "conv.backward.positions", rows));
    }

    // rows[row + patch index] = values[input under the window of `position`], 0 outside the image and past the patch.
    private void gather(int position, float[] values, float[] rows, int row) {
        int patch = geometry.patch();
        if (inside[position]) {
            // One flat loop over the patch: nested loops over rows of k ≈ 5 spend more in loop set-up than in the copies.
            int corner = cornerOf[position];
            for (int q = 0; q < patch; q++) {
                rows[row + q] = values[corner + windowOffset[q]];
            }
            for (int q = patch; q < patchStride; q++) {
                rows[row + q] = 0f;
            }
            return;
        }
        ConvGeometry g = geometry;
        int side = g.kernel();
        int top = topOf[position];
        int left = leftOf[position];
        Arrays.fill(rows, row, row + patchStride, 0f);
        for (int c = 0; c < g.inChannels(); c++) {
            for (int ky = Math.max(0, -top), lastY = Math.min(side, g.height() - top); ky < lastY; ky++) {
                int in = (c * g.height() + top + ky) * g.width() + left;
                int out = row + (c * side + ky) * side;
                for (int kx = Math.max(0, -left), lastX = Math.min(side, g.width() - left); kx < lastX; kx++) {
                    rows[out + kx] = values[in + kx];
                }
            }
        }
    }

    // values[input under the window of `position`] += rows[row + patch index], inside the image.
    private void scatterAdd(int position, float[] rows, int row, float[] values) {
        if (inside[position]) {
            int corner = cornerOf[position];
            for (int q = 0, patch = geometry.patch(); q < patch; q++) {
                values[corner + windowOffset[q]] += rows[row + q];
            }
            return;
        }
        ConvGeometry g = geometry;
        int side = g.kernel();
        int top = topOf[position];
        int left = leftOf[position];
        for (int c = 0; c < g.inChannels(); c++) {
            for (int ky = Math.max(0, -top), lastY = Math.min(side, g.height() - top); ky < lastY; ky++) {
                int out = (c * g.height() + top + ky) * g.width() + left;
                int in = row + (c * side + ky) * side;
                for (int kx = Math.max(0, -left), lastX = Math.min(side, g.width() - left); kx < lastX; kx++) {
                    values[out + kx] += rows[in + kx];
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
     * filter to the inputs under its window, and a read at t takes {@code z_i·β^(base − t)}. At one
     * step the filters active at one position are first summed into one row (vector operations of the
     * backend over K's filter rows), which then goes once into the inputs under the window.
     */
    @Override
    public void inputGradient(SpikeGradient target) {
        if (target == null) {
            return;
        }
        float beta = spec.neuron().beta();
        float[] decay = DecayTable.powers(beta, REBASE + 1);
        float[] growth = inversePowers(beta, REBASE + 1);
        int inputs = geometry.inputs();
        int outChannels = geometry.outChannels();
        int patch = geometry.patch();
        int batch = activeSet.batchSize();
        VectorOps vectors = backend.vectors();
        // K filter-major in rows of patchStride, so that one active entry reads its filter contiguously.
        float[] k = workspace.shared("conv.backward.filters", outChannels * patchStride);
        Arrays.fill(k, 0, outChannels * patchStride, 0f);
        float[] value = kernel.value();
        for (int q = 0; q < patch; q++) {
            for (int o = 0; o < outChannels; o++) {
                k[o * patchStride + q] = value[q * outChannels + o];
            }
        }
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] z = workspace.floats(chunk, "conv.backward.z", inputs);
            PatchRows rows = patchRows(chunk, from, to);
            for (int b = from; b < to; b++) {
                Arrays.fill(z, 0, inputs, 0f);
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
                    rows.nextStep();
                    for (int e = activeOffsets[t]; e < activeOffsets[t + 1]; e++) {
                        float d = delta[e] * scaled;
                        if (d != 0f) {
                            int n = activeUnits[e];
                            int position = positionOf[n];
                            int row = rows.rowOf(position);
                            if (row < 0) {
                                vectors.scaleInto(d, k, filterOf[n] * patchStride, rows.values, rows.add(position), patchStride);
                            } else {
                                vectors.axpy(d, k, filterOf[n] * patchStride, rows.values, row, patchStride);
                            }
                        }
                    }
                    for (int r = 0; r < rows.rows(); r++) {
                        scatterAdd(rows.position(r), rows.values, r * patchStride, z);
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
