package org.s3gd.bench;

import java.util.List;
import java.util.SplittableRandom;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.PoissonSpikes;
import org.s3gd.tensor.SpikeGradient;

/**
 * The paper's Fig. 3B: the gradients of one batch, dense beside sparse, from the same weights and
 * input. ∇W of the second hidden layer ({@code [N_in][N]}) and ∂L/∂s of the first hidden layer's
 * spikes for the first sample ({@code [T][N]}), with where the sparse method computes them: ∂L/∂s
 * only at the layer's active entries (ALGORITHM.md §3), ∇W only in the columns of neurons that
 * had an active entry in the batch; everything else it never computes (it is 0 there).
 *
 * @param denseWeights  dense ∇W2, {@code [rows][cols]}
 * @param sparseWeights sparse ∇W2
 * @param weightsComputed per entry of ∇W2, whether the sparse method computes it
 * @param rows          N_in of the second layer
 * @param cols          N of the second layer
 * @param denseSpikes   dense ∂L/∂s1 of sample 0, {@code [T][N]}
 * @param sparseSpikes  sparse ∂L/∂s1 of sample 0
 * @param spikesComputed per entry, whether the sparse method computes it (the active set of sample 0)
 * @param steps         T
 * @param units         N of the first layer
 * @param weightCosine  cosine of sparse and dense ∇W2
 * @param spikeCosine   cosine of sparse and dense ∂L/∂s1 over the whole batch
 * @param computedSpikeCosine the same over the entries the sparse method computes (its active set)
 * @param activity      the fraction of active entries of each hidden layer
 * @param backpropThreshold B_th
 */
public record GradientPicture(float[] denseWeights, float[] sparseWeights, boolean[] weightsComputed, int rows, int cols,
                              float[] denseSpikes, float[] sparseSpikes, boolean[] spikesComputed, int steps, int units,
                              double weightCosine, double spikeCosine, double computedSpikeCosine, double[] activity, float backpropThreshold) {
    /**
     * One batch of Poisson input through a network of two hidden layers, once with each method.
     *
     * @param rate each input's spike probability per step
     */
    public static GradientPicture compute(int batch, int steps, int inputs, int width, double rate, float backpropThreshold,
                                          long seed, int threads) {
        EventBatch input = PoissonSpikes.sample(batch, steps, inputs, rate, false, new SplittableRandom(seed));
        int[] labels = new int[batch];
        for (int b = 0; b < batch; b++) {
            labels[b] = b % 10;
        }
        float[][] weights = new float[2][];
        float[][] spikes = new float[2][];
        boolean[] weightsComputed = null;
        boolean[] spikesComputed = null;
        boolean[] batchComputed = null;
        double[] activity = null;
        int rows = 0;
        int cols = 0;
        for (BackwardMethod method : List.of(BackwardMethod.DENSE, BackwardMethod.SPARSE)) {
            NetworkConfig config = NetworkConfig.uniform(inputs, List.of(width, width), 10, method, LifParameters.of(1, 10),
                LifParameters.decay(1, 10), ReadoutMode.MAX, backpropThreshold, RegularizerParameters.paper(1f));
            SpikingNetwork network = SpikingNetwork.initialize(config, Initializer.SCALED_NORMAL, seed);
            int m = method == BackwardMethod.DENSE ? 0 : 1;
            try (Workers workers = new Workers(threads)) {
                NetworkRunner runner = new NetworkRunner(network, steps, workers);
                runner.captureSpikeGradients(true);
                double[] active = runner.forward(input, labels, true).activity();
                if (method == BackwardMethod.SPARSE) {
                    activity = active;
                    batchComputed = new boolean[batch * steps * width];
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(activeEntries(runner.layer(0).outputGradient(), b, steps, width), 0, batchComputed,
                            b * steps * width, steps * width);
                    }
                    spikesComputed = java.util.Arrays.copyOf(batchComputed, steps * width);
                    weightsComputed = activeColumns(runner.layer(1).outputGradient(), width, width);
                }
                runner.backward();
                weights[m] = network.parameters().get(1).gradient().clone();
                rows = network.parameters().get(1).rows();
                cols = network.parameters().get(1).cols();
                spikes[m] = runner.capturedSpikeGradient(0).clone();
            }
        }
        int sample = steps * width;
        return new GradientPicture(weights[0], weights[1], weightsComputed, rows, cols,
            java.util.Arrays.copyOf(spikes[0], sample), java.util.Arrays.copyOf(spikes[1], sample), spikesComputed, steps, width,
            cosine(weights[1], weights[0], weights[0].length, null), cosine(spikes[1], spikes[0], batch * sample, null),
            cosine(spikes[1], spikes[0], batch * sample, batchComputed), activity,
            backpropThreshold);
    }

    /** Share of ∇W2's entries and of sample 0's ∂L/∂s1 the sparse method computes. */
    public double computedShare(boolean[] computed) {
        int n = 0;
        for (boolean c : computed) {
            n += c ? 1 : 0;
        }
        return (double) n / computed.length;
    }

    /** {@code [T][N]}: true at sample {@code b}'s active entries. */
    private static boolean[] activeEntries(SpikeGradient gradient, int b, int steps, int units) {
        boolean[] active = new boolean[steps * units];
        if (gradient instanceof SpikeGradient.AtEntries entries) {
            EventBatch set = entries.entries();
            int[] offsets = set.offsets(b);
            int[] unit = set.unit(b);
            for (int t = 0; t < steps; t++) {
                for (int k = offsets[t]; k < offsets[t + 1]; k++) {
                    active[t * units + unit[k]] = true;
                }
            }
        } else {
            java.util.Arrays.fill(active, true);
        }
        return active;
    }

    /** {@code [rows][cols]}: true in the columns of neurons with an active entry in any sample. */
    private static boolean[] activeColumns(SpikeGradient gradient, int rows, int cols) {
        boolean[] column = new boolean[cols];
        if (gradient instanceof SpikeGradient.AtEntries entries) {
            EventBatch set = entries.entries();
            for (int b = 0; b < set.batchSize(); b++) {
                int[] unit = set.unit(b);
                for (int k = 0; k < set.count(b); k++) {
                    column[unit[k]] = true;
                }
            }
        } else {
            java.util.Arrays.fill(column, true);
        }
        boolean[] computed = new boolean[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(column, 0, computed, i * cols, cols);
        }
        return computed;
    }

    /** The cosine of the first {@code length} entries of {@code a} and {@code b}, only where {@code where} is true unless it is null. */
    static double cosine(float[] a, float[] b, int length, boolean[] where) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < length; k++) {
            if (where != null && !where[k]) {
                continue;
            }
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        return na == 0 || nb == 0 ? Double.NaN : dot / Math.sqrt(na * nb);
    }
}
