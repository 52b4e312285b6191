package org.s3gd.engine;

import java.util.SplittableRandom;
import org.s3gd.tensor.EventBatch;

/**
 * A small spike-timing classification task for engine tests: each class is a template in which
 * most input units fire once at a class-specific time; samples jitter the times, drop some spikes
 * and add noise spikes. Only timing tells classes apart (every class has the same spike count).
 */
final class SpikeTimingTask {
    final int classes;
    final int inputs;
    final int steps;
    private final int[][] templates;
    private final SplittableRandom random;

    SpikeTimingTask(int classes, int inputs, int steps, long seed) {
        this.classes = classes;
        this.inputs = inputs;
        this.steps = steps;
        this.random = new SplittableRandom(seed);
        this.templates = new int[classes][inputs];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < inputs; i++) {
                templates[c][i] = random.nextInt(steps - 10);
            }
        }
    }

    /** Fills {@code batch} with fresh samples and their labels. */
    void fill(EventBatch batch, int[] labels) {
        boolean[] fires = new boolean[steps * inputs];
        for (int b = 0; b < batch.batchSize(); b++) {
            int label = random.nextInt(classes);
            labels[b] = label;
            java.util.Arrays.fill(fires, false);
            for (int i = 0; i < inputs; i++) {
                if (random.nextDouble() < 0.9) {
                    int t = Math.clamp(templates[label][i] + random.nextInt(5) - 2, 0, steps - 1);
                    fires[t * inputs + i] = true;
                }
                if (random.nextDouble() < 0.1) {
                    fires[random.nextInt(steps) * inputs + i] = true;
                }
            }
            batch.clear(b);
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < inputs; i++) {
                    if (fires[t * inputs + i]) {
                        batch.add(b, i);
                    }
                }
                batch.endStep(b, t);
            }
        }
    }
}
