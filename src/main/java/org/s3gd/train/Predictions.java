package org.s3gd.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.s3gd.data.Batches;
import org.s3gd.data.SpikeDataset;
import org.s3gd.data.UnlabelledInput;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * A model's predictions for samples without labels: per sample its name, the predicted class (the
 * largest logit, the first of equal ones) and the class probabilities, {@code softmax} of the
 * logits (ALGORITHM.md §1: the logits are the max or sum over time of the readout traces).
 *
 * @param samples       one name per sample
 * @param classes       the predicted class of each sample
 * @param probabilities per sample, the probability of each class
 */
public record Predictions(List<String> samples, int[] classes, double[][] probabilities) {
    public Predictions {
        samples = List.copyOf(samples);
        if (classes.length != samples.size() || probabilities.length != samples.size()) {
            throw new IllegalArgumentException(samples.size() + " samples, " + classes.length + " classes, "
                + probabilities.length + " probability rows");
        }
    }

    /** Predicts every sample of {@code input} in batches of {@code batchSize}. */
    public static Predictions of(TrainedModel model, UnlabelledInput input, int batchSize, Workers workers) {
        SpikeDataset samples = input.samples();
        var network = model.networkConfig();
        var shape = model.config().dataset().shape(samples.inputs());
        if (!network.takes(shape)) {
            throw new IllegalArgumentException("the data have " + (shape.spatial() ? shape + " inputs" : shape + " input units")
                + ", the model " + network.inputShape() + " (" + network.describe() + ")");
        }
        NetworkRunner runner = new NetworkRunner(model.network(), samples.steps(), workers);
        Batches batches = Batches.inOrder(samples, batchSize);
        EventBatch batch = batches.newEventBatch();
        int[] labels = new int[batchSize];
        int[] classes = new int[samples.size()];
        double[][] probabilities = new double[samples.size()][];
        for (int k = 0; k < batches.count(); k++) {
            int n = batches.fill(k, batch, labels, workers);
            Predictions part = of(runner, batch);
            System.arraycopy(part.classes, 0, classes, k * batchSize, n);
            System.arraycopy(part.probabilities, 0, probabilities, k * batchSize, n);
        }
        return new Predictions(input.names(), classes, probabilities);
    }

    /** The predictions for one batch, its samples named by their index in it. */
    static Predictions of(NetworkRunner runner, EventBatch batch) {
        float[] logits = runner.infer(batch);
        int outputs = runner.network().config().outputs();
        int n = batch.batchSize();
        int[] classes = java.util.Arrays.copyOf(runner.predictions(), n);
        double[][] probabilities = new double[n][outputs];
        List<String> names = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < outputs; o++) {
                max = Math.max(max, logits[b * outputs + o]);
            }
            double sum = 0;
            for (int o = 0; o < outputs; o++) {
                probabilities[b][o] = Math.exp(logits[b * outputs + o] - max);
                sum += probabilities[b][o];
            }
            for (int o = 0; o < outputs; o++) {
                probabilities[b][o] /= sum;
            }
            names.add(Integer.toString(b));
        }
        return new Predictions(names, classes, probabilities);
    }

    /** {@code sample,predicted,p_0,…,p_{K−1}} with a header row, one row per sample. */
    public String csv() {
        StringBuilder out = new StringBuilder("sample,predicted");
        int outputs = probabilities.length == 0 ? 0 : probabilities[0].length;
        for (int o = 0; o < outputs; o++) {
            out.append(",p_").append(o);
        }
        out.append('\n');
        for (int i = 0; i < classes.length; i++) {
            String name = samples.get(i);
            out.append(name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name)
                .append(',').append(classes[i]);
            for (double p : probabilities[i]) {
                out.append(',').append(String.format(Locale.ROOT, "%.6g", p));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
