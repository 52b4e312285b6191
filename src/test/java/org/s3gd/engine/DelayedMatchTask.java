package org.s3gd.engine;

import java.util.SplittableRandom;
import org.s3gd.tensor.EventBatch;

/**
 * A task where memory matters: delayed match-to-sample. Two cues, each one of two spike patterns,
 * are shown {@code delay} steps apart; the class says whether the second matches the first
 * (an exclusive-or over time). A network without memory longer than its membranes' τ sees each
 * cue alone, and with a sum-over-time readout its logits are a sum of what each cue alone makes
 * them, which cannot express "same" against "different": it stays at chance (50 %).
 *
 * <p>Inputs: two groups of {@code group} units (pattern A, pattern B) fire at rate 0.5 during a
 * cue of {@code cue} steps; every unit fires at a low noise rate throughout.
 */
final class DelayedMatchTask {
    final int group;
    final int inputs;
    final int cue;
    final int delay;
    final int steps;
    private final double noise;
    private final SplittableRandom random;

    DelayedMatchTask(int group, int cue, int delay, double noise, long seed) {
        this.group = group;
        this.inputs = 2 * group;
        this.cue = cue;
        this.delay = delay;
        this.steps = 2 * cue + delay + 10;
        this.noise = noise;
        this.random = new SplittableRandom(seed);
    }

    /** Fills {@code batch} with fresh samples and their labels (1: the cues match). */
    void fill(EventBatch batch, int[] labels) {
        for (int b = 0; b < batch.batchSize(); b++) {
            int first = random.nextInt(2);
            int second = random.nextInt(2);
            labels[b] = first == second ? 1 : 0;
            batch.clear(b);
            for (int t = 0; t < steps; t++) {
                int shown = t < cue ? first : t >= cue + delay && t < 2 * cue + delay ? second : -1;
                for (int i = 0; i < inputs; i++) {
                    boolean cued = shown >= 0 && i / group == shown && random.nextDouble() < 0.5;
                    if (cued || random.nextDouble() < noise) {
                        batch.add(b, i);
                    }
                }
                batch.endStep(b, t);
            }
        }
    }
}
