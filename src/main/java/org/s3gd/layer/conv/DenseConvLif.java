package org.s3gd.layer.conv;

import java.util.Arrays;
import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.kernel.GemmKernel;
import org.s3gd.layer.KeptBytes;
import org.s3gd.layer.lif.DenseBackward;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.LifStep;
import org.s3gd.model.Parameter;
import org.s3gd.model.Shape;
import org.s3gd.model.Surrogate;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.SpikeConversions;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * A convolutional LIF layer run the paper's "original" way (ALGORITHM.md §8 with §2): a dense
 * convolution of the full input history, the whole membrane history kept, dense BPTT. The
 * convolution is the usual im2col and matrix product on the backend's vectorised GEMM kernel,
 * per sample and per block of steps, with samples spread over the workers, so the sparse method
 * is measured against a fair baseline:
 * <pre>
 * currents      = P · K          (P: the patches of one block of steps, [steps·H_out·W_out][C_in·k²])
 * ∇K            = Σ Pᵀ · E        (E: ε position-major)
 * ∂L/∂x         = col2im(E · Kᵀ)
 * </pre>
 */
public final class DenseConvLif extends ConvLayer {
    /** Steps per im2col block: bounds the scratch whatever T is. */
    private static final int BLOCK_STEPS = 8;

    private float[] inputBuffer = new float[0];
    private float[] input;
    /** {@code v[B][T][N]}, {@code s[B][T][N]}, and ∂L/∂s then ε. */
    private float[] membrane = new float[0];
    private float[] spikes = new float[0];
    private float[] grad = new float[0];
    private float[] inputGradBuffer = new float[0];
    private int[] counts = new int[0];
    private int batch;
    private long active;

    public DenseConvLif(Conv2dLif spec, Shape inputShape, List<Parameter> parameters, int steps, float backpropThreshold,
                        Backend backend, Workers workers) {
        super(spec, inputShape, parameters, steps, backpropThreshold, backend, workers);
    }

    @Override
    public Spikes forward(Spikes in, boolean training) {
        batch = in.batch();
        int neurons = geometry.neurons();
        int history = Math.multiplyExact(Math.multiplyExact(batch, steps), neurons);
        if (membrane.length < history) {
            membrane = new float[history];
            spikes = new float[history];
            grad = new float[history];
        }
        if (counts.length < batch * neurons) {
            counts = new int[batch * neurons];
        }
        if (in instanceof Spikes.Events) {
            inputBuffer = grown(inputBuffer, Math.multiplyExact(Math.multiplyExact(batch, steps), geometry.inputs()));
        }
        input = SpikeConversions.dense(in, inputBuffer, workers);
        GemmKernel gemm = backend.gemm().kernel();
        ConvGeometry g = geometry;
        int positions = g.positions();
        int outChannels = g.outChannels();
        int patch = g.patch();
        float beta = spec.neuron().beta();
        float theta = spec.neuron().threshold();
        long[] activePerChunk = new long[Math.max(1, Math.min(workers.threads(), batch))];
        workers.forEachChunk(batch, activePerChunk.length, (chunk, from, to) -> {
            float[] patches = workspace.floats(chunk, "conv.patches", BLOCK_STEPS * positions * patch);
            float[] currents = workspace.floats(chunk, "conv.currents", BLOCK_STEPS * positions * outChannels);
            float[] v = workspace.floats(chunk, "conv.v", neurons);
            long activeHere = 0;
            for (int b = from; b < to; b++) {
                Arrays.fill(v, 0f);
                Arrays.fill(counts, b * neurons, (b + 1) * neurons, 0);
                for (int t0 = 0; t0 < steps; t0 += BLOCK_STEPS) {
                    int block = Math.min(BLOCK_STEPS, steps - t0);
                    Im2col.patches(g, input, b * steps + t0, block, patches);
                    gemm.multiply(false, false, block * positions, outChannels, patch, patches, 0, patch, kernel.value(), 0,
                        outChannels, 0f, currents, 0, outChannels);
                    for (int dt = 0; dt < block; dt++) {
                        int row = (b * steps + t0 + dt) * neurons;
                        for (int o = 0; o < outChannels; o++) {
                            for (int p = 0; p < positions; p++) {
                                int n = o * positions + p;
                                float vt = v[n];
                                membrane[row + n] = vt;
                                boolean spike = LifStep.spikes(vt, theta);
                                spikes[row + n] = spike ? 1f : 0f;
                                if (spike) {
                                    counts[b * neurons + n]++;
                                }
                                if (Surrogate.isActive(vt, theta, backpropThreshold)) {
                                    activeHere++;
                                }
                                v[n] = LifStep.next(vt, currents[(dt * positions + p) * outChannels + o], beta, theta);
                            }
                        }
                    }
                }
            }
            activePerChunk[chunk] = activeHere;
        });
        active = Arrays.stream(activePerChunk).sum();
        return new Spikes.Dense(spikes, batch, steps, neurons);
    }

    @Override
    public SpikeGradient outputGradient() {
        return new SpikeGradient.Dense(grad, batch, steps, geometry.neurons());
    }

    /** Stage 1: the incoming {@code ∂L/∂s} becomes ε in place, over the full history (ALGORITHM.md §2). */
    @Override
    public void firstStage() {
        DenseBackward.epsilon(backend, spec.neuron(), batch, steps, geometry.neurons(), grad, membrane, workers, workspace);
    }

    /** Stage 2: {@code ∇K = Σ_b Σ_blocks Pᵀ·E}, over fixed sample chunks reduced in order. */
    @Override
    public void weightGradient() {
        ConvGeometry g = geometry;
        int positions = g.positions();
        int outChannels = g.outChannels();
        int patch = g.patch();
        GemmKernel gemm = backend.gemm().kernel();
        int chunks = Workers.reductionChunks(batch);
        float[][] partials = new float[chunks][];
        workers.forEachChunk(batch, chunks, (chunk, from, to) -> {
            float[] partial = workspace.floats(chunk, "conv.backward.kernel", kernel.value().length);
            Arrays.fill(partial, 0f);
            partials[chunk] = partial;
            float[] patches = workspace.floats(chunk, "conv.patches", BLOCK_STEPS * positions * patch);
            float[] eps = workspace.floats(chunk, "conv.eps", BLOCK_STEPS * positions * outChannels);
            for (int b = from; b < to; b++) {
                for (int t0 = 0; t0 < steps; t0 += BLOCK_STEPS) {
                    int block = Math.min(BLOCK_STEPS, steps - t0);
                    Im2col.patches(g, input, b * steps + t0, block, patches);
                    positionMajor(grad, b * steps + t0, block, eps);
                    gemm.multiply(true, false, patch, outChannels, block * positions, patches, 0, patch, eps, 0, outChannels,
                        1f, partial, 0, outChannels);
                }
            }
        });
        reduce(partials, kernel.gradient());
    }

    /** Stage 3: {@code ∂L/∂x = col2im(E·Kᵀ)} into {@code target} (nothing when null), read at its entries if it keeps an active set. */
    @Override
    public void inputGradient(SpikeGradient target) {
        if (target == null) {
            return;
        }
        float[] out;
        if (target instanceof SpikeGradient.Dense dense) {
            out = dense.values();
        } else {
            inputGradBuffer = grown(inputGradBuffer, Math.multiplyExact(Math.multiplyExact(batch, steps), geometry.inputs()));
            out = inputGradBuffer;
        }
        ConvGeometry g = geometry;
        int positions = g.positions();
        int outChannels = g.outChannels();
        int patch = g.patch();
        GemmKernel gemm = backend.gemm().kernel();
        float[] out1 = out;
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] patches = workspace.floats(chunk, "conv.patches", BLOCK_STEPS * positions * patch);
            float[] eps = workspace.floats(chunk, "conv.eps", BLOCK_STEPS * positions * outChannels);
            for (int b = from; b < to; b++) {
                Arrays.fill(out1, b * steps * g.inputs(), (b + 1) * steps * g.inputs(), 0f);
                for (int t0 = 0; t0 < steps; t0 += BLOCK_STEPS) {
                    int block = Math.min(BLOCK_STEPS, steps - t0);
                    positionMajor(grad, b * steps + t0, block, eps);
                    gemm.multiply(false, true, block * positions, patch, outChannels, eps, 0, outChannels, kernel.value(), 0,
                        outChannels, 0f, patches, 0, patch);
                    Im2col.addBack(g, patches, b * steps + t0, block, out1);
                }
            }
        });
        if (target instanceof SpikeGradient.AtEntries at) {
            SpikeConversions.write(out, at, workers);
        }
    }

    // ε rows [t][o][position] of `block` steps from `row` as [t][position][o].
    private void positionMajor(float[] history, int row, int block, float[] out) {
        int positions = geometry.positions();
        int outChannels = geometry.outChannels();
        int neurons = geometry.neurons();
        for (int dt = 0; dt < block; dt++) {
            int base = (row + dt) * neurons;
            int outBase = dt * positions * outChannels;
            for (int o = 0; o < outChannels; o++) {
                for (int p = 0; p < positions; p++) {
                    out[outBase + p * outChannels + o] = history[base + o * positions + p];
                }
            }
        }
    }

    @Override
    public int[] spikeCounts() {
        return counts;
    }

    @Override
    public long activeEntries() {
        return active;
    }

    @Override
    public long keptBytes() {
        return KeptBytes.dense(batch, steps, geometry.inputs(), geometry.neurons(), false);
    }

    private static float[] grown(float[] buffer, int size) {
        return buffer.length < size ? new float[size] : buffer;
    }
}
