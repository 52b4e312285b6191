package org.s3gd.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3gd.data.DataLocator;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;
import java.util.SplittableRandom;
import org.s3gd.engine.BatchStats;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LifParameters;
import org.s3gd.model.LinearLif;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.Readout;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.optim.Adam;
import org.s3gd.optim.AdamParameters;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.PoissonSpikes;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.DatasetFingerprint;
import org.s3gd.train.EpochSummary;
import org.s3gd.train.Evaluation;
import org.s3gd.train.Provenance;
import org.s3gd.train.TrainedModel;
import org.s3gd.train.Trainer;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.TrainingListener;

/** The library examples of the README, kept compiling and working. */
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

    @Test
    void theDocumentedLayerStackRunsBatchByBatch() {
        long seed = 1;
        int steps = 50;
        EventBatch spikes = PoissonSpikes.sample(8, steps, 700, 0.02, false, new SplittableRandom(2));
        int[] labels = {0, 3, 5, 7, 11, 13, 17, 19};
        try (Workers workers = new Workers(2)) {
            // --- example: begins
            LifParameters neuron = LifParameters.of(1, 10);                       // Δt = 1 ms, τ_mem = 10 ms
            NetworkConfig config = new NetworkConfig(700, List.of(
                    new RecurrentLif(256, neuron, BackwardMethod.SPARSE),
                    new LinearLif(200, neuron, BackwardMethod.DENSE),
                    new Readout(20, LifParameters.decay(2, 20), ReadoutMode.SUM)),
                NetworkConfig.DEFAULT_BACKPROP_THRESHOLD, RegularizerParameters.paper(10f));
            SpikingNetwork network = SpikingNetwork.initialize(config, Initializer.UNIFORM, seed);   // W1, V1, W2, Wout
            NetworkRunner runner = new NetworkRunner(network, steps, workers);    // Backends.standard(), or pass a Backend
            Adam adam = new Adam(network.parameters(), AdamParameters.withLearningRate(1e-3));
            BatchStats stats = runner.forward(spikes, labels, true);   // spikes: an EventBatch
            runner.backward();                                         // fills every Parameter's gradient
            adam.step();
            // --- example: ends
            assertThat(network.parameters()).extracting(Parameter::name).containsExactly("W1", "V1", "W2", "Wout");
            assertThat(stats.loss()).isPositive().isFinite();
        }
    }
}
