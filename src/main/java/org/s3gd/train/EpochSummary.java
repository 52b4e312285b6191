package org.s3gd.train;

/**
 * One epoch done, with the validation part of the training set and the test set evaluated.
 *
 * @param epoch                0-based epoch
 * @param epochs               total epochs of the run
 * @param loss                 mean training loss (cross-entropy plus regularisers)
 * @param trainAccuracy        accuracy on the training batches as they were trained
 * @param validationLoss       mean cross-entropy on the validation set (NaN when the run holds none out)
 * @param validationAccuracy   validation accuracy (NaN when the run holds none out)
 * @param testLoss             mean cross-entropy on the test set
 * @param testAccuracy         test accuracy
 * @param activity             per hidden layer: mean fraction of active entries (ALGORITHM.md §4)
 * @param forwardMillis        mean forward time per batch
 * @param backwardMillis       mean backward time per batch
 * @param trainSeconds         wall time of the training part of the epoch
 * @param samplesPerSecond     training samples per second
 */
public record EpochSummary(int epoch, int epochs, double loss, double trainAccuracy, double validationLoss,
                           double validationAccuracy, double testLoss, double testAccuracy,
                           double[] activity, double forwardMillis, double backwardMillis, double trainSeconds,
                           double samplesPerSecond) {
}
