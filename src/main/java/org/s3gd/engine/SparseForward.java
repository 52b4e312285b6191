package org.s3gd.engine;

import java.util.Arrays;
import org.s3gd.kernel.VectorOps;
import org.s3gd.model.LifParameters;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * Event-driven forward pass of a spiking layer (ALGORITHM.md §1 with §3's active set).
 *
 * <p>The input current of a step is the sum of the weight rows of the inputs that spiked, so the
 * cost grows with the input spikes, not with B·T·N_in. It produces the output spikes, the spike
 * count of every neuron, and the active set {@code |v − θ| < B_th} with the membrane value the
 * surrogate needs — never the full membrane history.
 */
public final class SparseForward {
    private SparseForward() {
    }

    /**
     * @param weights    {@code W[i][j]}, row-major {@code inputs × neurons}
     * @param input      input spikes, {@code inputs} units
     * @param spikes     output spikes, {@code neurons} units; resized to the input's batch
     * @param activeSet  active entries with their membrane potential, or null (inference)
     * @param counts     spike count per sample and neuron, {@code [B][N]} row-major
     */
    public static void run(LifParameters neuron, float backpropThreshold, float[] weights, int inputs, int neurons,
                           EventBatch input, EventBatch spikes, EventBatch activeSet, int[] counts,
                           Workers workers, Workspace workspace) {
        int batch = input.batchSize();
        int steps = input.steps();
        if (input.units() != inputs) {
            throw new IllegalArgumentException("input has " + input.units() + " units but the layer has " + inputs + " inputs");
        }
        if (weights.length != inputs * neurons) {
            throw new IllegalArgumentException("weights have " + weights.length + " entries, expected " + inputs + "×" + neurons);
        }
        checkOutput(spikes, steps, neurons, "spikes");
        if (activeSet != null) {
            checkOutput(activeSet, steps, neurons, "active set");
            if (!activeSet.hasValues()) {
                throw new IllegalArgumentException("the active set must carry membrane values");
            }
        }
        if (counts.length < batch * neurons) {
            throw new IllegalArgumentException("counts has " + counts.length + " entries, need " + batch + "×" + neurons);
        }
        spikes.resize(batch);
        if (activeSet != null) {
            activeSet.resize(batch);
        }
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] v = workspace.floats(chunk, 0, neurons);
            int[] candidates = workspace.ints(chunk, 0, neurons);
            for (int b = from; b < to; b++) {
                runSample(neuron, backpropThreshold, weights, neurons, input, b, spikes, activeSet, counts, v, candidates);
            }
        });
    }

    private static void checkOutput(EventBatch out, int steps, int neurons, String what) {
        if (out.steps() != steps || out.units() != neurons) {
            throw new IllegalArgumentException(what + " is " + out.steps() + " steps × " + out.units()
                + " units, expected " + steps + " × " + neurons);
        }
    }

    private static void runSample(LifParameters neuron, float backpropThreshold, float[] weights, int neurons,
                                  EventBatch input, int b, EventBatch spikes, EventBatch activeSet, int[] counts,
                                  float[] v, int[] candidates) {
        int steps = input.steps();
        float beta = neuron.beta();
        float theta = neuron.threshold();
        // Neurons below θ − B_th are neither spiking nor active: only the rest need a look.
        float watchLevel = activeSet == null ? theta : Math.min(theta, theta - backpropThreshold);
        Arrays.fill(v, 0, neurons, 0f);
        Arrays.fill(counts, b * neurons, (b + 1) * neurons, 0);
        spikes.clear(b);
        if (activeSet != null) {
            activeSet.clear(b);
        }
        int[] inOffsets = input.offsets(b);
        int[] inUnits = input.unit(b);
        for (int t = 0; t < steps; t++) {
            // Threshold: s[t] = H(v[t] − θ); record the active band |v[t] − θ| < B_th.
            int found = VectorOps.indicesAbove(v, neurons, watchLevel, candidates);
            for (int c = 0; c < found; c++) {
                int j = candidates[c];
                float vj = v[j];
                if (activeSet != null && Math.abs(vj - theta) < backpropThreshold) {
                    activeSet.add(b, j, vj);
                }
                if (vj > theta) {
                    spikes.add(b, j);
                    counts[b * neurons + j]++;
                }
            }
            spikes.endStep(b, t);
            if (activeSet != null) {
                activeSet.endStep(b, t);
            }
            if (t == steps - 1) {
                break;
            }
            // Integrate and reset: v[t+1] = β·v[t] + Σ_{i: x_i[t]=1} W[i][·] − θ·s[t].
            VectorOps.scale(beta, v, 0, neurons);
            for (int e = inOffsets[t]; e < inOffsets[t + 1]; e++) {
                VectorOps.axpy(1f, weights, inUnits[e] * neurons, v, 0, neurons);
            }
            int[] outOffsets = spikes.offsets(b);
            int[] outUnits = spikes.unit(b);
            for (int e = outOffsets[t]; e < outOffsets[t + 1]; e++) {
                v[outUnits[e]] -= theta;
            }
        }
    }
}
