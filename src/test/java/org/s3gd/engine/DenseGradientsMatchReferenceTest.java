package org.s3gd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * The dense gradients equal those PyTorch autograd computes for ALGORITHM.md §1–2
 * ({@code src/test/resources/reference/make_dense_reference.py}); so do the sparse ones when every
 * neuron is active.
 */
class DenseGradientsMatchReferenceTest {
    /** The dense method must match autograd to 1e-5 of each tensor's scale. */
    private static final double DENSE_TOLERANCE = 1e-5;
    /**
     * The sparse method regroups the same sums (input traces carried from step to step instead of
     * one matmul), so its float32 rounding differs: held to the sparse-equals-dense tolerance.
     */
    private static final double SPARSE_TOLERANCE = 1e-4;

    static Stream<Arguments> cases() throws IOException {
        List<ReferenceFixture.Case> cases = ReferenceFixture.load();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
        return cases.stream().flatMap(c -> Stream.of(
            Arguments.of(c.name(), c, BackwardMethod.DENSE, 2),
            Arguments.of(c.name(), c, BackwardMethod.SPARSE, 1)));
    }

    @ParameterizedTest(name = "case {0}, {2}, {3} threads")
    @MethodSource("cases")
    void gradientsEqualTheAutogradReference(String name, ReferenceFixture.Case ref, BackwardMethod method, int threads) {
        double tolerance = method == BackwardMethod.DENSE ? DENSE_TOLERANCE : SPARSE_TOLERANCE;
        List<Integer> hidden = ref.hidden();
        int batch = ref.intParam("batch");
        int steps = ref.intParam("steps");
        int inputs = ref.intParam("n_in");
        RegularizerParameters regularizer = new RegularizerParameters((float) ref.param("lambda_u"),
            (float) ref.param("f_u"), (float) ref.param("lambda_l"), (float) ref.param("f_l"));
        NetworkConfig config = NetworkConfig.uniform(inputs, hidden, ref.intParam("n_out"), method,
            new LifParameters((float) ref.param("beta"), (float) ref.param("theta")), (float) ref.param("beta_readout"),
            ReadoutMode.valueOf(ref.params().get("readout").toUpperCase()), 1e6f, regularizer);
        SpikingNetwork network = SpikingNetwork.zeros(config);
        for (int l = 0; l < hidden.size(); l++) {
            float[] w = ref.tensor("W" + (l + 1)).floats();
            System.arraycopy(w, 0, network.hidden(l).value(), 0, w.length);
        }
        float[] wout = ref.tensor("Wout").floats();
        System.arraycopy(wout, 0, network.readout().value(), 0, wout.length);
        EventBatch input = TestNetworks.events(ref.tensor("x").values(), batch, steps, inputs);
        int[] labels = java.util.Arrays.stream(ref.tensor("labels").values()).mapToInt(v -> (int) v).toArray();

        try (Workers workers = new Workers(threads)) {
            NetworkRunner runner = new NetworkRunner(network, steps, workers);
            runner.captureSpikeGradients(true);
            BatchStats stats = runner.forward(input, labels, true);
            runner.backward();

            assertThat(stats.loss()).as("loss").isCloseTo(ref.scalars().get("loss"),
                org.assertj.core.data.Offset.offset(tolerance * Math.abs(ref.scalars().get("loss"))));
            assertThat(TestNetworks.relativeError(runner.logits(), ref.tensor("logits").values())).as("logits")
                .isLessThanOrEqualTo(tolerance);
            for (int l = 0; l < hidden.size(); l++) {
                assertThat(TestNetworks.relativeError(network.hidden(l).gradient(), ref.tensor("grad_W" + (l + 1)).values()))
                    .as("∇W%d", l + 1).isLessThanOrEqualTo(tolerance);
                assertThat(TestNetworks.relativeError(runner.capturedSpikeGradient(l),
                    ref.tensor("total_spike_grad_" + (l + 1)).values()))
                    .as("∂L/∂s of layer %d", l + 1).isLessThanOrEqualTo(tolerance);
            }
            assertThat(TestNetworks.relativeError(network.readout().gradient(), ref.tensor("grad_Wout").values()))
                .as("∇W_out").isLessThanOrEqualTo(tolerance);
            assertThat(TestNetworks.maxAbs(network.hidden(0).gradient())).as("the gradient is not trivially zero").isPositive();
        }
    }
}
