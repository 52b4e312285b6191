package org.s3gd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Readout;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.Shape;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.train.StackLayer;
import org.s3gd.train.StartActivity;

/**
 * The paper's Appendix H for convolutions: at the default B_th = 0.2, with the layers' weights
 * scaled to the paper's activity of 1–5 % ({@link StartActivity}), the sparse ∇K points where the
 * dense one does, in the first conv layer (which sends no gradient on) and in a second one
 * (whose ∂L/∂x the first receives only at its active entries).
 */
class ConvGradientSimilarityTest {
    private static final Shape INPUT = new Shape(1, 16, 16);
    private static final String STACK = "conv:8x5,maxpool:2,conv:8x3p1,flatten";

    @Test
    void sparseKernelGradientIsCloseToDenseAtDefaultThresholdWithRealisticActivity() {
        int batch = 16;
        int steps = 60;
        EventBatch input = TestNetworks.randomSpikes(batch, steps, INPUT.units(), 0.05, new SplittableRandom(5));
        int[] labels = new int[batch];
        for (int b = 0; b < batch; b++) {
            labels[b] = b % 10;
        }
        List<float[]> calibrated = null;
        List<List<float[]>> gradients = new ArrayList<>();
        double[] activity = null;
        for (BackwardMethod method : List.of(BackwardMethod.DENSE, BackwardMethod.SPARSE)) {
            SpikingNetwork network = SpikingNetwork.initialize(network(method), Initializer.SCALED_NORMAL, 3);
            try (Workers workers = new Workers(2)) {
                NetworkRunner runner = new NetworkRunner(network, steps, workers);
                if (calibrated == null) {
                    StartActivity.calibrate(runner, network, input, labels, 0.025);
                    calibrated = network.parameters().stream().map(p -> p.value().clone()).toList();
                } else {
                    for (int p = 0; p < calibrated.size(); p++) {
                        System.arraycopy(calibrated.get(p), 0, network.parameters().get(p).value(), 0, calibrated.get(p).length);
                    }
                }
                activity = runner.forward(input, labels, true).activity();
                runner.backward();
            }
            gradients.add(network.parameters().stream().map(p -> p.gradient().clone()).toList());
        }
        for (int l : new int[] {0, 2}) {
            assertThat(activity[l]).as("activity of layer %d", l + 1).isBetween(0.01, 0.05);
        }
        for (int p = 0; p < 2; p++) {
            float[] dense = gradients.get(0).get(p);
            float[] sparse = gradients.get(1).get(p);
            assertThat(TestNetworks.cosine(sparse, dense)).as("cosine of ∇K of conv layer %d", p + 1)
                .isGreaterThanOrEqualTo(0.95);
            assertThat(TestNetworks.relativeError(sparse, dense)).as("the sparse ∇K of conv layer %d really is sparse", p + 1)
                .isGreaterThan(1e-4);
        }
    }

    private static NetworkConfig network(BackwardMethod method) {
        LifParameters neuron = LifParameters.of(1, 10);
        List<LayerSpec> layers = new ArrayList<>();
        for (StackLayer layer : StackLayer.parseStack(STACK, method)) {
            layers.add(layer.spec(neuron));
        }
        layers.add(new Readout(10, LifParameters.decay(1, 10), ReadoutMode.MAX));
        return new NetworkConfig(INPUT.units(), layers, NetworkConfig.DEFAULT_BACKPROP_THRESHOLD,
            RegularizerParameters.paper(1f), INPUT);
    }
}
