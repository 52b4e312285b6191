package org.s3gd.bench;

import java.util.List;
import java.util.Set;
import org.s3gd.data.DatasetId;

/**
 * What {@code s3gd bench} measures and how.
 *
 * @param experiments     which experiments run
 * @param batch           B of the timed layers
 * @param warmup          untimed rounds before the timed ones (at least)
 * @param warmupSeconds   longest warm-up of one measurement, if its passes never stop allocating
 * @param repetitions     timed rounds (dense and sparse interleaved) per measurement
 * @param threads         worker threads of both methods
 * @param targetActivity  the activity every layer's weights are calibrated to (the paper: 1–2 %)
 * @param neurons         width of the hidden layers (the paper: 200)
 * @param hiddenSizes     widths of the hidden-size sweep
 * @param thresholds      the b_th of the threshold sweep; B_th = 1 − b_th (θ = 1)
 * @param trainDataset    the data set of the training-activity run
 * @param trainBatch      batch size of that run, or null for the data set's preset
 * @param trainBatches    at most this many training batches
 * @param syntheticInput  use synthetic input even where a data set's files are found
 * @param seed            seed of inputs, weights and gradients
 * @param quick           a smoke-test run: small batch, few repetitions (said in every report)
 */
public record BenchConfig(Set<Experiment> experiments, int batch, int warmup, double warmupSeconds, int repetitions, int threads,
                          double targetActivity, int neurons, List<Integer> hiddenSizes, List<Double> thresholds,
                          DatasetId trainDataset, Integer trainBatch, int trainBatches, boolean syntheticInput,
                          long seed, boolean quick) {
    /** The paper's b_th = 1 − B_th of 0.8 (B_th = 0.2), at which every layer is calibrated. */
    public static final double DEFAULT_BTH = 0.8;

    public BenchConfig {
        experiments = Set.copyOf(experiments);
        hiddenSizes = List.copyOf(hiddenSizes);
        thresholds = List.copyOf(thresholds);
        if (batch < 1 || warmup < 0 || repetitions < 1 || threads < 1 || neurons < 1 || trainBatches < 1) {
            throw new IllegalArgumentException("need batch, repetitions, threads, neurons, training batches >= 1 and "
                + "warm-up >= 0; got " + batch + ", " + repetitions + ", " + threads + ", " + neurons + ", " + trainBatches
                + ", " + warmup);
        }
        if (!(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("--warmup-seconds must be >= 0, got " + warmupSeconds);
        }
        if (!(targetActivity > 0 && targetActivity < 0.5)) {
            throw new IllegalArgumentException("--activity must be in (0, 0.5), got " + targetActivity);
        }
        for (int size : hiddenSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("--hidden-sizes must be >= 1, got " + hiddenSizes);
            }
        }
        for (double bth : thresholds) {
            if (!(bth >= 0 && bth < 1)) {
                throw new IllegalArgumentException("--thresholds b_th must be in [0, 1), got " + thresholds);
            }
        }
    }

    /** The full run: B = 256, 3 warm-up rounds (up to 30 s until warm) and 11 timed, the paper's sweeps, 300 training batches. */
    public static BenchConfig full(int threads) {
        return new BenchConfig(Set.of(Experiment.values()), 256, 3, 30, 11, threads, 0.015, 200,
            List.of(100, 200, 300, 400, 600, 800, 1000), List.of(0.8, 0.9, 0.95, 0.99, 0.999), DatasetId.SYNTHETIC, null,
            300, false, 1L, false);
    }

    /** The smoke test: B = 16, 1 warm-up round (up to 2 s until warm) and 3 timed, 20 training batches; well under a minute. */
    public static BenchConfig quick(int threads) {
        return new BenchConfig(Set.of(Experiment.values()), 16, 1, 2, 3, threads, 0.015, 200,
            List.of(100, 200, 400, 1000), List.of(0.8, 0.95, 0.999), DatasetId.SYNTHETIC, null, 20, false, 1L, true);
    }

    public boolean runs(Experiment experiment) {
        return experiments.contains(experiment);
    }

    /** B_th = 1 − b_th, as a float the engine takes. */
    public static float backpropThreshold(double bth) {
        return (float) (1 - bth);
    }
}
