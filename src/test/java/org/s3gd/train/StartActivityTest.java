package org.s3gd.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.PoissonSpikes;

/** No silent start: every layer of a network that starts silent is brought to the activity asked for, and the same seed gives the same gains. */
class StartActivityTest {
    private static List<Double> calibrated(double target, double[] activity) {
        NetworkConfig config = NetworkConfig.uniform(60, List.of(40, 30), 5, BackwardMethod.SPARSE, LifParameters.of(1, 10),
            LifParameters.decay(1, 10), ReadoutMode.MAX, NetworkConfig.DEFAULT_BACKPROP_THRESHOLD,
            RegularizerParameters.paper(1f));
        SpikingNetwork network = SpikingNetwork.initialize(config, Initializer.UNIFORM, 3);
        for (int l = 0; l < 2; l++) {
            float[] w = network.hidden(l).value();
            for (int k = 0; k < w.length; k++) {
                w[k] *= 0.02f;
            }
        }
        EventBatch input = PoissonSpikes.sample(8, 80, 60, 0.05, false, new SplittableRandom(4));
        int[] labels = {0, 1, 2, 3, 4, 0, 1, 2};
        try (Workers workers = new Workers(2)) {
            NetworkRunner runner = new NetworkRunner(network, 80, workers);
            double[] before = runner.forward(input, labels, true).activity();
            assertThat(before).as("the layers start silent").containsOnly(0.0);
            List<Double> gains = StartActivity.calibrate(runner, network, input, labels, target);
            System.arraycopy(runner.forward(input, labels, true).activity(), 0, activity, 0, 2);
            return gains;
        }
    }

    @Test
    void everyLayerOfASilentNetworkStartsAtTheActivityAskedFor() {
        double[] activity = new double[2];
        List<Double> gains = calibrated(0.004, activity);
        assertThat(gains).hasSize(2).allMatch(g -> g > 1);
        assertThat(activity[0]).as("layer 1").isBetween(0.004, 0.005);
        // Layer 2 is fed by layer 1's few spikes: its activity peaks near the target, which it reaches or comes close to.
        assertThat(activity[1]).as("layer 2").isBetween(0.003, 0.005);
        assertThat(calibrated(0.004, new double[2])).as("the same gains again").isEqualTo(gains);
    }

    // Fed by a layer at 5 %, layer 2 peaks below 5 %: it gets the gain of its peak, not a saturating one.
    @Test
    void aLayerWhoseActivityPeaksBelowTheTargetStopsAtItsPeak() {
        double[] activity = new double[2];
        List<Double> gains = calibrated(0.05, activity);
        assertThat(activity[0]).as("layer 1").isBetween(0.05, 0.06);
        assertThat(activity[1]).as("layer 2, below the target but awake").isBetween(0.005, 0.05);
        assertThat(gains.get(1)).as("gain of layer 2").isLessThan(1e5);
    }
}
