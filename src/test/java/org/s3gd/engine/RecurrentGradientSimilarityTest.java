package org.s3gd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.Readout;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * The paper's Appendix H for the recurrent layer: at the default B_th, with the 1–5 % activity of a
 * real network, the sparse ∇W and ∇V point where the dense ones do.
 */
class RecurrentGradientSimilarityTest {
    @Test
    void sparseRecurrentGradientsAreCloseToDenseAtDefaultThresholdWithRealisticActivity() {
        int batch = 32;
        int steps = 100;
        int width = 100;
        List<float[]> dense = null;
        List<float[]> sparse = null;
        List<String> names = null;
        double[] activity = null;
        for (BackwardMethod method : BackwardMethod.values()) {
            LifParameters neuron = LifParameters.of(1, 10);
            List<LayerSpec> layers = List.of(new RecurrentLif(width, neuron, method), new RecurrentLif(width, neuron, method),
                new Readout(10, LifParameters.decay(1, 10), ReadoutMode.MAX));
            NetworkConfig config = new NetworkConfig(width, layers, NetworkConfig.DEFAULT_BACKPROP_THRESHOLD,
                RegularizerParameters.paper(1f));
            SpikingNetwork network = SpikingNetwork.initialize(config, Initializer.SCALED_NORMAL, 3);
            EventBatch input = TestNetworks.randomSpikes(batch, steps, width, 0.005, new SplittableRandom(5));
            int[] labels = new int[batch];
            for (int b = 0; b < batch; b++) {
                labels[b] = b % 10;
            }
            try (Workers workers = new Workers(2)) {
                NetworkRunner runner = new NetworkRunner(network, steps, workers);
                activity = runner.forward(input, labels, true).activity();
                runner.backward();
            }
            List<float[]> gradients = network.parameters().stream().map(p -> p.gradient().clone()).toList();
            names = network.parameters().stream().map(Parameter::name).toList();
            if (method == BackwardMethod.DENSE) {
                dense = gradients;
            } else {
                sparse = gradients;
            }
        }
        assertThat(names).containsExactly("W1", "V1", "W2", "V2", "Wout");
        for (int l = 0; l < 2; l++) {
            assertThat(activity[l]).as("activity of layer %d", l + 1).isBetween(0.01, 0.05);
        }
        for (int p = 0; p < 4; p++) {
            assertThat(TestNetworks.cosine(sparse.get(p), dense.get(p))).as("cosine of ∇%s", names.get(p))
                .isGreaterThanOrEqualTo(0.95);
            assertThat(TestNetworks.relativeError(sparse.get(p), dense.get(p))).as("the sparse ∇%s really is sparse",
                names.get(p)).isGreaterThan(1e-4);
        }
    }
}
