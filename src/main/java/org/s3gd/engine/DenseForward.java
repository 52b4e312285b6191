package org.s3gd.engine;

import org.s3gd.kernel.DenseRecurrence;
import org.s3gd.kernel.Gemm;
import org.s3gd.model.LifParameters;
import org.s3gd.parallel.Workers;

/**
 * Forward pass of the dense ("original") method (ALGORITHM.md §1): one dense matmul for the input
 * currents of every step, then the membrane recurrence, keeping the full histories the dense
 * backward needs.
 */
public final class DenseForward {
    private DenseForward() {
    }

    /**
     * @param input    dense input spikes {@code [B][T][inputs]}
     * @param membrane out: {@code v[B][T][neurons]}
     * @param spikes   out: {@code s[B][T][neurons]} as 0/1 floats
     * @param counts   out: spike count per sample and neuron {@code [B][neurons]}
     * @return the number of entries with {@code |v − θ| < B_th} (the activity the sparse method would see)
     */
    public static long run(LifParameters neuron, float backpropThreshold, float[] weights, int inputs, int neurons,
                           int batch, int steps, float[] input, float[] membrane, float[] spikes, int[] counts,
                           Workers workers, Workspace workspace) {
        long rows = (long) batch * steps;
        if ((long) input.length < rows * inputs || (long) membrane.length < rows * neurons
            || (long) spikes.length < rows * neurons || counts.length < batch * neurons) {
            throw new IllegalArgumentException("dense forward buffers too small for B=" + batch + ", T=" + steps
                + ", inputs=" + inputs + ", neurons=" + neurons);
        }
        if (weights.length != inputs * neurons) {
            throw new IllegalArgumentException("weights have " + weights.length + " entries, expected " + inputs + "×" + neurons);
        }
        Gemm.multiply(false, false, (int) rows, neurons, inputs, input, 0, inputs, weights, 0, neurons,
            0f, membrane, 0, neurons, workers);
        long[] activePerChunk = new long[workers.threads()];
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] v = workspace.floats(chunk, 0, neurons);
            long active = 0;
            for (int b = from; b < to; b++) {
                java.util.Arrays.fill(counts, b * neurons, (b + 1) * neurons, 0);
                active += DenseRecurrence.integrate(membrane, spikes, b * steps * neurons, steps, neurons,
                    neuron.beta(), neuron.threshold(), backpropThreshold, v, counts, b * neurons);
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
