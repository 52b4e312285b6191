package org.s3gd.data;

/** The training and test parts of one data set, on the same grid and with the same classes. */
public record DatasetSplit(SpikeDataset train, SpikeDataset test) {
    public DatasetSplit {
        if (train.inputs() != test.inputs() || train.steps() != test.steps() || train.classes() != test.classes()) {
            throw new IllegalArgumentException("train and test differ: " + describe(train) + " vs " + describe(test));
        }
    }

    public int inputs() {
        return train.inputs();
    }

    public int steps() {
        return train.steps();
    }

    public int classes() {
        return train.classes();
    }

    private static String describe(SpikeDataset d) {
        return d.name() + " (" + d.inputs() + " inputs, " + d.steps() + " steps, " + d.classes() + " classes)";
    }
}
