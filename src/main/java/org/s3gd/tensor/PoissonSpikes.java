package org.s3gd.tensor;

import java.util.SplittableRandom;

/** Random spike trains for workloads and tests: each unit fires at each step with a fixed probability. */
public final class PoissonSpikes {
    private PoissonSpikes() {
    }

    /**
     * A batch where every (sample, step, unit) spikes with probability {@code rate}; with
     * {@code withValues} each entry carries the value 1.
     */
    public static EventBatch sample(int batch, int steps, int units, double rate, boolean withValues,
                                    SplittableRandom random) {
        EventBatch events = new EventBatch(batch, steps, units, withValues);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < units; i++) {
                    if (random.nextDouble() < rate) {
                        if (withValues) {
                            events.add(b, i, 1f);
                        } else {
                            events.add(b, i);
                        }
                    }
                }
                events.endStep(b, t);
            }
        }
        return events;
    }
}
