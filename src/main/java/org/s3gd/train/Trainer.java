package org.s3gd.train;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.s3gd.backend.Backend;
import org.s3gd.backend.Backends;
import org.s3gd.data.Batches;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.ValidationSplit;
import org.s3gd.engine.BatchStats;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.optim.Adam;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * Trains a network on a data set with Adam, epoch by epoch, evaluating the validation part of the
 * training set and the test split after each epoch and handing a {@link Checkpoint} to the
 * listener. The validation part ({@link TrainingConfig#validation()}) is held out of training; the
 * best epoch is chosen on it, never on the test split.
 *
 * <p>Randomness: the run's seed feeds one {@link SplittableRandom}, split once for the weight
 * initialisation, once for the order of the epochs and once for the validation split; epoch
 * {@code e}'s order depends on that seed and {@code e} only. A run resumed from the checkpoint of
 * epoch {@code e} therefore trains exactly as the uninterrupted run would: same configuration,
 * bit-identical weights, whatever the thread count.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final DatasetSplit data;
    private final Provenance provenance;
    private final NetworkConfig networkConfig;
    private final ValidationSplit parts;
    private final List<float[]> initialWeights;
    private final Backend backend;
    private List<Double> startGains = List.of();

    public Trainer(TrainingConfig config, DatasetSplit data, Provenance provenance) {
        this(config, data, provenance, null, Backends.standard());
    }

    private Trainer(TrainingConfig config, DatasetSplit data, Provenance provenance, List<float[]> initialWeights,
                    Backend backend) {
        this.config = config;
        this.backend = backend;
        this.data = data;
        this.provenance = provenance;
        this.networkConfig = config.network(data.inputs(), data.classes());
        this.initialWeights = initialWeights;
        SplittableRandom root = new SplittableRandom(config.seed());
        root.split();
        root.split();
        this.parts = ValidationSplit.of(data.train(), config.validation(), root.split().nextLong());
        if (initialWeights != null) {
            new TrainedModel(config, provenance, 0, Double.NaN, networkConfig, initialWeights);
        }
    }

    /**
     * The same trainer starting from {@code weights} (in {@link SpikingNetwork#parameters()} order,
     * e.g. a model imported from NIR) instead of random ones.
     *
     * @throws IllegalArgumentException if they do not fit this trainer's network
     */
    public Trainer startingFrom(List<float[]> weights) {
        return new Trainer(config, data, provenance, weights, backend);
    }

    /**
     * The same trainer with its network's kernels from {@code backend} ({@link Backends#standard()}
     * otherwise): its training steps and its evaluations after each epoch run there.
     */
    public Trainer using(Backend backend) {
        return new Trainer(config, data, provenance, initialWeights, Objects.requireNonNull(backend, "backend"));
    }

    /** Where this trainer's network runs. */
    public Backend backend() {
        return backend;
    }

    /** The gains {@code --start-activity} gave each hidden layer's weights in the last run from scratch (empty without it). */
    public List<Double> startGains() {
        return startGains;
    }

    /** The samples trained on and those held out for validation. */
    public ValidationSplit parts() {
        return parts;
    }

    public NetworkConfig networkConfig() {
        return networkConfig;
    }

    /** Trains from freshly initialised weights. */
    public TrainedModel train(TrainingListener listener) {
        return run(null, listener);
    }

    /**
     * Continues from {@code checkpoint} with epoch {@code checkpoint.epochsDone()} up to this
     * trainer's {@link TrainingConfig#epochs()}.
     */
    public TrainedModel resume(Checkpoint checkpoint, TrainingListener listener) {
        if (!checkpoint.networkConfig().equals(networkConfig)) {
            throw new CheckpointException("the checkpoint's network " + checkpoint.networkConfig()
                + " differs from this run's " + networkConfig);
        }
        return run(checkpoint, listener);
    }

    private TrainedModel run(Checkpoint from, TrainingListener listener) {
        SplittableRandom root = new SplittableRandom(config.seed());
        long initializationSeed = root.split().nextLong();
        long orderSeed = root.split().nextLong();
        SpikingNetwork network = SpikingNetwork.initialize(networkConfig, config.initializer(), initializationSeed);
        if (initialWeights != null) {
            List<Parameter> parameters = network.parameters();
            for (int p = 0; p < parameters.size(); p++) {
                System.arraycopy(initialWeights.get(p), 0, parameters.get(p).value(), 0, parameters.get(p).size());
            }
        }
        Adam adam = new Adam(network.parameters(), config.adam());
        int firstEpoch = 0;
        double testAccuracy = Double.NaN;
        double best = Double.NEGATIVE_INFINITY;
        if (from != null) {
            from.restore(network, adam);
            firstEpoch = from.epochsDone();
            testAccuracy = from.testAccuracy();
            best = from.bestAccuracy();
        }
        Batches batches = Batches.shuffled(parts.train(), config.batchSize(), orderSeed);
        listener.started(config, provenance, firstEpoch, batches.count());
        try (Workers workers = new Workers(config.threads())) {
            NetworkRunner runner = new NetworkRunner(network, data.steps(), workers, backend);
            EventBatch input = batches.newEventBatch();
            int[] labels = new int[config.batchSize()];
            if (from == null && config.startActivity() > 0) {
                batches.startEpoch(0);
                batches.fill(0, input, labels);
                startGains = StartActivity.calibrate(runner, network, input, labels, config.startActivity());
            }
            for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
                EpochSummary summary = trainEpoch(epoch, batches, runner, adam, input, labels, listener);
                testAccuracy = summary.testAccuracy();
                best = Math.max(best, Checkpoint.chosen(summary.trainAccuracy(), summary.validationAccuracy()));
                listener.epochDone(summary, Checkpoint.of(config, provenance, network, adam, epoch + 1, summary, best));
            }
        }
        return new TrainedModel(config, provenance, Math.max(firstEpoch, config.epochs()), testAccuracy, networkConfig,
            network.parameters().stream().map(p -> p.value()).toList());
    }

    private EpochSummary trainEpoch(int epoch, Batches batches, NetworkRunner runner, Adam adam, EventBatch input,
                                    int[] labels, TrainingListener listener) {
        int depth = networkConfig.depth();
        batches.startEpoch(epoch);
        long start = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        long samples = 0;
        double[] activeSum = new double[depth];
        long forwardTotal = 0;
        long backwardTotal = 0;
        int count = batches.count();
        for (int k = 0; k < count; k++) {
            int n = batches.fill(k, input, labels, runner.workers());
            // The forward pass with its loss (cross-entropy and regulariser), as the benchmarks time it.
            long forwardStart = System.nanoTime();
            BatchStats stats = runner.forward(input, labels, true);
            long backwardStart = System.nanoTime();
            long forwardNanos = backwardStart - forwardStart;
            runner.backward();
            long backwardNanos = System.nanoTime() - backwardStart;
            adam.step(runner.workers());
            long[] perLayer = new long[depth];
            for (int l = 0; l < depth; l++) {
                perLayer[l] = runner.backwardNanos(l);
                activeSum[l] += stats.activity()[l];
            }
            forwardTotal += forwardNanos;
            backwardTotal += backwardNanos;
            lossSum += stats.loss() * n;
            correct += stats.correct();
            samples += n;
            double seconds = (System.nanoTime() - start) / 1e9;
            listener.batchDone(new BatchProgress(epoch, k, count, stats, forwardNanos, backwardNanos, perLayer,
                lossSum / samples, (double) correct / samples, samples / seconds));
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        Evaluation validation = parts.hasValidation() ? Evaluation.of(runner, parts.validation(), config.batchSize()) : null;
        Evaluation test = Evaluation.of(runner, data.test(), config.batchSize());
        double[] activity = new double[depth];
        for (int l = 0; l < depth; l++) {
            activity[l] = activeSum[l] / count;
        }
        return new EpochSummary(epoch, config.epochs(), lossSum / samples, (double) correct / samples,
            validation == null ? Double.NaN : validation.loss(), validation == null ? Double.NaN : validation.accuracy(),
            test.loss(),
            test.accuracy(), activity, forwardTotal / 1e6 / count, backwardTotal / 1e6 / count, trainSeconds,
            samples / trainSeconds);
    }
}
