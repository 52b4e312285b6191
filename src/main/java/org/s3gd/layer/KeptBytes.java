package org.s3gd.layer;

import org.s3gd.tensor.EventBatch;

/**
 * What a layer's backward pass keeps from its forward pass, in bytes: the one formula that the
 * runner, the benchmarks and the memory estimate all use (ALGORITHM.md §4, "memory saved").
 *
 * <ul>
 *   <li>Sparse method: the input spikes as events, the active set (a unit and a membrane value per
 *       entry), and for a recurrent layer its own spikes as events (the trace ∇V needs).</li>
 *   <li>Dense method: the dense input history {@code B·T·N_in} and the membrane history
 *       {@code B·T·N}, and for a recurrent layer its spike history {@code B·T·N} (for ∇V).</li>
 * </ul>
 */
public final class KeptBytes {
    private KeptBytes() {
    }

    /** The sparse method's bytes for these entry counts. */
    public static long sparse(long inputSpikes, long activeEntries, long ownSpikes, boolean recurrent, int batch, int steps) {
        return EventBatch.bytes(inputSpikes, false, batch, steps) + EventBatch.bytes(activeEntries, true, batch, steps)
            + (recurrent ? EventBatch.bytes(ownSpikes, false, batch, steps) : 0);
    }

    /** The dense method's bytes. */
    public static long dense(int batch, int steps, int inputs, int neurons, boolean recurrent) {
        long rows = (long) batch * steps;
        return rows * (inputs + (recurrent ? 2L : 1L) * neurons) * Float.BYTES;
    }
}
