package org.s3gd.bench;

import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.s3gd.data.Batches;
import org.s3gd.data.DataLocator;
import org.s3gd.data.DatasetOptions;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * One batch of a data set's input spikes, from its files when they are found, else a synthetic
 * stand-in with the data set's statistics; {@link #source()} says which, for every report.
 *
 * @param real   whether the spikes come from the data set's files
 * @param source in words: the folder read, or the statistics drawn from
 */
public record InputBatch(BenchDataset dataset, EventBatch spikes, boolean real, String source) {
    /** Spikes / (B·T·N_in). */
    public double rate() {
        return spikes.totalCount() / ((double) spikes.batchSize() * spikes.steps() * spikes.units());
    }

    /**
     * The first {@code batch} training samples in a seeded shuffled order, read with the paper's
     * encoding; with {@code locator} null or the files absent, Poisson spikes at the data set's rate.
     */
    public static InputBatch of(BenchDataset dataset, int batch, DataLocator locator, Workers workers, long seed) {
        Optional<DataLocator.Candidate> found = locator == null ? Optional.empty() : locator.find(dataset.id());
        if (found.isPresent()) {
            DatasetSplit data = Datasets.load(dataset.id(), locator, DatasetOptions.paper(dataset.id()), workers);
            if (data.train().size() >= batch) {
                Batches batches = Batches.shuffled(data.train(), batch, seed);
                EventBatch spikes = batches.newEventBatch();
                batches.fill(0, spikes, new int[batch]);
                return new InputBatch(dataset, spikes, true, String.format(Locale.ROOT, "real: %d of the %d training samples in %s",
                    batch, data.train().size(), found.get().directory()));
            }
        }
        EventBatch spikes = new EventBatch(batch, dataset.steps(), dataset.inputs(), false);
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < dataset.steps(); t++) {
                for (int i = 0; i < dataset.inputs(); i++) {
                    if (random.nextDouble() < dataset.syntheticRate()) {
                        spikes.add(b, i);
                    }
                }
                spikes.endStep(b, t);
            }
        }
        return new InputBatch(dataset, spikes, false, String.format(Locale.ROOT,
            "synthetic: %s files not found; Poisson input, %d units × %d steps at %.1f %% (%s)", dataset.label(),
            dataset.inputs(), dataset.steps(), 100 * dataset.syntheticRate(), dataset.rateOrigin()));
    }
}
