package org.s3gd.layer.lif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3gd.backend.Backend;
import org.s3gd.backend.Backends;
import org.s3gd.engine.TestNetworks;
import org.s3gd.model.LifParameters;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.EventBatch;

class EpsilonGatherTest {
    private static final int BATCH = 4;
    private static final int STEPS = 25;
    private static final int INPUTS = 19;
    private static final int NEURONS = 6;
    private static final float BETA = 0.85f;

    /** Random input spikes, and an active set with δ (a tenth of them exactly zero). */
    private record Problem(EventBatch input, EventBatch active, float[][] delta) {
        static Problem random(long seed, double inputRate) {
            SplittableRandom random = new SplittableRandom(seed);
            EventBatch input = TestNetworks.randomSpikes(BATCH, STEPS, INPUTS, inputRate, random);
            EventBatch active = new EventBatch(BATCH, STEPS, NEURONS, true);
            float[][] delta = new float[BATCH][];
            for (int b = 0; b < BATCH; b++) {
                delta[b] = new float[STEPS * NEURONS];
                for (int t = 0; t < STEPS; t++) {
                    for (int j = 0; j < NEURONS; j++) {
                        if (random.nextDouble() < 0.3) {
                            delta[b][active.count(b)] = random.nextDouble() < 0.1 ? 0f : (float) random.nextDouble(-1, 1);
                            active.add(b, j, 1f);
                        }
                    }
                    active.endStep(b, t);
                }
            }
            return new Problem(input, active, delta);
        }

        // ∇W[i][j] = Σ_b Σ_t x_i[t]·ε_j[t], ε_j[t] = Σ_{τ>t} β^(τ−t−1)·δ_j[τ], in double, row-major inputs × neurons.
        double[] expected() {
            double[] expected = new double[INPUTS * NEURONS];
            for (int b = 0; b < BATCH; b++) {
                double[] epsilon = new double[NEURONS];
                for (int t = STEPS - 1; t >= 0; t--) {
                    for (int e = input.offsets(b)[t]; e < input.offsets(b)[t + 1]; e++) {
                        for (int j = 0; j < NEURONS; j++) {
                            expected[input.unit(b)[e] * NEURONS + j] += epsilon[j];
                        }
                    }
                    for (int j = 0; j < NEURONS; j++) {
                        epsilon[j] *= BETA;
                    }
                    for (int e = active.offsets(b)[t]; e < active.offsets(b)[t + 1]; e++) {
                        epsilon[active.unit(b)[e]] += delta[b][e];
                    }
                }
            }
            return expected;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 1000})
    void gatheredWeightGradientEqualsTheDirectSumWhateverTheBufferSize(int maxRows) {
        Problem problem = Problem.random(maxRows, 0.2);
        Backend backend = Backends.standard();
        EpsilonGather gather = new EpsilonGather(backend.sparse(), backend.vectors(), INPUTS, NEURONS, maxRows);
        int stride = gather.stride();
        float[] partial = new float[INPUTS * stride];
        float[] decay = DecayTable.powers(BETA, STEPS);
        for (int b = 0; b < BATCH; b++) {
            gather.addSample(problem.input(), problem.active(), problem.delta()[b], b, decay, partial);
        }
        gather.flush(partial);
        float[] unpadded = new float[INPUTS * NEURONS];
        for (int i = 0; i < INPUTS; i++) {
            System.arraycopy(partial, i * stride, unpadded, i * NEURONS, NEURONS);
            for (int j = NEURONS; j < stride; j++) {
                assertThat(partial[i * stride + j]).as("padding stays zero").isZero();
            }
        }
        assertThat(TestNetworks.relativeError(unpadded, problem.expected())).isLessThan(1e-5);
        assertThat(TestNetworks.maxAbs(unpadded)).isPositive();
    }

    @Test
    void bothWaysOfSummingGiveTheSameGradientAndTheCheaperOneIsChosen() {
        Backend backend = Backends.standard();
        LifParameters neuron = new LifParameters(BETA, 1f);
        for (double inputRate : new double[] {0.02, 0.6}) {
            Problem problem = Problem.random(7, inputRate);
            float[] byActive = new float[INPUTS * NEURONS];
            float[] byInputs = new float[INPUTS * NEURONS];
            float[] cheaper = new float[INPUTS * NEURONS];
            try (Workers workers = new Workers(2)) {
                Workspace workspace = new Workspace();
                SparseBackward.weightGradient(backend.sparse(), backend.vectors(), neuron, INPUTS, NEURONS, problem.input(),
                    problem.active(), problem.delta(), byActive, "w", SparseBackward.WeightGradientSum.BY_ACTIVE_ENTRIES,
                    workers, workspace);
                SparseBackward.weightGradient(backend.sparse(), backend.vectors(), neuron, INPUTS, NEURONS, problem.input(),
                    problem.active(), problem.delta(), byInputs, "w", SparseBackward.WeightGradientSum.BY_INPUT_SPIKES,
                    workers, workspace);
                SparseBackward.weightGradient(backend.sparse(), backend.vectors(), neuron, INPUTS, NEURONS, problem.input(),
                    problem.active(), problem.delta(), cheaper, "w", workers, workspace);
            }
            double[] expected = problem.expected();
            assertThat(TestNetworks.relativeError(byActive, expected)).isLessThan(1e-5);
            assertThat(TestNetworks.relativeError(byInputs, expected)).isLessThan(1e-5);
            // Few input spikes: by input spikes is less work; many (60 % of 19 inputs against 30 % of 6 neurons): by active entries.
            assertThat(cheaper).as("input rate %s", inputRate).containsExactly(inputRate < 0.1 ? byInputs : byActive);
        }
    }
}
