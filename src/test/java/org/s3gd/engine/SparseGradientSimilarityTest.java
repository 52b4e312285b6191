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
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/** The paper's Appendix H: at the default B_th the sparse gradient points where the dense one does. */
class SparseGradientSimilarityTest {
    @Test
    void sparseWeightGradientIsCloseToDenseAtDefaultThresholdWithRealisticActivity() {
        int batch = 32;
        int steps = 100;
        int width = 100;
        List<float[]> gradients = new ArrayList<>();
        double[] activity = null;
        for (BackwardMethod method : BackwardMethod.values()) {
            NetworkConfig config = NetworkConfig.uniform(width, List.of(width, width), 10, method, LifParameters.of(1, 10),
                LifParameters.decay(1, 10), ReadoutMode.MAX, NetworkConfig.DEFAULT_BACKPROP_THRESHOLD,
                RegularizerParameters.paper(1f));
            SpikingNetwork network = SpikingNetwork.initialize(config, Initializer.SCALED_NORMAL, 3);
            EventBatch input = TestNetworks.randomSpikes(batch, steps, width, 0.02, new SplittableRandom(5));
            int[] labels = new int[batch];
            for (int b = 0; b < batch; b++) {
                labels[b] = b % 10;
            }
            try (Workers workers = new Workers(2)) {
                NetworkRunner runner = new NetworkRunner(network, steps, workers);
                activity = runner.forward(input, labels, true).activity();
                runner.backward();
            }
            network.parameters().forEach(p -> gradients.add(p.gradient().clone()));
        }
        for (int l = 0; l < 2; l++) {
            assertThat(activity[l]).as("activity of layer %d", l + 1).isBetween(0.01, 0.05);
            float[] dense = gradients.get(l);
            float[] sparse = gradients.get(l + 3);
            assertThat(TestNetworks.cosine(sparse, dense)).as("cosine of ∇W%d", l + 1).isGreaterThanOrEqualTo(0.95);
            assertThat(TestNetworks.relativeError(sparse, dense)).as("the sparse ∇W%d really is sparse", l + 1)
                .isGreaterThan(1e-4);
        }
    }
}
