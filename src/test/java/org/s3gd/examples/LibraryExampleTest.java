package org.s3gd.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3gd.data.DataLocator;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;
import org.s3gd.model.BackwardMethod;
import org.s3gd.parallel.Workers;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.DatasetFingerprint;
import org.s3gd.train.EpochSummary;
import org.s3gd.train.Evaluation;
import org.s3gd.train.Provenance;
import org.s3gd.train.TrainedModel;
import org.s3gd.train.Trainer;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.TrainingListener;

/** The library example of docs/CLI.md, kept compiling and working. */
class LibraryExampleTest {
    @Test
    void theDocumentedLibraryExampleTrainsAndEvaluates() {
        // --- example: begins
        TrainingConfig config = TrainingConfig.preset(DatasetId.SYNTHETIC)   // or FASHION_MNIST, NMNIST, SHD
            .withHidden(List.of(64))
            .withMethod(BackwardMethod.SPARSE)
            .withEpochs(3)
            .withThreads(2);
        try (Workers workers = new Workers(config.threads())) {
            DatasetSplit data = Datasets.load(config.dataset(), DataLocator.standard(null, null),
                config.datasetOptions(), workers);
            Provenance provenance = Provenance.now(data.train().name(), DatasetFingerprint.of(data));
            TrainedModel model = new Trainer(config, data, provenance).train(new TrainingListener() {
                @Override
                public void epochDone(EpochSummary epoch, Checkpoint checkpoint) {
                    System.out.printf("epoch %d: test accuracy %.1f%%%n", epoch.epoch() + 1, 100 * epoch.testAccuracy());
                }
            });
            Evaluation test = Evaluation.of(model, data.test(), 256, workers);
            System.out.print(test.confusion().format());
            // --- example: ends
            assertThat(test.accuracy()).isEqualTo(model.testAccuracy()).isGreaterThan(0.2);
        }
    }
}
