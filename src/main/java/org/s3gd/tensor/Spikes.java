package org.s3gd.tensor;

/**
 * The spikes one layer hands the next for a batch: either as events (what the sparse method
 * produces and consumes) or as a dense 0/1 history {@code [B][T][N]} (the dense method's). A
 * consumer that needs the other form converts with {@link SpikeConversions}, into a buffer it owns.
 */
public sealed interface Spikes permits Spikes.Events, Spikes.Dense {
    int batch();

    int steps();

    int units();

    /** Spikes as events, one compressed row per step and sample. */
    record Events(EventBatch events) implements Spikes {
        @Override
        public int batch() {
            return events.batchSize();
        }

        @Override
        public int steps() {
            return events.steps();
        }

        @Override
        public int units() {
            return events.units();
        }
    }

    /** Spikes as a dense 0/1 history {@code values[(b·T + t)·N + j]}; the array may be longer than B·T·N. */
    record Dense(float[] values, int batch, int steps, int units) implements Spikes {
        public Dense {
            if ((long) batch * steps * units > values.length) {
                throw new IllegalArgumentException("a dense history of " + batch + "×" + steps + "×" + units
                    + " needs more than the " + values.length + " values given");
            }
        }
    }
}
