package org.s3gd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
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
 * Same seed, same numbers, whatever the JIT has compiled: the first runs in a JVM execute the
 * kernels interpreted, later ones compiled with the Vector API intrinsics, and both must give the
 * same bits. A lane reduction whose order differed between the two made a run's weights depend
 * on when C2 happened to compile it.
 */
class JitIndependentResultsTest {
    private static final long LIMIT_NANOS = 30_000_000_000L;

    @Test
    void repeatedTrainingGivesTheSameWeightsWhileTheKernelsGetCompiled() {
        long first = train();
        long start = System.nanoTime();
        int runs = 1;
        while (runs < 400 && System.nanoTime() - start < LIMIT_NANOS) {
            assertThat(train()).as("run %d", runs + 1).isEqualTo(first);
            runs++;
        }
        assertThat(runs).isGreaterThan(50);
    }

    // A few Adam steps of a sparse stack whose readout has more outputs than a vector has lanes.
    private static long train() {
        LifParameters neuron = LifParameters.of(1, 10);
        List<LayerSpec> layers = List.of(new LinearLif(40, neuron, BackwardMethod.SPARSE),
            new RecurrentLif(24, neuron, BackwardMethod.SPARSE), new Readout(20, LifParameters.decay(1, 20), ReadoutMode.SUM));
        SpikingNetwork network = SpikingNetwork.initialize(new NetworkConfig(30, layers, 0.3f,
            RegularizerParameters.paper(1f)), Initializer.SCALED_NORMAL, 11);
        EventBatch input = PoissonSpikes.sample(6, 40, 30, 0.08, false, new SplittableRandom(3));
        int[] labels = {0, 5, 10, 15, 19, 7};
        try (Workers workers = Workers.serial()) {
            NetworkRunner runner = new NetworkRunner(network, 40, workers);
            Adam adam = new Adam(network.parameters(), AdamParameters.withLearningRate(1e-2));
            for (int step = 0; step < 3; step++) {
                runner.forward(input, labels, true);
                runner.backward();
                adam.step();
            }
        }
        return TestNetworks.weightHash(network);
    }
}
