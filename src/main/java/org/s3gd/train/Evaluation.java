package org.s3gd.train;

import org.s3gd.data.Batches;
import org.s3gd.data.SpikeDataset;
import org.s3gd.engine.BatchStats;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * A network's accuracy, loss and confusion matrix on a data set, forward passes only.
 *
 * @param dataset   name of the data set evaluated
 * @param loss      mean cross-entropy
 * @param confusion counts of (label, prediction)
 * @param predictions the predicted class of each sample, in the data set's order
 */
public record Evaluation(String dataset, double loss, ConfusionMatrix confusion, int[] predictions) {
    public double accuracy() {
        return confusion.accuracy();
    }

    public long samples() {
        return confusion.total();
    }

    /** Evaluates a network on {@code dataset} (a model imported from NIR, say). */
    public static Evaluation of(SpikingNetwork network, SpikeDataset dataset, int batchSize, Workers workers) {
        return of(new NetworkRunner(network, dataset.steps(), workers), dataset, batchSize);
    }

    /** Evaluates a trained model on {@code dataset}. */
    public static Evaluation of(TrainedModel model, SpikeDataset dataset, int batchSize, Workers workers) {
        SpikingNetwork network = model.network();
        return of(new NetworkRunner(network, dataset.steps(), workers), dataset, batchSize);
    }

    /** Evaluates the network of {@code runner} on {@code dataset} in batches of {@code batchSize}. */
    public static Evaluation of(NetworkRunner runner, SpikeDataset dataset, int batchSize) {
        if (dataset.inputs() != runner.network().config().inputs() || dataset.classes() != runner.network().config().outputs()) {
            throw new IllegalArgumentException(dataset.name() + " has " + dataset.inputs() + " inputs and " + dataset.classes()
                + " classes, the network " + runner.network().config().inputs() + " and " + runner.network().config().outputs());
        }
        Batches batches = Batches.inOrder(dataset, batchSize);
        EventBatch input = batches.newEventBatch();
        int[] labels = new int[batchSize];
        ConfusionMatrix confusion = new ConfusionMatrix(dataset.classes());
        double lossSum = 0;
        int[] predicted = new int[dataset.size()];
        for (int k = 0; k < batches.count(); k++) {
            int n = batches.fill(k, input, labels, runner.workers());
            BatchStats stats = runner.forward(input, labels, false);
            lossSum += stats.crossEntropy() * n;
            int[] predictions = runner.predictions();
            for (int b = 0; b < n; b++) {
                confusion.add(labels[b], predictions[b]);
                predicted[k * batchSize + b] = predictions[b];
            }
        }
        return new Evaluation(dataset.name(), dataset.size() == 0 ? 0 : lossSum / dataset.size(), confusion, predicted);
    }
}
