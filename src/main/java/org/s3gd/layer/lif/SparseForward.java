package org.s3gd.layer.lif;

import java.util.Arrays;
import org.s3gd.kernel.LifKernels;
import org.s3gd.kernel.LifWalk;
import org.s3gd.model.LifParameters;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.EventBatch;

/**
 * Event-driven forward pass of a spiking layer (ALGORITHM.md §1 with §3's active set; §7 for a
 * recurrent layer).
 *
 * <p>The input current of a step is the sum of the weight rows of the inputs that spiked (and, in
 * a recurrent layer, of the recurrent rows of the layer's own spikes), so the cost grows with the
 * spikes, not with B·T·N_in. It produces the output spikes, the spike count of every neuron, and
 * the active set {@code |v − θ| < B_th} with the membrane value the surrogate needs — never the
 * full membrane history.
 */
public final class SparseForward {
    private SparseForward() {
    }

    /**
     * @param weights    {@code W[i][j]}, row-major {@code inputs × neurons}
     * @param recurrent  {@code V[k][j]}, row-major {@code neurons × neurons}, or null (feed-forward)
     * @param input      input spikes, {@code inputs} units
     * @param spikes     output spikes, {@code neurons} units; resized to the input's batch
     * @param activeSet  active entries with their membrane potential, or null (inference)
     * @param counts     spike count per sample and neuron, {@code [B][N]} row-major
     */
    public static void run(LifKernels kernels, LifParameters neuron, float backpropThreshold, float[] weights,
                           float[] recurrent, int inputs, int neurons, EventBatch input, EventBatch spikes,
                           EventBatch activeSet, int[] counts, Workers workers, Workspace workspace) {
        int batch = input.batchSize();
        int steps = input.steps();
        if (input.units() != inputs) {
            throw new IllegalArgumentException("input has " + input.units() + " units but the layer has " + inputs + " inputs");
        }
        if (weights.length != inputs * neurons) {
            throw new IllegalArgumentException("weights have " + weights.length + " entries, expected " + inputs + "×" + neurons);
        }
        if (recurrent != null && recurrent.length != neurons * neurons) {
            throw new IllegalArgumentException("recurrent weights have " + recurrent.length + " entries, expected "
                + neurons + "×" + neurons);
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
        int capacity = kernels.listCapacity(steps, neurons);
        float band = activeSet == null ? 0f : backpropThreshold;
        // Weight rows padded to whole vectors (padding zero), shared read-only by the workers.
        int stride = kernels.rowStride(neurons);
        float[] padded = pad(weights, inputs, neurons, stride, workspace.shared("forward.weights", inputs * stride), workers);
        float[] paddedRecurrent = recurrent == null ? null
            : pad(recurrent, neurons, neurons, stride, workspace.shared("forward.recurrent", neurons * stride), workers);
        int membraneSize = kernels.workspaceSize(neurons);
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] membrane = workspace.floats(chunk, "forward.membrane", membraneSize);
            // The walk lists into room for T·N entries, then each list is copied to its sample's exact size.
            int[] spikeUnits = workspace.ints(chunk, "forward.spike.units", capacity);
            int[] activeUnits = activeSet == null ? null : workspace.ints(chunk, "forward.active.units", capacity);
            float[] activeValues = activeSet == null ? null : workspace.floats(chunk, "forward.active.values", capacity);
            for (int b = from; b < to; b++) {
                kernels.integrate(new LifWalk(steps, neurons, stride, padded, paddedRecurrent, input.offsets(b),
                    input.unit(b), neuron.beta(), neuron.threshold(), band, spikeUnits, spikes.offsets(b), activeUnits,
                    activeValues, activeSet == null ? null : activeSet.offsets(b), membrane));
                store(spikeUnits, null, b, spikes);
                count(spikes, b, neurons, counts);
                if (activeSet != null) {
                    store(activeUnits, activeValues, b, activeSet);
                }
            }
        });
    }

    // The rows copied to a stride of whole vectors, padding zero, split over the workers (a copy of N_in rows each step).
    private static float[] pad(float[] rows, int count, int width, int stride, float[] padded, Workers workers) {
        workers.forEachChunk(count, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                System.arraycopy(rows, i * width, padded, i * stride, width);
                Arrays.fill(padded, i * stride + width, (i + 1) * stride, 0f);
            }
        });
        return padded;
    }

    // Copies a walk's list of sample b (its offsets already in the batch) to the batch at its exact size.
    private static void store(int[] units, float[] values, int b, EventBatch batch) {
        int entries = batch.offsets(b)[batch.steps()];
        batch.ensureCapacity(b, entries);
        System.arraycopy(units, 0, batch.unit(b), 0, entries);
        if (values != null) {
            System.arraycopy(values, 0, batch.value(b), 0, entries);
        }
        batch.setFilled(b, entries);
    }

    // Each neuron's spikes in sample b.
    private static void count(EventBatch spikes, int b, int neurons, int[] counts) {
        int base = b * neurons;
        Arrays.fill(counts, base, base + neurons, 0);
        int[] units = spikes.unit(b);
        for (int e = 0, n = spikes.count(b); e < n; e++) {
            counts[base + units[e]]++;
        }
    }

    private static void checkOutput(EventBatch out, int steps, int neurons, String what) {
        if (out.steps() != steps || out.units() != neurons) {
            throw new IllegalArgumentException(what + " is " + out.steps() + " steps × " + out.units()
                + " units, expected " + steps + " × " + neurons);
        }
    }
}
