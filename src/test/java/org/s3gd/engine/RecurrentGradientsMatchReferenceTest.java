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
import org.s3gd.model.LinearLif;
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
 * The recurrent layer's dense gradients equal those PyTorch autograd computes for ALGORITHM.md §7
 * over a literal time loop ({@code src/test/resources/reference/make_recurrent_reference.py}); so
 * do the sparse ones when every neuron is active.
 */
class RecurrentGradientsMatchReferenceTest {
    private static final double DENSE_TOLERANCE = 1e-5;
    private static final double SPARSE_TOLERANCE = 1e-4;

    static Stream<Arguments> cases() throws IOException {
        List<ReferenceFixture.Case> cases = ReferenceFixture.load("recurrent_reference.txt");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(4);
        assertThat(cases).allMatch(c -> c.kinds().contains("rlif"));
        return cases.stream().flatMap(c -> Stream.of(
            Arguments.of(c.name(), c, BackwardMethod.DENSE, 2),
            Arguments.of(c.name(), c, BackwardMethod.SPARSE, 1),
            Arguments.of(c.name(), c, BackwardMethod.SPARSE, 2)));
    }

    @ParameterizedTest(name = "case {0}, {2}, {3} threads")
    @MethodSource("cases")
    void recurrentGradientsEqualTheAutogradReference(String name, ReferenceFixture.Case ref, BackwardMethod method,
                                                     int threads) {
        double tolerance = method == BackwardMethod.DENSE ? DENSE_TOLERANCE : SPARSE_TOLERANCE;
        List<Integer> hidden = ref.hidden();
        List<String> kinds = ref.kinds();
        int batch = ref.intParam("batch");
        int steps = ref.intParam("steps");
        int inputs = ref.intParam("n_in");
        LifParameters neuron = new LifParameters((float) ref.param("beta"), (float) ref.param("theta"));
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < hidden.size(); l++) {
            layers.add(kinds.get(l).equals("rlif") ? new RecurrentLif(hidden.get(l), neuron, method)
                : new LinearLif(hidden.get(l), neuron, method));
        }
        layers.add(new Readout(ref.intParam("n_out"), (float) ref.param("beta_readout"),
            ReadoutMode.valueOf(ref.params().get("readout").toUpperCase())));
        RegularizerParameters regularizer = new RegularizerParameters((float) ref.param("lambda_u"),
            (float) ref.param("f_u"), (float) ref.param("lambda_l"), (float) ref.param("f_l"));
        SpikingNetwork network = SpikingNetwork.zeros(new NetworkConfig(inputs, layers, 1e6f, regularizer));
        for (Parameter p : network.parameters()) {
            float[] w = ref.tensor(p.name()).floats();
            assertThat(w).as(p.name()).hasSize(p.size());
            System.arraycopy(w, 0, p.value(), 0, w.length);
        }
        EventBatch input = TestNetworks.events(ref.tensor("x").values(), batch, steps, inputs);
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
            int recurrentMatrices = 0;
            for (Parameter p : network.parameters()) {
                assertThat(TestNetworks.relativeError(p.gradient(), ref.tensor("grad_" + p.name()).values()))
                    .as("∇%s", p.name()).isLessThanOrEqualTo(tolerance);
                if (p.name().startsWith("V")) {
                    recurrentMatrices++;
                    assertThat(TestNetworks.maxAbs(p.gradient())).as("∇%s is not trivially zero", p.name()).isPositive();
                }
            }
            assertThat(recurrentMatrices).isEqualTo((int) kinds.stream().filter("rlif"::equals).count());
            for (int l = 0; l < hidden.size(); l++) {
                assertThat(TestNetworks.relativeError(runner.capturedSpikeGradient(l),
                    ref.tensor("total_spike_grad_" + (l + 1)).values()))
                    .as("∂L/∂s of layer %d from outside it", l + 1).isLessThanOrEqualTo(tolerance);
            }
        }
    }
}
