package org.s3gd.layer.lif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3gd.backend.Backend;
import org.s3gd.backend.Backends;
import org.s3gd.engine.TestNetworks;
import org.s3gd.tensor.EventBatch;

class TraceGatherTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 1000})
    void gatheredWeightGradientEqualsTheDirectSumWhateverTheBufferSize(int maxRows) {
        int batch = 4;
        int steps = 25;
        int inputs = 19;
        int neurons = 6;
        float beta = 0.85f;
        SplittableRandom random = new SplittableRandom(maxRows);
        EventBatch input = TestNetworks.randomSpikes(batch, steps, inputs, 0.2, random);
        EventBatch active = new EventBatch(batch, steps, neurons, true);
        float[][] delta = new float[batch][];
        for (int b = 0; b < batch; b++) {
            delta[b] = new float[steps * neurons];
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < neurons; j++) {
                    if (random.nextDouble() < 0.3) {
                        delta[b][active.count(b)] = random.nextDouble() < 0.1 ? 0f : (float) random.nextDouble(-1, 1);
                        active.add(b, j, 1f);
                    }
                }
                active.endStep(b, t);
            }
        }
        // ∇Wᵀ[j][i] = Σ_b Σ_t δ_j[t]·κ_i[t], κ_i[t] = Σ_{k<t} β^(t−1−k)·x_i[k], in double.
        double[] expected = new double[neurons * inputs];
        for (int b = 0; b < batch; b++) {
            double[] trace = new double[inputs];
            for (int t = 0; t < steps; t++) {
                for (int e = active.offsets(b)[t]; e < active.offsets(b)[t + 1]; e++) {
                    for (int i = 0; i < inputs; i++) {
                        expected[active.unit(b)[e] * inputs + i] += delta[b][e] * trace[i];
                    }
                }
                for (int i = 0; i < inputs; i++) {
                    trace[i] *= beta;
                }
                for (int e = input.offsets(b)[t]; e < input.offsets(b)[t + 1]; e++) {
                    trace[input.unit(b)[e]] += 1;
                }
            }
        }
        float[] decay = DecayTable.powers(beta, steps);
        Backend backend = Backends.standard();
        int stride = backend.sparse().rowStride(inputs);
        float[] partial = new float[neurons * stride];
        TraceGather gather = new TraceGather(backend.sparse(), backend.vectors(), inputs, neurons, maxRows);
        for (int b = 0; b < batch; b++) {
            gather.addSample(input, active, delta[b], b, decay, partial);
        }
        gather.flush(partial);
        float[] unpadded = new float[neurons * inputs];
        for (int j = 0; j < neurons; j++) {
            System.arraycopy(partial, j * stride, unpadded, j * inputs, inputs);
            for (int i = inputs; i < stride; i++) {
                assertThat(partial[j * stride + i]).as("padding stays zero").isZero();
            }
        }
        assertThat(TestNetworks.relativeError(unpadded, expected)).isLessThan(1e-5);
        assertThat(TestNetworks.maxAbs(unpadded)).isPositive();
    }
}
