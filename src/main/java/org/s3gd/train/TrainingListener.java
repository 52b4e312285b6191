package org.s3gd.train;

/**
 * Receives a run's events as they happen, on the training thread. A listener that throws stops the
 * run (the exception reaches the caller of {@link Trainer}); what the last checkpoint holds is
 * then where a resumed run starts.
 */
public interface TrainingListener {
    /** Before the first batch; {@code firstEpoch} is 0 unless the run resumes. */
    default void started(TrainingConfig config, Provenance provenance, int firstEpoch, int batchesPerEpoch) {
    }

    default void batchDone(BatchProgress progress) {
    }

    /** After an epoch and its test evaluation; {@code checkpoint} is the state to save. */
    default void epochDone(EpochSummary summary, Checkpoint checkpoint) {
    }

    /** Several listeners as one, called in order. */
    static TrainingListener all(TrainingListener... listeners) {
        return new TrainingListener() {
            @Override
            public void started(TrainingConfig config, Provenance provenance, int firstEpoch, int batchesPerEpoch) {
                for (TrainingListener l : listeners) {
                    l.started(config, provenance, firstEpoch, batchesPerEpoch);
                }
            }

            @Override
            public void batchDone(BatchProgress progress) {
                for (TrainingListener l : listeners) {
                    l.batchDone(progress);
                }
            }

            @Override
            public void epochDone(EpochSummary summary, Checkpoint checkpoint) {
                for (TrainingListener l : listeners) {
                    l.epochDone(summary, checkpoint);
                }
            }
        };
    }
}
