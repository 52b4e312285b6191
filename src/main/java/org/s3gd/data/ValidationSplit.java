package org.s3gd.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A training set cut in two: the part that is trained on and a validation part held out to choose
 * on (the best epoch), so that the test set is never used for a choice. Which samples are held out
 * is drawn from a seed alone: the same seed gives the same parts, whatever the thread count.
 *
 * @param train      the samples trained on
 * @param validation the samples held out, or null when none are
 */
public record ValidationSplit(SpikeDataset train, SpikeDataset validation) {
    /**
     * Holds out {@code round(fraction · size)} samples of {@code source} (at least one when the
     * fraction is positive), chosen by a permutation drawn from {@code seed}; both parts keep the
     * data set's order.
     *
     * @throws IllegalArgumentException if the fraction is outside [0, 1) or leaves nothing to train on
     */
    public static ValidationSplit of(SpikeDataset source, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + fraction);
        }
        int size = source.size();
        if (fraction == 0) {
            return new ValidationSplit(source, null);
        }
        int held = (int) Math.max(1, Math.round(fraction * size));
        if (held >= size) {
            throw new IllegalArgumentException("a validation fraction of " + fraction + " of " + size
                + " training samples leaves none to train on");
        }
        int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] validation = Arrays.copyOfRange(order, 0, held);
        int[] train = Arrays.copyOfRange(order, held, size);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new ValidationSplit(SubsetDataset.of(source, train), SubsetDataset.of(source, validation));
    }

    /** Whether a part is held out. */
    public boolean hasValidation() {
        return validation != null;
    }
}
