package org.s3gd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.Readout;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.Shape;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.train.StackLayer;

/**
 * The convolutional layer's and spike pooling's dense gradients equal those PyTorch autograd
 * computes with {@code conv2d}, {@code max_pool2d} and {@code avg_pool2d}×area over a literal time
 * loop ({@code src/test/resources/reference/make_conv_reference.py}, with a surrogate steepness of
 * 10, whose reason the script gives); so do the sparse ones when every neuron is active.
 */
class ConvGradientsMatchReferenceTest {
    private static final double DENSE_TOLERANCE = 1e-5;
    private static final double SPARSE_TOLERANCE = 1e-4;

    static Stream<Arguments> cases() throws IOException {
        List<ReferenceFixture.Case> cases = ReferenceFixture.load("conv_reference.txt");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
        assertThat(cases).anyMatch(c -> c.params().get("stack").contains("maxpool"))
            .anyMatch(c -> c.params().get("stack").contains("sumpool"));
        return cases.stream().flatMap(c -> Stream.of(
            Arguments.of(c.name(), c, BackwardMethod.DENSE, 2),
            Arguments.of(c.name(), c, BackwardMethod.SPARSE, 1),
            Arguments.of(c.name(), c, BackwardMethod.SPARSE, 2)));
    }

    @ParameterizedTest(name = "case {0}, {2}, {3} threads")
    @MethodSource("cases")
    void convAndPoolingGradientsEqualTheAutogradReference(String name, ReferenceFixture.Case ref, BackwardMethod method,
                                                         int threads) {
        double tolerance = method == BackwardMethod.DENSE ? DENSE_TOLERANCE : SPARSE_TOLERANCE;
        int batch = ref.intParam("batch");
        int steps = ref.intParam("steps");
        int[] c = Arrays.stream(ref.params().get("shape").split(",")).mapToInt(Integer::parseInt).toArray();
        Shape shape = new Shape(c[0], c[1], c[2]);
        LifParameters neuron = new LifParameters((float) ref.param("beta"), (float) ref.param("theta"),
            (float) ref.param("surrogate_scale"));
        List<LayerSpec> layers = new ArrayList<>();
        for (StackLayer layer : StackLayer.parseStack(ref.params().get("stack"), method)) {
            layers.add(layer.spec(neuron));
        }
        layers.add(new Readout(ref.intParam("n_out"), (float) ref.param("beta_readout"),
            ReadoutMode.valueOf(ref.params().get("readout").toUpperCase())));
        RegularizerParameters regularizer = new RegularizerParameters((float) ref.param("lambda_u"),
            (float) ref.param("f_u"), (float) ref.param("lambda_l"), (float) ref.param("f_l"));
        SpikingNetwork network = SpikingNetwork.zeros(new NetworkConfig(shape.units(), layers, 1e6f, regularizer, shape));
        for (Parameter p : network.parameters()) {
            float[] w = ref.tensor(p.name()).floats();
            assertThat(w).as(p.name()).hasSize(p.size());
            System.arraycopy(w, 0, p.value(), 0, w.length);
        }
        EventBatch input = TestNetworks.events(ref.tensor("x").values(), batch, steps, shape.units());
        int[] labels = Arrays.stream(ref.tensor("labels").values()).mapToInt(v -> (int) v).toArray();

        try (Workers workers = new Workers(threads)) {
            NetworkRunner runner = new NetworkRunner(network, steps, workers);
            runner.captureSpikeGradients(true);
            BatchStats stats = runner.forward(input, labels, true);
            runner.backward();

            assertThat(stats.loss()).as("loss").isCloseTo(ref.scalars().get("loss"),
                Offset.offset(tolerance * Math.abs(ref.scalars().get("loss"))));
            assertThat(TestNetworks.relativeError(runner.logits(), ref.tensor("logits").values())).as("logits")
                .isLessThanOrEqualTo(tolerance);
            for (Parameter p : network.parameters()) {
                assertThat(TestNetworks.maxAbs(p.gradient())).as("∇%s is not trivially zero", p.name()).isPositive();
                assertThat(TestNetworks.relativeError(p.gradient(), ref.tensor("grad_" + p.name()).values()))
                    .as("∇%s", p.name()).isLessThanOrEqualTo(tolerance);
            }
            // A pooling layer on the input sends its gradient nowhere: nothing below it needs one, so it keeps none.
            int firstSpiking = 0;
            while (!network.config().spiking(firstSpiking)) {
                firstSpiking++;
            }
            for (int l = firstSpiking; l < network.config().depth(); l++) {
                assertThat(TestNetworks.relativeError(runner.capturedSpikeGradient(l),
                    ref.tensor("total_spike_grad_" + (l + 1)).values()))
                    .as("∂L/∂s of layer %d (%s) from outside it", l + 1, NetworkConfig.label(network.config().layer(l)))
                    .isLessThanOrEqualTo(tolerance);
            }
        }
    }
}
