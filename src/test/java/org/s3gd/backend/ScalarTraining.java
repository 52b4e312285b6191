package org.s3gd.backend;

import java.util.List;
import java.util.SplittableRandom;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.engine.TestNetworks;
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
 * A few training steps of a small network of every layer kind and method, for
 * {@link ScalarKernelsWithoutVectorModuleTest}: run as a program in a JVM without the incubator
 * module, it prints the backend it got and a fingerprint of the trained weights.
 */
public final class ScalarTraining {
    private ScalarTraining() {
    }

    public static void main(String[] args) {
        System.out.println("vector module: " + Backends.vectorModulePresent());
        System.out.println("backend: " + Backends.standard().name());
        System.out.println("weights: " + fingerprint(Backends.standard()));
    }

    /** Trains for a few steps on the given backend and returns a hash of every final weight's bits. */
    static long fingerprint(Backend backend) {
        LifParameters neuron = LifParameters.of(1, 10);
        List<LayerSpec> layers = List.of(new LinearLif(23, neuron, BackwardMethod.SPARSE),
            new RecurrentLif(17, neuron, BackwardMethod.SPARSE), new RecurrentLif(9, neuron, BackwardMethod.DENSE),
            new LinearLif(11, neuron, BackwardMethod.DENSE), new Readout(4, LifParameters.decay(1, 10), ReadoutMode.MAX));
        NetworkConfig config = new NetworkConfig(30, layers, 0.4f, RegularizerParameters.paper(1f));
        SpikingNetwork network = SpikingNetwork.initialize(config, Initializer.SCALED_NORMAL, 7);
        EventBatch input = PoissonSpikes.sample(8, 50, 30, 0.08, false, new SplittableRandom(9));
        int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
        try (Workers workers = new Workers(2)) {
            NetworkRunner runner = new NetworkRunner(network, 50, workers, backend);
            Adam adam = new Adam(network.parameters(), AdamParameters.withLearningRate(1e-2));
            for (int step = 0; step < 4; step++) {
                runner.forward(input, labels, true);
                runner.backward();
                adam.step();
            }
        }
        return TestNetworks.weightHash(network);
    }
}
