package org.s3gd.tensor;

import java.util.Arrays;
import org.s3gd.parallel.Workers;

/** Conversions between event batches and dense {@code [B][T][N]} 0/1 tensors. */
public final class SpikeConversions {
    private SpikeConversions() {
    }

    /** Writes the spikes of {@code events} as 0/1 into {@code dense[B][T][units]}, zeroing the rest. */
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
                        dense[base + t * units + unit[e]] = 1f;
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
