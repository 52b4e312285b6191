package org.s3gd.bench;

import java.util.List;

/**
 * Everything one {@code s3gd bench} run measured; lists of experiments that did not run are empty,
 * {@code training} is null then.
 *
 * @param layers    Fig. 4A/B: one row per data set
 * @param hidden    Fig. 4C: SHD shape, one row per hidden width
 * @param threshold Fig. 5: SHD shape, one row per b_th
 * @param training  Fig. 3A: activity per batch while training
 * @param recurrent ALGORITHM.md §7: the feed-forward and the recurrent layer at SHD's first-layer shape
 * @param peer      whole training steps against the PyTorch peer, with their floors
 * @param conv      ALGORITHM.md §8: a convolutional layer on F-MNIST and on N-MNIST images
 */
public record BenchResults(BenchConfig config, MachineInfo machine, List<LayerRow> layers, List<LayerRow> hidden,
                           List<LayerRow> threshold, TrainingActivity training, List<LayerRow> recurrent,
                           List<PeerRow> peer, List<ConvRow> conv, double seconds) {
}
