package org.s3gd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.s3gd.engine.BatchStats;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.optim.Adam;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.PoissonSpikes;
import org.s3gd.train.MemoryEstimate;
import org.s3gd.train.TrainingConfig;

/**
 * One whole training step of a data set's preset network — forward with the loss, backward, Adam —
 * on a fixed batch of Poisson input at the data set's rate, timed phase by phase. What a training
 * loop does per batch apart from fetching the batch; the PyTorch peer times the same.
 *
 * <p>An untrained network on Poisson input is not what a training run steps through: its deeper
 * layers barely move. So each hidden layer's weights are first scaled by a gain, found by bisection
 * layer after layer, that brings the layer's activity (|v − θ| &lt; B_th) to a target, as a trained
 * network's is (the paper: 1–2 %); the other experiments calibrate their layers the same way.
 */
public final class StepWorkload implements AutoCloseable {
    /** The phases of one step, in milliseconds. */
    public record StepTimes(double forwardMs, double backwardMs, double optimizerMs) {
        public double totalMs() {
            return forwardMs + backwardMs + optimizerMs;
        }
    }

    private final TrainingConfig config;
    private final NetworkConfig networkConfig;
    private final Workers workers;
    private final NetworkRunner runner;
    private final Adam adam;
    private final EventBatch input;
    private final int[] labels;
    private final double[] gains;
    private BatchStats last;

    /** The preset network of {@code dataset} with these hidden widths and method, B = {@code batch}. */
    public StepWorkload(BenchDataset dataset, List<Integer> hidden, BackwardMethod method, int batch, int threads,
                        double targetActivity, long seed) {
        this.config = TrainingConfig.preset(dataset.id()).withHidden(hidden).withMethod(method).withBatchSize(batch)
            .withThreads(threads).withSeed(seed);
        this.networkConfig = config.network(MemoryEstimate.inputsOf(config), MemoryEstimate.classesOf(config));
        this.workers = new Workers(threads);
        SpikingNetwork network = SpikingNetwork.initialize(networkConfig, config.initializer(), seed);
        this.runner = new NetworkRunner(network, config.steps(), workers);
        this.adam = new Adam(network.parameters(), config.adam());
        SplittableRandom random = new SplittableRandom(seed);
        this.input = PoissonSpikes.sample(batch, config.steps(), networkConfig.inputs(), dataset.syntheticRate(), false,
            random.split());
        this.labels = new int[batch];
        SplittableRandom labelRandom = random.split();
        for (int b = 0; b < batch; b++) {
            labels[b] = labelRandom.nextInt(networkConfig.outputs());
        }
        this.gains = new double[networkConfig.depth()];
        for (int l = 0; l < gains.length; l++) {
            gains[l] = calibrate(network, l, targetActivity);
        }
    }

    // Bisection on the gain of layer l's weights (every matrix of the layer) until its activity is
    // within 10 % of the target; the layers below are calibrated already.
    private double calibrate(SpikingNetwork network, int l, double target) {
        List<float[]> base = network.layer(l).stream().map(p -> p.value().clone()).toList();
        double low = 0.05;
        double high = 20;
        double gain = 1;
        for (int iteration = 0; iteration < 40; iteration++) {
            gain = Math.sqrt(low * high);
            for (int p = 0; p < base.size(); p++) {
                float[] weights = network.layer(l).get(p).value();
                float[] from = base.get(p);
                for (int k = 0; k < weights.length; k++) {
                    weights[k] = (float) (from[k] * gain);
                }
            }
            double measured = runner.forward(input, labels, true).activity()[l];
            if (Math.abs(measured - target) < 0.1 * target) {
                break;
            }
            if (measured < target) {
                low = gain;
            } else {
                high = gain;
            }
        }
        return gain;
    }

    /** The gain each hidden layer's initial weights were scaled by to reach the target activity. */
    public double[] gains() {
        return gains.clone();
    }

    public TrainingConfig config() {
        return config;
    }

    public NetworkConfig networkConfig() {
        return networkConfig;
    }

    public NetworkRunner runner() {
        return runner;
    }

    /** The input batch. */
    public EventBatch input() {
        return input;
    }

    /** Statistics of the last step's forward pass. */
    public BatchStats lastStats() {
        return last;
    }

    /** One step, timed. */
    public StepTimes step() {
        long start = System.nanoTime();
        last = runner.forward(input, labels, true);
        long forwardEnd = System.nanoTime();
        runner.backward();
        long backwardEnd = System.nanoTime();
        adam.step(workers);
        long end = System.nanoTime();
        return new StepTimes((forwardEnd - start) / 1e6, (backwardEnd - forwardEnd) / 1e6, (end - backwardEnd) / 1e6);
    }

    /** {@code warmup} untimed steps, then {@code repetitions} timed ones. */
    public List<StepTimes> run(int warmup, int repetitions) {
        for (int k = 0; k < warmup; k++) {
            step();
        }
        List<StepTimes> times = new ArrayList<>();
        for (int k = 0; k < repetitions; k++) {
            times.add(step());
        }
        return times;
    }

    @Override
    public void close() {
        workers.close();
    }
}
