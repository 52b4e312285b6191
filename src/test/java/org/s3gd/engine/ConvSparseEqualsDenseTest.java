package org.s3gd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.Readout;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.Shape;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.train.StackLayer;

/**
 * ALGORITHM.md §8 with §3: with every neuron active, a convolutional layer's sparse gradients (∇K,
 * and ∂L/∂x at the previous layer's entries) equal its dense ones, behind a 1×1 conv layer and in
 * stacks with pooling, flatten, fully connected and recurrent layers of either method.
 */
class ConvSparseEqualsDenseTest {
    private static final float EVERY_NEURON_ACTIVE = 1e6f;
    /** Odd sizes: 2 channels of 9×7. */
    private static final Shape INPUT = new Shape(2, 9, 7);
    /**
     * A spiking layer in front of the conv layer under test, keeping the 2×9×7 shape: the runner
     * asks the first layer for no ∂L/∂x, so only a conv layer with a layer below it has its ∂L/∂x
     * computed, and compared as the ∂L/∂s that the front layer receives.
     */
    private static final String SPIKING_FRONT = "conv:2x1,";

    static Stream<Arguments> convolutions() {
        List<Arguments> cases = new ArrayList<>();
        for (int kernel : new int[] {1, 3, 5}) {
            for (int stride : new int[] {1, 2}) {
                for (int padding : new int[] {0, 1}) {
                    cases.add(Arguments.of("conv:3x" + kernel + "s" + stride + "p" + padding));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutions")
    void convSparseKernelAndInputGradientsEqualDenseWhenEveryNeuronIsActive(String layer) {
        SparseEqualsDenseTest.Result dense = assertSparseEqualsDense(SPIKING_FRONT + layer, 3);
        assertThat(TestNetworks.maxAbs(dense.spikeGradients().get(0))).as("dense ∂L/∂x of %s is not zero", layer).isPositive();
    }

    static Stream<Arguments> stacks() {
        return Stream.of(
            Arguments.of("conv:4x3s1p1,maxpool:2,flatten,lif:7"),
            Arguments.of("conv:4x3s1p1,sumpool:2,flatten,lif:7"),
            Arguments.of("conv:3x3,conv:4x3s2p1,flatten:48,rlif:5"),
            Arguments.of("maxpool:2,conv:3x3p1,sumpool:2,lif:6"),
            Arguments.of("conv:3x1,maxpool:3,conv:2x2,flatten,lif:5,lif:4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void mixedStacksGiveTheDenseGradientsWhateverEachLayersMethod(String stack) {
        assertSparseEqualsDense(stack, 5);
    }

    /**
     * Runs the stack all sparse and alternating in both phases (a sparse layer then writes its ∂L/∂x
     * both at a sparse layer's active entries and into a dense layer's full gradient), checks each
     * against the all-dense run and returns that run.
     */
    private static SparseEqualsDenseTest.Result assertSparseEqualsDense(String stack, long seed) {
        NetworkConfig dense = network(stack, BackwardMethod.DENSE);
        SparseEqualsDenseTest.Result expected = run(dense, seed);
        List<List<BackwardMethod>> variants = new ArrayList<>();
        variants.add(dense.layers().subList(0, dense.depth()).stream().map(l -> BackwardMethod.SPARSE).toList());
        for (int phase = 0; phase < 2; phase++) {
            List<BackwardMethod> alternating = new ArrayList<>();
            for (int l = 0; l < dense.depth(); l++) {
                alternating.add((l + phase) % 2 == 0 ? BackwardMethod.SPARSE : BackwardMethod.DENSE);
            }
            variants.add(alternating);
        }
        for (List<BackwardMethod> methods : variants) {
            SparseEqualsDenseTest.Result actual = run(dense.withMethods(methods), seed);
            SparseEqualsDenseTest.assertSame(actual, expected);
        }
        return expected;
    }

    static NetworkConfig network(String stack, BackwardMethod method) {
        LifParameters neuron = LifParameters.of(1, 10);
        List<LayerSpec> layers = new ArrayList<>();
        for (StackLayer layer : StackLayer.parseStack(stack, method)) {
            layers.add(layer.spec(neuron));
        }
        layers.add(new Readout(3, LifParameters.decay(1, 20), ReadoutMode.MAX));
        return new NetworkConfig(INPUT.units(), layers, EVERY_NEURON_ACTIVE, RegularizerParameters.paper(0.5f), INPUT);
    }

    static SparseEqualsDenseTest.Result run(NetworkConfig config, long seed) {
        int batch = 3;
        int steps = 20;
        SpikingNetwork network = SpikingNetwork.initialize(config, Initializer.UNIFORM, seed);
        for (var p : network.parameters()) {
            float[] w = p.value();
            boolean readout = p == network.readout();
            for (int k = 0; k < w.length; k++) {
                w[k] = readout ? Math.abs(w[k]) + 0.1f : w[k] * 2.5f + 0.2f;
            }
        }
        EventBatch input = TestNetworks.randomSpikes(batch, steps, config.inputs(), 0.3, new SplittableRandom(seed));
        try (Workers workers = new Workers(2)) {
            NetworkRunner runner = new NetworkRunner(network, steps, workers);
            runner.captureSpikeGradients(true);
            BatchStats stats = runner.forward(input, new int[] {0, 1, 2}, true);
            runner.backward();
            List<float[]> weightGradients = new ArrayList<>();
            network.parameters().forEach(p -> weightGradients.add(p.gradient().clone()));
            List<float[]> spikeGradients = new ArrayList<>();
            for (int l = 0; l < config.depth(); l++) {
                spikeGradients.add(runner.capturedSpikeGradient(l));
            }
            assertThat(stats.loss()).isFinite();
            return new SparseEqualsDenseTest.Result(stats.loss(), weightGradients, spikeGradients);
        }
    }
}
