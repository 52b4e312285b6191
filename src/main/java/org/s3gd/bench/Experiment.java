package org.s3gd.bench;

/** The experiments of {@code s3gd bench}, each mirroring a figure of the paper. */
public enum Experiment {
    /** Fig. 4A/B: forward and backward time of the second hidden layer on the three data sets. */
    LAYERS("layers"),
    /** Fig. 4C: speedups and memory as the hidden layers widen from 100 to 1000 neurons. */
    HIDDEN("hidden"),
    /** Fig. 5: activity, backward speedup and memory as b_th goes from 0.8 to 0.999. */
    THRESHOLD("threshold"),
    /** Fig. 3A, Table 2: active % per hidden layer at every batch of a training run. */
    TRAINING("training"),
    /** ALGORITHM.md §7: a recurrent layer at SHD's shape beside the feed-forward one, dense vs sparse. */
    RECURRENT("recurrent"),
    /** A whole training step against PyTorch's, with its floor and the peak memory of each side. */
    PEER("peer"),
    /** Fig. 3B: ∇W and ∂L/∂s of one batch, dense beside sparse, with the entries the sparse method never computes. */
    GRADIENTS("gradients"),
    /** ALGORITHM.md §8: a convolutional layer on F-MNIST and on N-MNIST images, dense vs sparse. */
    CONV("conv");

    private final String id;

    Experiment(String id) {
        this.id = id;
    }

    /** The name on the command line and of the experiment's CSV file. */
    public String id() {
        return id;
    }
}
