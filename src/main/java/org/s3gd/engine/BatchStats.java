package org.s3gd.engine;

/**
 * What one forward pass measured.
 *
 * @param batchSize      samples in the batch
 * @param loss           cross-entropy plus regularisers, mean over the batch
 * @param crossEntropy   the cross-entropy part
 * @param correct        samples whose arg-max logit is the label
 * @param activity       per hidden layer: active entries / (B·T·N) (ALGORITHM.md §4)
 * @param spikeRate      per hidden layer: spikes / (B·T·N)
 * @param forwardNanos   per hidden layer (then the readout as the last entry): wall time of the forward pass
 */
public record BatchStats(int batchSize, double loss, double crossEntropy, int correct, double[] activity,
                         double[] spikeRate, long[] forwardNanos) {
    public double accuracy() {
        return batchSize == 0 ? 0 : (double) correct / batchSize;
    }
}
