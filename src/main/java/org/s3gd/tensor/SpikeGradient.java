package org.s3gd.tensor;

/**
 * Where the gradient {@code ∂L/∂s} of a layer's spikes goes, in the form that layer's backward
 * reads: only at the entries of its active set (the sparse method never needs the rest,
 * ALGORITHM.md §3), or everywhere as a dense {@code [B][T][N]} history. The layer above writes it
 * (assigning, not adding); {@link SpikeConversions} converts between the forms.
 */
public sealed interface SpikeGradient permits SpikeGradient.AtEntries, SpikeGradient.Dense {
    int batch();

    int steps();

    int units();

    /** {@code values[b][e]} is the gradient at entry e of sample b of {@code entries}. */
    record AtEntries(EventBatch entries, float[][] values) implements SpikeGradient {
        public AtEntries {
            if (values.length < entries.batchSize()) {
                throw new IllegalArgumentException("gradient values for " + values.length + " samples, the entries have "
                    + entries.batchSize());
            }
            for (int b = 0; b < entries.batchSize(); b++) {
                if (values[b] == null || values[b].length < entries.count(b)) {
                    throw new IllegalArgumentException("gradient values of sample " + b + " are shorter than its "
                        + entries.count(b) + " entries");
                }
            }
        }

        @Override
        public int batch() {
            return entries.batchSize();
        }

        @Override
        public int steps() {
            return entries.steps();
        }

        @Override
        public int units() {
            return entries.units();
        }
    }

    /** {@code values[(b·T + t)·N + j]}; the array may be longer than B·T·N. */
    record Dense(float[] values, int batch, int steps, int units) implements SpikeGradient {
        public Dense {
            if ((long) batch * steps * units > values.length) {
                throw new IllegalArgumentException("a dense gradient of " + batch + "×" + steps + "×" + units
                    + " needs more than the " + values.length + " values given");
            }
        }
    }
}
