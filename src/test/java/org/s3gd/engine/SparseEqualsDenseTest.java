package org.s3gd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/** ALGORITHM.md §3: with B_th large enough that every neuron is active, sparse gradients equal dense ones. */
class SparseEqualsDenseTest {
    private static final double TOLERANCE = 1e-4;
    private static final float EVERY_NEURON_ACTIVE = 1e6f;
    private static final int[] WIDTHS = {1, 7, 17};

    record Result(double loss, List<float[]> weightGradients, List<float[]> spikeGradients) {
    }

    static Stream<Arguments> networks() {
        return IntStream.rangeClosed(1, 4).boxed().flatMap(depth -> IntStream.range(0, WIDTHS.length).mapToObj(w -> {
            List<Integer> hidden = new ArrayList<>();
            for (int l = 0; l < depth; l++) {
                hidden.add(WIDTHS[(w + l) % WIDTHS.length]);
            }
            ReadoutMode mode = (depth + w) % 2 == 0 ? ReadoutMode.MAX : ReadoutMode.SUM;
            return Arguments.of(hidden, mode);
        }));
    }

    @ParameterizedTest(name = "hidden {0}, {1} readout")
    @MethodSource("networks")
    void sparseGradientEqualsDenseWhenEveryNeuronIsActive(List<Integer> hidden, ReadoutMode mode) {
        NetworkConfig dense = config(hidden, mode, BackwardMethod.DENSE);
        Result expected = run(dense, 7);
        Result sparse = run(dense.withMethods(hidden.stream().map(h -> BackwardMethod.SPARSE).toList()), 7);
        assertSame(sparse, expected);
    }

    @Test
    void layersOfMixedMethodsGiveTheDenseGradients() {
        List<Integer> hidden = List.of(17, 7, 17, 1);
        NetworkConfig dense = config(hidden, ReadoutMode.MAX, BackwardMethod.DENSE);
        Result expected = run(dense, 11);
        for (List<BackwardMethod> methods : List.of(
            List.of(BackwardMethod.SPARSE, BackwardMethod.DENSE, BackwardMethod.SPARSE, BackwardMethod.DENSE),
            List.of(BackwardMethod.DENSE, BackwardMethod.SPARSE, BackwardMethod.DENSE, BackwardMethod.SPARSE))) {
            assertSame(run(dense.withMethods(methods), 11), expected);
        }
    }

    @Test
    void aLayersOwnSurrogateScaleReachesBothMethodsAndChangesTheGradient() {
        List<Integer> hidden = List.of(7, 17);
        NetworkConfig paper = config(hidden, ReadoutMode.SUM, BackwardMethod.DENSE);
        List<org.s3gd.model.LayerSpec> gentle = new ArrayList<>();
        for (var layer : paper.hiddenLayers()) {
            gentle.add(new org.s3gd.model.LinearLif(((org.s3gd.model.LinearLif) layer).neurons(), layer.neuron().withSurrogateScale(5f), layer.method()));
        }
        gentle.add(paper.readout());
        NetworkConfig dense = new NetworkConfig(paper.inputs(), gentle, paper.backpropThreshold(), paper.regularizer());
        Result expected = run(dense, 5);
        assertSame(run(dense.withMethods(List.of(BackwardMethod.SPARSE, BackwardMethod.SPARSE)), 5), expected);
        Result withPaperScale = run(paper, 5);
        assertThat(TestNetworks.relativeError(withPaperScale.weightGradients().get(0), expected.weightGradients().get(0)))
            .as("σ' of scale 5 against scale 100").isGreaterThan(0.01);
    }

    static void assertSame(Result actual, Result expected) {
        assertThat(actual.loss()).isCloseTo(expected.loss(), org.assertj.core.data.Offset.offset(1e-5 * expected.loss()));
        for (int p = 0; p < expected.weightGradients().size(); p++) {
            assertThat(TestNetworks.maxAbs(expected.weightGradients().get(p))).as("dense ∇W #%d is not zero", p).isPositive();
            assertThat(TestNetworks.relativeError(actual.weightGradients().get(p), expected.weightGradients().get(p)))
                .as("∇W #%d", p).isLessThanOrEqualTo(TOLERANCE);
        }
        for (int l = 0; l < expected.spikeGradients().size(); l++) {
            assertThat(TestNetworks.relativeError(actual.spikeGradients().get(l), expected.spikeGradients().get(l)))
                .as("∂L/∂s of layer %d", l + 1).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    static NetworkConfig config(List<Integer> hidden, ReadoutMode mode, BackwardMethod method) {
        return NetworkConfig.uniform(9, hidden, 3, method, LifParameters.of(1, 10), LifParameters.decay(1, 20), mode,
            EVERY_NEURON_ACTIVE, RegularizerParameters.paper(0.5f));
    }

    static Result run(NetworkConfig config, long seed) {
        return run(config, seed, 2.5f, 0.2f);
    }

    /**
     * As {@link #run(NetworkConfig, long)}, with recurrent weights {@code V·scale + bias}. A strongly
     * self-exciting recurrence amplifies float32 rounding step after step (V·2.5 + 0.2 on 17 neurons
     * lifts the relative difference between two correct summation orders to 1e-4), so recurrent
     * layers are checked with a recurrence that still makes every neuron spike but stays tame.
     */
    static Result run(NetworkConfig config, long seed, float recurrentScale, float recurrentBias) {
        int batch = 3;
        int steps = 30;
        SpikingNetwork network = SpikingNetwork.initialize(config, Initializer.UNIFORM, seed);
        // Stronger, positive-leaning weights so that every layer spikes, and readout traces that rise
        // above 0 so that a max readout has a peak after t = 0: gradients then reach every layer.
        for (var p : network.parameters()) {
            float[] w = p.value();
            boolean readout = p == network.readout();
            boolean recurrent = p.name().startsWith("V");
            for (int k = 0; k < w.length; k++) {
                w[k] = readout ? Math.abs(w[k]) + 0.1f : recurrent ? w[k] * recurrentScale + recurrentBias : w[k] * 2.5f + 0.2f;
            }
        }
        EventBatch input = TestNetworks.randomSpikes(batch, steps, config.inputs(), 0.3, new SplittableRandom(seed));
        int[] labels = {0, 1, 2};
        try (Workers workers = new Workers(2)) {
            NetworkRunner runner = new NetworkRunner(network, steps, workers);
            runner.captureSpikeGradients(true);
            BatchStats stats = runner.forward(input, labels, true);
            runner.backward();
            List<float[]> weightGradients = new ArrayList<>();
            network.parameters().forEach(p -> weightGradients.add(p.gradient().clone()));
            List<float[]> spikeGradients = new ArrayList<>();
            for (int l = 0; l < config.depth(); l++) {
                spikeGradients.add(runner.capturedSpikeGradient(l));
            }
            return new Result(stats.loss(), weightGradients, spikeGradients);
        }
    }
}
