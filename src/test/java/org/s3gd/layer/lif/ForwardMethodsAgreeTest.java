package org.s3gd.layer.lif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3gd.backend.Backend;
import org.s3gd.backend.Backends;
import org.s3gd.engine.TestNetworks;
import org.s3gd.model.Initializer;
import org.s3gd.model.LifParameters;
import org.s3gd.model.Surrogate;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.SpikeConversions;

class ForwardMethodsAgreeTest {
    @ParameterizedTest(name = "recurrent {0}")
    @ValueSource(booleans = {false, true})
    void eventDrivenForwardGivesTheDenseSpikesAndExactlyTheActiveBand(boolean recurrent) {
        int batch = 5;
        int steps = 40;
        int inputs = 33;
        int neurons = 19;
        float band = 0.2f;
        LifParameters neuron = LifParameters.of(1, 10);
        float[] weights = new float[inputs * neurons];
        Initializer.SCALED_NORMAL.fill(weights, inputs, neuron.beta(), new SplittableRandom(1));
        for (int k = 0; k < weights.length; k++) {
            weights[k] *= 3f;
        }
        float[] rows = null;
        if (recurrent) {
            rows = new float[neurons * neurons];
            Initializer.UNIFORM.fill(rows, neurons, neuron.beta(), new SplittableRandom(3));
        }
        float[] recurrentWeights = rows;
        Backend backend = Backends.standard();
        EventBatch input = TestNetworks.randomSpikes(batch, steps, inputs, 0.15, new SplittableRandom(2));
        try (Workers workers = new Workers(2)) {
            Workspace workspace = new Workspace();
            EventBatch spikes = new EventBatch(0, steps, neurons, false);
            EventBatch active = new EventBatch(0, steps, neurons, true);
            int[] sparseCounts = new int[batch * neurons];
            SparseForward.run(backend.lif(), neuron, band, weights, recurrentWeights, inputs, neurons, input, spikes, active,
                sparseCounts, workers, workspace);

            float[] dense = new float[batch * steps * inputs];
            SpikeConversions.toDense(input, dense, workers);
            float[] membrane = new float[batch * steps * neurons];
            float[] denseSpikes = new float[batch * steps * neurons];
            int[] denseCounts = new int[batch * neurons];
            long denseActive = DenseForward.run(backend, neuron, band, weights, recurrentWeights, inputs, neurons, batch, steps,
                dense, membrane, denseSpikes, denseCounts, workers, workspace);

            float[] sparseAsDense = new float[batch * steps * neurons];
            SpikeConversions.toDense(spikes, sparseAsDense, workers);
            assertThat(sparseAsDense).containsExactly(denseSpikes);
            assertThat(sparseCounts).containsExactly(denseCounts);
            assertThat(active.totalCount()).isEqualTo(denseActive).isPositive();
            assertThat(spikes.totalCount()).isPositive();
            // Every active entry carries its membrane potential, inside the band.
            for (int b = 0; b < batch; b++) {
                int[] offsets = active.offsets(b);
                for (int t = 0; t < steps; t++) {
                    for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                        int j = active.unit(b)[e];
                        float v = active.value(b)[e];
                        assertThat(v).isCloseTo(membrane[(b * steps + t) * neurons + j], org.assertj.core.data.Offset.offset(1e-5f));
                        assertThat(Surrogate.isActive(v, neuron.threshold(), band)).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void mismatchedShapesAreReportedWithBothShapes() {
        EventBatch input = new EventBatch(2, 10, 5, false);
        EventBatch spikes = new EventBatch(0, 10, 3, false);
        assertThatThrownBy(() -> SparseForward.run(Backends.standard().lif(), LifParameters.of(1, 10), 0.2f, new float[4 * 3],
            null, 4, 3, input, spikes, null, new int[6], Workers.serial(), new Workspace()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("input has 5 units but the layer has 4 inputs");
    }

    @Test
    void surrogateFollowsTheFastSigmoidDerivative() {
        assertThat(Surrogate.derivative(1f, 1f)).isEqualTo(1f);
        assertThat(Surrogate.derivative(1.01f, 1f)).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(Surrogate.derivative(0.9f, 1f)).isCloseTo(1f / 121f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(Surrogate.isActive(0.81f, 1f, 0.2f)).isTrue();
        assertThat(Surrogate.isActive(0.79f, 1f, 0.2f)).isFalse();
        assertThat(Surrogate.isActive(1.19f, 1f, 0.2f)).isTrue();
    }
}
