package org.s3gd.tensor;

import java.util.Arrays;
import org.s3gd.parallel.Workers;

/**
 * Every conversion between the forms in which spikes and their gradients pass between layers
 * ({@link Spikes}, {@link SpikeGradient}): events and dense {@code [B][T][N]} histories.
 */
public final class SpikeConversions {
    private SpikeConversions() {
    }

    /** {@code spikes} as events: themselves, or converted into {@code buffer}. */
    public static EventBatch events(Spikes spikes, EventBatch buffer, Workers workers) {
        return switch (spikes) {
            case Spikes.Events e -> e.events();
            case Spikes.Dense d -> {
                requireShape(buffer.steps(), buffer.units(), d.steps(), d.units(), "event buffer");
                fromDense(d.values(), d.batch(), buffer, workers);
                yield buffer;
            }
        };
    }

    /**
     * {@code spikes} as a dense history: their own array, or {@code buffer} filled with them. The
     * buffer must hold B·T·N floats; its caller sizes it.
     */
    public static float[] dense(Spikes spikes, float[] buffer, Workers workers) {
        return switch (spikes) {
            case Spikes.Dense d -> d.values();
            case Spikes.Events e -> {
                toDense(e.events(), buffer, workers);
                yield buffer;
            }
        };
    }

    /**
     * Writes a dense gradient {@code [B][T][N]} into {@code target}: copied where it is dense, read
     * at its entries where it is kept at an active set.
     */
    public static void write(float[] dense, SpikeGradient target, Workers workers) {
        switch (target) {
            case SpikeGradient.Dense d -> System.arraycopy(dense, 0, d.values(), 0, d.batch() * d.steps() * d.units());
            case SpikeGradient.AtEntries a -> gather(dense, a.entries(), a.values(), workers);
        }
    }

    /**
     * Per-sample gradient arrays long enough for the entries of {@code set}: {@code values} itself
     * when it is, else grown (by half again, so a training loop soon stops allocating).
     */
    public static float[][] sizedFor(EventBatch set, float[][] values) {
        int batch = set.batchSize();
        float[][] sized = values.length < batch ? Arrays.copyOf(values, batch) : values;
        for (int b = 0; b < batch; b++) {
            int need = set.count(b);
            if (sized[b] == null || sized[b].length < need) {
                sized[b] = new float[Math.max(need, 16) + (need >> 1)];
            }
        }
        return sized;
    }

    /** Adds {@code perNeuron[b·N + j]} to the gradient of every step of neuron j in sample b, where it is kept. */
    public static void addPerNeuron(SpikeGradient gradient, float[] perNeuron, Workers workers) {
        int neurons = gradient.units();
        int steps = gradient.steps();
        workers.forEachChunk(gradient.batch(), (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                int neuronOffset = b * neurons;
                switch (gradient) {
                    case SpikeGradient.AtEntries a -> {
                        int[] units = a.entries().unit(b);
                        float[] g = a.values()[b];
                        for (int e = 0, n = a.entries().count(b); e < n; e++) {
                            g[e] += perNeuron[neuronOffset + units[e]];
                        }
                    }
                    case SpikeGradient.Dense d -> {
                        float[] g = d.values();
                        int base = b * steps * neurons;
                        for (int t = 0; t < steps; t++) {
                            for (int j = 0; j < neurons; j++) {
                                g[base + t * neurons + j] += perNeuron[neuronOffset + j];
                            }
                        }
                    }
                }
            }
        });
    }

    /** A dense copy {@code [B][T][N]} of {@code gradient}; entries outside an active set are 0. */
    public static float[] denseCopy(SpikeGradient gradient, Workers workers) {
        float[] copy = new float[gradient.batch() * gradient.steps() * gradient.units()];
        switch (gradient) {
            case SpikeGradient.Dense d -> System.arraycopy(d.values(), 0, copy, 0, copy.length);
            case SpikeGradient.AtEntries a -> scatter(a.entries(), a.values(), copy, workers);
        }
        return copy;
    }

    private static void requireShape(int steps, int units, int expectedSteps, int expectedUnits, String what) {
        if (steps != expectedSteps || units != expectedUnits) {
            throw new IllegalArgumentException(what + " is " + steps + " steps × " + units + " units, the spikes "
                + expectedSteps + " × " + expectedUnits);
        }
    }

    /** Writes the spikes of {@code events} as spike counts (0/1 unless a unit repeats in a step) into {@code dense[B][T][units]}, zeroing the rest. */
    public static void toDense(EventBatch events, float[] dense, Workers workers) {
        int steps = events.steps();
        int units = events.units();
        long size = (long) events.batchSize() * steps * units;
        if (dense.length < size) {
            throw new IllegalArgumentException("dense buffer has " + dense.length + " entries, need " + size);
        }
        workers.forEachChunk(events.batchSize(), (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                int base = b * steps * units;
                Arrays.fill(dense, base, base + steps * units, 0f);
                int[] offsets = events.offsets(b);
                int[] unit = events.unit(b);
                for (int t = 0; t < steps; t++) {
                    for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                        dense[base + t * units + unit[e]] += 1f; // a unit listed twice in a step (sum-pooling) spiked twice
                    }
                }
            }
        });
    }

    /** Fills {@code events} (resized to {@code batch}) with the non-zero entries of {@code dense[B][T][units]}. */
    public static void fromDense(float[] dense, int batch, EventBatch events, Workers workers) {
        int steps = events.steps();
        int units = events.units();
        if (dense.length < (long) batch * steps * units) {
            throw new IllegalArgumentException("dense buffer has " + dense.length + " entries, need "
                + ((long) batch * steps * units));
        }
        events.resize(batch);
        workers.forEachChunk(batch, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                events.clear(b);
                int base = b * steps * units;
                for (int t = 0; t < steps; t++) {
                    for (int j = 0; j < units; j++) {
                        if (dense[base + t * units + j] != 0f) {
                            events.add(b, j);
                        }
                    }
                    events.endStep(b, t);
                }
            }
        });
    }

    /**
     * Reads {@code dense[B][T][units]} at the entries of {@code set}: {@code values[b][e]} gets the
     * dense value at entry e of sample b. The sizes of {@code values[b]} are the caller's.
     */
    public static void gather(float[] dense, EventBatch set, float[][] values, Workers workers) {
        int steps = set.steps();
        int units = set.units();
        workers.forEachChunk(set.batchSize(), (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                int[] offsets = set.offsets(b);
                int[] unit = set.unit(b);
                for (int t = 0; t < steps; t++) {
                    for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                        values[b][e] = dense[(b * steps + t) * units + unit[e]];
                    }
                }
            }
        });
    }

    /**
     * Writes {@code values[b][e]} at the entries of {@code set} into {@code dense[B][T][units]}, which
     * the caller has zeroed (other entries are left as they are).
     */
    public static void scatter(EventBatch set, float[][] values, float[] dense, Workers workers) {
        int steps = set.steps();
        int units = set.units();
        workers.forEachChunk(set.batchSize(), (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                int[] offsets = set.offsets(b);
                int[] unit = set.unit(b);
                for (int t = 0; t < steps; t++) {
                    for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                        dense[(b * steps + t) * units + unit[e]] = values[b][e];
                    }
                }
            }
        });
    }
}
