package org.s3gd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.optim.Adam;
import org.s3gd.optim.AdamParameters;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

class SparseTrainingTest {
    private static NetworkConfig config(BackwardMethod method, float backpropThreshold) {
        return NetworkConfig.uniform(40, List.of(64), 4, method, LifParameters.of(1, 10), LifParameters.decay(1, 10),
            ReadoutMode.MAX, backpropThreshold, RegularizerParameters.paper(1f));
    }

    @Test
    void sparseMethodLearnsASpikeTimingTaskWellAboveChance() {
        SpikeTimingTask task = new SpikeTimingTask(4, 40, 60, 21);
        SpikingNetwork network = SpikingNetwork.initialize(config(BackwardMethod.SPARSE, 0.2f), Initializer.SCALED_NORMAL, 5);
        EventBatch batch = new EventBatch(32, task.steps, task.inputs, false);
        int[] labels = new int[32];
        try (Workers workers = new Workers(2)) {
            NetworkRunner runner = new NetworkRunner(network, task.steps, workers);
            Adam adam = new Adam(network.parameters(), AdamParameters.withLearningRate(3e-3));
            double firstLoss = Double.NaN;
            double activity = 0;
            for (int step = 0; step < 150; step++) {
                task.fill(batch, labels);
                BatchStats stats = runner.forward(batch, labels, true);
                if (step == 0) {
                    firstLoss = stats.loss();
                }
                activity = stats.activity()[0];
                runner.backward();
                adam.step();
            }
            int correct = 0;
            int total = 0;
            for (int test = 0; test < 8; test++) {
                task.fill(batch, labels);
                correct += runner.forward(batch, labels, false).correct();
                total += batch.batchSize();
            }
            double accuracy = (double) correct / total;
            assertThat(accuracy).as("test accuracy (chance 0.25)").isGreaterThan(0.75);
            assertThat(activity).as("the backward visited a small active set").isLessThan(0.2);
            task.fill(batch, labels);
            assertThat(runner.forward(batch, labels, false).loss()).isLessThan(firstLoss);
        }
    }

    @Test
    void sameSeedAndThreadCountGiveBitIdenticalWeights() {
        for (BackwardMethod method : BackwardMethod.values()) {
            List<float[]> first = train(method, 2);
            List<float[]> second = train(method, 2);
            for (int p = 0; p < first.size(); p++) {
                assertThat(second.get(p)).as("%s parameter %d", method, p).containsExactly(first.get(p));
            }
        }
    }

    @Test
    void trainingResultsDoNotDependOnTheMethodBeyondTheSparseSurrogate() {
        // With every neuron active, both methods take the same optimisation path.
        List<float[]> dense = train(BackwardMethod.DENSE, 2, 1e6f);
        List<float[]> sparse = train(BackwardMethod.SPARSE, 2, 1e6f);
        for (int p = 0; p < dense.size(); p++) {
            assertThat(TestNetworks.relativeError(sparse.get(p), dense.get(p))).isLessThan(1e-4);
        }
    }

    private static List<float[]> train(BackwardMethod method, int threads) {
        return train(method, threads, 0.2f);
    }

    private static List<float[]> train(BackwardMethod method, int threads, float backpropThreshold) {
        SpikeTimingTask task = new SpikeTimingTask(4, 40, 60, 3);
        SpikingNetwork network = SpikingNetwork.initialize(config(method, backpropThreshold), Initializer.SCALED_NORMAL, 9);
        EventBatch batch = new EventBatch(24, task.steps, task.inputs, false);
        int[] labels = new int[24];
        try (Workers workers = new Workers(threads)) {
            NetworkRunner runner = new NetworkRunner(network, task.steps, workers);
            Adam adam = new Adam(network.parameters(), AdamParameters.withLearningRate(1e-3));
            for (int step = 0; step < 5; step++) {
                task.fill(batch, labels);
                runner.forward(batch, labels, true);
                runner.backward();
                adam.step();
            }
        }
        List<float[]> weights = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            weights.add(p.value().clone());
        }
        return weights;
    }
}
