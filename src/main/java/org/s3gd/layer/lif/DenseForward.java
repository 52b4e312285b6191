package org.s3gd.layer.lif;

import java.util.Arrays;
import org.s3gd.backend.Backend;
import org.s3gd.kernel.DenseLifKernel;
import org.s3gd.kernel.GemmKernel;
import org.s3gd.model.LifParameters;
import org.s3gd.model.LifStep;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;

/**
 * Forward pass of the dense ("original") method (ALGORITHM.md §1): one dense matmul for the input
 * currents of every step, then the membrane recurrence, keeping the full histories the dense
 * backward needs. A recurrent layer (§7) adds, step by step, the product of the step's spikes with
 * V to the step's current: a {@code B × N × N} matmul per step, as a dense implementation in
 * PyTorch would run it.
 */
public final class DenseForward {
    private DenseForward() {
    }

    /**
     * @param input     dense input spikes {@code [B][T][inputs]}
     * @param recurrent {@code V[k][j]}, row-major {@code neurons × neurons}, or null (feed-forward)
     * @param membrane  out: {@code v[B][T][neurons]}
     * @param spikes    out: {@code s[B][T][neurons]} as 0/1 floats
     * @param counts    out: spike count per sample and neuron {@code [B][neurons]}
     * @return the number of entries with {@code |v − θ| < B_th} (the activity the sparse method would see)
     */
    public static long run(Backend backend, LifParameters neuron, float backpropThreshold, float[] weights,
                           float[] recurrent, int inputs, int neurons, int batch, int steps, float[] input,
                           float[] membrane, float[] spikes, int[] counts, Workers workers, Workspace workspace) {
        long rows = (long) batch * steps;
        if ((long) input.length < rows * inputs || (long) membrane.length < rows * neurons
            || (long) spikes.length < rows * neurons || counts.length < batch * neurons) {
            throw new IllegalArgumentException("dense forward buffers too small for B=" + batch + ", T=" + steps
                + ", inputs=" + inputs + ", neurons=" + neurons);
        }
        if (weights.length != inputs * neurons) {
            throw new IllegalArgumentException("weights have " + weights.length + " entries, expected " + inputs + "×" + neurons);
        }
        if (recurrent != null && recurrent.length != neurons * neurons) {
            throw new IllegalArgumentException("recurrent weights have " + recurrent.length + " entries, expected "
                + neurons + "×" + neurons);
        }
        backend.gemm().multiply(false, false, (int) rows, neurons, inputs, input, 0, inputs, weights, 0, neurons,
            0f, membrane, 0, neurons, workers);
        DenseLifKernel lif = backend.denseLif();
        GemmKernel gemm = backend.gemm().kernel();
        float beta = neuron.beta();
        float theta = neuron.threshold();
        long[] activePerChunk = new long[workers.threads()];
        workers.forEachChunk(batch, (chunk, from, to) -> {
            Arrays.fill(counts, from * neurons, to * neurons, 0);
            long active = 0;
            if (recurrent == null) {
                float[] v = workspace.floats(chunk, "forward.v", neurons);
                for (int b = from; b < to; b++) {
                    active += lif.integrate(membrane, spikes, b * steps * neurons, steps, neurons, beta, theta,
                        backpropThreshold, v, counts, b * neurons);
                }
            } else {
                // Step by step for this chunk's samples: s[t] from v[t], the recurrent current s[t]·V
                // added to I[t] in place, then the step of LifStep with the whole current.
                int samples = to - from;
                float[] v = workspace.floats(chunk, "forward.v", samples * neurons);
                Arrays.fill(v, 0, samples * neurons, 0f);
                for (int t = 0; t < steps; t++) {
                    for (int b = from; b < to; b++) {
                        int row = (b * steps + t) * neurons;
                        int local = (b - from) * neurons;
                        for (int j = 0; j < neurons; j++) {
                            spikes[row + j] = LifStep.spikes(v[local + j], theta) ? 1f : 0f;
                        }
                    }
                    int firstRow = (from * steps + t) * neurons;
                    gemm.multiply(false, false, samples, neurons, neurons, spikes, firstRow, steps * neurons,
                        recurrent, 0, neurons, 1f, membrane, firstRow, steps * neurons);
                    for (int b = from; b < to; b++) {
                        active += lif.integrateStep(membrane, spikes, (b * steps + t) * neurons, neurons, beta, theta,
                            backpropThreshold, v, (b - from) * neurons, counts, b * neurons);
                    }
                }
            }
            activePerChunk[chunk] = active;
        });
        long active = 0;
        for (long a : activePerChunk) {
            active += a;
        }
        return active;
    }
}
