package org.s3gd.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.LinearLif;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Readout;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.RegularizerParameters;

/**
 * ALGORITHM.md §7: with B_th large enough that every neuron is active, the recurrent layer's sparse
 * gradients (∇W, ∇V, and ∂L/∂x sent below) equal the dense ones, alone and mixed with
 * feed-forward layers, at depths 1–3 and widths 1, 7, 17.
 */
class RecurrentSparseEqualsDenseTest {
    private static final float EVERY_NEURON_ACTIVE = 1e6f;
    private static final LifParameters NEURON = LifParameters.of(1, 10);

    static Stream<Arguments> stacks() {
        return Stream.of(
            Arguments.of("rlif:1", ReadoutMode.MAX),
            Arguments.of("rlif:7", ReadoutMode.SUM),
            Arguments.of("rlif:17", ReadoutMode.MAX),
            Arguments.of("rlif:7,lif:17", ReadoutMode.SUM),
            Arguments.of("lif:17,rlif:1", ReadoutMode.MAX),
            Arguments.of("rlif:17,rlif:7", ReadoutMode.SUM),
            Arguments.of("rlif:1,rlif:7,rlif:17", ReadoutMode.MAX),
            Arguments.of("lif:7,rlif:17,lif:1", ReadoutMode.SUM),
            Arguments.of("rlif:17,lif:1,rlif:7", ReadoutMode.MAX));
    }

    @ParameterizedTest(name = "{0}, {1} readout")
    @MethodSource("stacks")
    void recurrentSparseGradientEqualsDenseWhenEveryNeuronIsActive(String stack, ReadoutMode mode) {
        NetworkConfig dense = config(stack, mode);
        SparseEqualsDenseTest.Result expected = run(dense, 5);
        List<BackwardMethod> sparse = dense.hiddenLayers().stream().map(l -> BackwardMethod.SPARSE).toList();
        SparseEqualsDenseTest.assertSame(run(dense.withMethods(sparse), 5), expected);
    }

    @Test
    void recurrentLayersOfMixedMethodsGiveTheDenseGradients() {
        NetworkConfig dense = config("rlif:17,lif:7,rlif:7", ReadoutMode.MAX);
        SparseEqualsDenseTest.Result expected = run(dense, 13);
        for (List<BackwardMethod> methods : List.of(
            List.of(BackwardMethod.SPARSE, BackwardMethod.DENSE, BackwardMethod.SPARSE),
            List.of(BackwardMethod.DENSE, BackwardMethod.SPARSE, BackwardMethod.DENSE),
            List.of(BackwardMethod.SPARSE, BackwardMethod.SPARSE, BackwardMethod.DENSE))) {
            SparseEqualsDenseTest.assertSame(run(dense.withMethods(methods), 13), expected);
        }
    }

    private static SparseEqualsDenseTest.Result run(NetworkConfig config, long seed) {
        return SparseEqualsDenseTest.run(config, seed, 1f, 0.1f);
    }

    /** A dense network of the given stack ({@code lif:N} and {@code rlif:N}) on 9 inputs with 3 outputs. */
    static NetworkConfig config(String stack, ReadoutMode mode) {
        List<LayerSpec> layers = new ArrayList<>();
        for (String layer : stack.split(",")) {
            String[] kindWidth = layer.split(":");
            int width = Integer.parseInt(kindWidth[1]);
            layers.add(kindWidth[0].equals("rlif") ? new RecurrentLif(width, NEURON, BackwardMethod.DENSE)
                : new LinearLif(width, NEURON, BackwardMethod.DENSE));
        }
        layers.add(new Readout(3, LifParameters.decay(1, 20), mode));
        return new NetworkConfig(9, layers, EVERY_NEURON_ACTIVE, RegularizerParameters.paper(0.5f));
    }
}
