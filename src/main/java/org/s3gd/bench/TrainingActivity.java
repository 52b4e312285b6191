package org.s3gd.bench;

import java.util.ArrayList;
import java.util.List;
import org.s3gd.data.DataLocator;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;
import org.s3gd.parallel.Workers;
import org.s3gd.train.BatchProgress;
import org.s3gd.train.EpochSummary;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.Provenance;
import org.s3gd.train.Trainer;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.TrainingListener;

/**
 * Activity during training (the paper's Fig. 3A and Table 2): a network trained with the sparse
 * method, its active percentage per hidden layer recorded at every batch.
 *
 * @param dataset      the data set trained on
 * @param source       in words, which samples were used
 * @param config       the training configuration
 * @param activePercent per batch, per hidden layer: 100 · active / (B·T·N)
 * @param spikePercent  per batch, per hidden layer: 100 · spikes / (B·T·N)
 * @param testAccuracy after the last epoch
 */
public record TrainingActivity(DatasetId dataset, String source, TrainingConfig config, List<double[]> activePercent,
                               List<double[]> spikePercent, double testAccuracy) {
    /** Mean over the batches of layer {@code l}'s active percentage. */
    public double meanActivePercent(int l) {
        return activePercent.stream().mapToDouble(a -> a[l]).average().orElse(Double.NaN);
    }

    public int layers() {
        return config.hidden().size();
    }

    /**
     * Trains {@code dataset} (the paper's preset, {@code hidden} widths, sparse method) on at most
     * {@code maxBatches} batches: the training split is cut to that many batches' samples, spread
     * over as many epochs as it takes, and the test split to 1,000 samples.
     */
    public static TrainingActivity run(DatasetId dataset, DataLocator locator, List<Integer> hidden, Integer batchSize,
                                       int maxBatches, float backpropThreshold, int threads, long seed) {
        TrainingConfig config = TrainingConfig.preset(dataset).withHidden(hidden).withThreads(threads).withSeed(seed)
            .withBackpropThreshold(backpropThreshold);
        if (batchSize != null) {
            config = config.withBatchSize(batchSize);
        }
        DatasetSplit full;
        try (Workers workers = new Workers(threads)) {
            full = Datasets.load(dataset, locator, config.datasetOptions(), workers);
        }
        int batch = config.batchSize();
        int perEpoch = Math.max(1, Math.min(maxBatches, full.train().size() / batch));
        int epochs = Math.max(1, (maxBatches + perEpoch - 1) / perEpoch);
        DatasetSplit data = new DatasetSplit(new FirstSamples(full.train(), perEpoch * batch),
            new FirstSamples(full.test(), 1000));
        config = config.withEpochs(epochs);
        List<double[]> active = new ArrayList<>();
        List<double[]> spikes = new ArrayList<>();
        double[] accuracy = {Double.NaN};
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void batchDone(BatchProgress progress) {
                active.add(percent(progress.stats().activity()));
                spikes.add(percent(progress.stats().spikeRate()));
            }

            @Override
            public void epochDone(EpochSummary summary, Checkpoint checkpoint) {
                accuracy[0] = summary.testAccuracy();
            }
        };
        new Trainer(config, data, Provenance.now(full.train().name(), "not computed")).train(recorder);
        String source = String.format(java.util.Locale.ROOT, "%s: %d training samples × %d epochs (%d batches of %d), "
                + "test on %d samples", dataset == DatasetId.SYNTHETIC ? "synthetic random-manifold task" : "real "
                + dataset.folder(), data.train().size(), epochs, active.size(), batch, data.test().size());
        return new TrainingActivity(dataset, source, config, List.copyOf(active), List.copyOf(spikes), accuracy[0]);
    }

    private static double[] percent(double[] fractions) {
        double[] p = new double[fractions.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 100 * fractions[i];
        }
        return p;
    }
}
