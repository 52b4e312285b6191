package org.s3gd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.LinearLif;
import org.s3gd.model.NetworkConfig;
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

/**
 * The same seed gives the same weights whatever the number of threads: every sum over samples is
 * split into a fixed number of chunks and reduced in chunk order, so a run can be resumed on
 * another machine and continue bit for bit.
 */
class ThreadCountIndependenceTest {
    @ParameterizedTest
    @EnumSource(BackwardMethod.class)
    void oneTwoAndThreeThreadsGiveBitIdenticalWeights(BackwardMethod method) {
        long one = train(method, 1);
        assertThat(train(method, 2)).as("2 threads").isEqualTo(one);
        assertThat(train(method, 3)).as("3 threads").isEqualTo(one);
    }

    @ParameterizedTest
    @EnumSource(BackwardMethod.class)
    void convolutionalStacksGiveBitIdenticalWeightsWithAnyNumberOfThreads(BackwardMethod method) {
        long one = trainConv(method, 1);
        assertThat(trainConv(method, 2)).as("2 threads").isEqualTo(one);
        assertThat(trainConv(method, 3)).as("3 threads").isEqualTo(one);
    }

    private static long trainConv(BackwardMethod method, int threads) {
        LifParameters neuron = LifParameters.of(1, 10);
        org.s3gd.model.Shape image = new org.s3gd.model.Shape(2, 9, 9);
        List<LayerSpec> layers = List.of(new org.s3gd.model.Conv2dLif(6, 3, 1, 1, neuron, method),
            new org.s3gd.model.SpikePool(org.s3gd.model.SpikePool.Mode.MAX, 2),
            new org.s3gd.model.Conv2dLif(4, 3, 2, 0, neuron, method), new org.s3gd.model.Flatten(),
            new LinearLif(16, neuron, method), new Readout(12, LifParameters.decay(1, 10), ReadoutMode.MAX));
        SpikingNetwork network = SpikingNetwork.initialize(new NetworkConfig(image.units(), layers, 0.3f,
            RegularizerParameters.paper(1f), image), Initializer.UNIFORM, 21);
        float[] firstKernel = network.hidden(0).value().clone();
        long hash = run(network, image.units(), threads);
        assertThat(network.hidden(0).value()).as("the first conv layer's kernel trained").isNotEqualTo(firstKernel);
        return hash;
    }

    private static long train(BackwardMethod method, int threads) {
        LifParameters neuron = LifParameters.of(1, 10);
        List<LayerSpec> layers = List.of(new LinearLif(48, neuron, method), new RecurrentLif(32, neuron, method),
            new Readout(12, LifParameters.decay(1, 10), ReadoutMode.MAX));
        SpikingNetwork network = SpikingNetwork.initialize(new NetworkConfig(40, layers, 0.3f,
            RegularizerParameters.paper(1f)), Initializer.SCALED_NORMAL, 21);
        return run(network, 40, threads);
    }

    private static long run(SpikingNetwork network, int inputs, int threads) {
        EventBatch input = PoissonSpikes.sample(23, 60, inputs, 0.06, false, new SplittableRandom(4));
        int[] labels = new int[23];
        for (int b = 0; b < labels.length; b++) {
            labels[b] = b % 12;
        }
        try (Workers workers = new Workers(threads)) {
            NetworkRunner runner = new NetworkRunner(network, 60, workers);
            Adam adam = new Adam(network.parameters(), AdamParameters.withLearningRate(3e-3));
            for (int step = 0; step < 4; step++) {
                runner.forward(input, labels, true);
                runner.backward();
                adam.step(workers);
            }
        }
        return TestNetworks.weightHash(network);
    }
}
