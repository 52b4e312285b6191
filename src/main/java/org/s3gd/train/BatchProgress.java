package org.s3gd.train;

import org.s3gd.engine.BatchStats;

/**
 * One training batch done.
 *
 * @param epoch            0-based epoch
 * @param batch            0-based batch within the epoch
 * @param batches          batches in the epoch
 * @param stats            what the forward pass measured
 * @param forwardNanos     forward time of the batch (hidden layers, readout, the loss with its regulariser)
 * @param backwardNanos    backward time of the batch (readout and hidden layers)
 * @param backwardNanosPerLayer backward time of each hidden layer
 * @param runningLoss      mean loss over the epoch's batches so far, weighted by samples
 * @param runningAccuracy  training accuracy over the epoch so far
 * @param samplesPerSecond samples trained per second of wall time in this epoch so far
 */
public record BatchProgress(int epoch, int batch, int batches, BatchStats stats, long forwardNanos, long backwardNanos,
                            long[] backwardNanosPerLayer, double runningLoss, double runningAccuracy,
                            double samplesPerSecond) {
}
