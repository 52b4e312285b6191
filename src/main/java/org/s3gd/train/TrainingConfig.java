package org.s3gd.train;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetOptions;
import org.s3gd.data.synthetic.RandmanParameters;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Readout;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.optim.AdamParameters;

/**
 * Everything that decides what a training run computes. With the same configuration (seed and
 * threads included) and the same data, two runs give bit-identical weights.
 *
 * <p>{@link #preset(DatasetId)} gives the paper's settings per data set (ALGORITHM.md §5); the
 * {@code with…} methods override one setting each, as the command line does.
 *
 * @param dataset           the data set trained on
 * @param steps             T, time steps per sample
 * @param dtMillis          Δt, width of a time step
 * @param tauMemMillis      τ_mem of the hidden layers
 * @param tauReadoutMillis  τ_readout of the readout
 * @param layers            the hidden layers, first to last: kind, width and method of each
 * @param backpropThreshold B_th, in (0, θ] with θ = 1: a neuron is active iff |v − θ| &lt; B_th
 * @param readout           logit = max or sum over time of the readout trace
 * @param initializer       weight initialisation
 * @param upperRate         f_u of the activity regulariser
 * @param batchSize         samples per batch
 * @param learningRate      Adam's learning rate (betas 0.9, 0.999)
 * @param epochs            total number of epochs
 * @param seed              the run's seed: weight initialisation and the order of every epoch
 * @param threads           worker threads (the results do not depend on it)
 * @param synthetic         the random-manifold task (used when {@code dataset} is synthetic)
 */
public record TrainingConfig(
    DatasetId dataset,
    int steps,
    double dtMillis,
    double tauMemMillis,
    double tauReadoutMillis,
    List<StackLayer> layers,
    float backpropThreshold,
    ReadoutMode readout,
    Initializer initializer,
    float upperRate,
    int batchSize,
    double learningRate,
    int epochs,
    long seed,
    int threads,
    RandmanParameters synthetic) {

    /** The largest hidden layer accepted; beyond it the weight matrices alone strain any heap. */
    public static final int MAX_WIDTH = 1 << 16;

    public TrainingConfig {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("--hidden (or --layers) needs at least one hidden layer");
        }
        requirePositive("--batch", batchSize);
        requirePositive("--epochs", epochs);
        requirePositive("--threads", threads);
        requirePositive("steps T", steps);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be positive and finite, got " + learningRate);
        }
        // ALGORITHM.md §3: active iff |v − θ| < B_th; beyond θ every neuron at rest would count as active.
        if (!(backpropThreshold > 0f && backpropThreshold <= LifParameters.DEFAULT_THRESHOLD)) {
            throw new IllegalArgumentException("--backprop-threshold B_th must be in (0, "
                + LifParameters.DEFAULT_THRESHOLD + "] (θ = 1), got " + backpropThreshold);
        }
        if (!(dtMillis > 0 && tauMemMillis > 0 && tauReadoutMillis > 0)
            || Double.isInfinite(dtMillis + tauMemMillis + tauReadoutMillis)) {
            throw new IllegalArgumentException("Δt, τ_mem and τ_readout must be positive, got "
                + dtMillis + ", " + tauMemMillis + ", " + tauReadoutMillis + " ms");
        }
        if (!(upperRate >= 0) || Float.isInfinite(upperRate)) {
            throw new IllegalArgumentException("f_u must be >= 0, got " + upperRate);
        }
        if (dataset == DatasetId.SYNTHETIC && synthetic.steps() != steps) {
            throw new IllegalArgumentException("the synthetic task has " + synthetic.steps() + " steps, T is " + steps);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    /** The synthetic task's default: small enough to train in seconds on two cores. */
    public static RandmanParameters syntheticTask() {
        return RandmanParameters.defaults();
    }

    /**
     * The paper's settings for {@code dataset} (ALGORITHM.md §5), sparse method, B_th = 0.2, seed 1,
     * one thread per available processor. The synthetic task has its own small preset.
     */
    public static TrainingConfig preset(DatasetId dataset) {
        int threads = Runtime.getRuntime().availableProcessors();
        RandmanParameters task = syntheticTask();
        float bth = NetworkConfig.DEFAULT_BACKPROP_THRESHOLD;
        return switch (dataset) {
            case SYNTHETIC -> new TrainingConfig(dataset, task.steps(), 1.0, 10, 10, lif(128, 128), bth, ReadoutMode.MAX,
                Initializer.SCALED_NORMAL, 1f, 64, 5e-3, 10, 1L, threads, task);
            case FASHION_MNIST -> new TrainingConfig(dataset, 100, 1.0, 10, 10, lif(200, 200), bth, ReadoutMode.MAX,
                Initializer.SCALED_NORMAL, 1f, 256, 2e-4, 100, 1L, threads, task);
            case NMNIST -> new TrainingConfig(dataset, 300, 1.0, 10, 10, lif(200, 200), bth, ReadoutMode.MAX,
                Initializer.UNIFORM, 1f, 256, 2e-4, 100, 1L, threads, task);
            case SHD -> new TrainingConfig(dataset, 500, 2.0, 10, 20, lif(200, 200), bth, ReadoutMode.SUM,
                Initializer.UNIFORM, 10f, 256, 1e-3, 200, 1L, threads, task);
        };
    }

    private static List<StackLayer> lif(int... widths) {
        List<StackLayer> layers = new ArrayList<>();
        for (int width : widths) {
            layers.add(StackLayer.lif(width, BackwardMethod.SPARSE));
        }
        return layers;
    }

    /** Width of each hidden layer, first to last. */
    public List<Integer> hidden() {
        return layers.stream().map(StackLayer::width).toList();
    }

    /** The method of each hidden layer, first to last. */
    public List<BackwardMethod> methods() {
        return layers.stream().map(StackLayer::method).toList();
    }

    /** {@code sparse} or {@code dense} when every layer runs that method, else {@code mixed}. */
    public String methodLabel() {
        List<BackwardMethod> distinct = methods().stream().distinct().toList();
        return distinct.size() == 1 ? distinct.get(0).name().toLowerCase(java.util.Locale.ROOT) : "mixed";
    }

    /** The stack as {@code --layers} takes it, e.g. {@code lif:200:sparse,rlif:200:sparse}. */
    public String stack() {
        return layers.stream().map(StackLayer::toString).collect(Collectors.joining(","));
    }

    /** The stack for people: {@code lif:200,rlif:200 (sparse)}, each layer's method named only when they differ. */
    public String stackLabel() {
        String label = methodLabel();
        if (label.equals("mixed")) {
            return stack();
        }
        return layers.stream().map(l -> l.kind().id() + ":" + l.width()).collect(Collectors.joining(",")) + " (" + label + ")";
    }

    /** How the data set is turned into spike trains for this run. */
    public DatasetOptions datasetOptions() {
        DatasetOptions paper = DatasetOptions.paper(dataset).withSteps(dtMillis, steps);
        return dataset == DatasetId.SYNTHETIC ? paper.withSynthetic(synthetic) : paper;
    }

    /** The network for data with {@code inputs} input units and {@code classes} classes. */
    public NetworkConfig network(int inputs, int classes) {
        LifParameters neuron = LifParameters.of(dtMillis, tauMemMillis);
        List<LayerSpec> specs = new ArrayList<>();
        for (StackLayer layer : layers) {
            specs.add(layer.spec(neuron));
        }
        specs.add(new Readout(classes, LifParameters.decay(dtMillis, tauReadoutMillis), readout));
        return new NetworkConfig(inputs, specs, backpropThreshold, RegularizerParameters.paper(upperRate));
    }

    public AdamParameters adam() {
        return AdamParameters.withLearningRate(learningRate);
    }

    /** Fully connected LIF layers of these widths, with the method of the present first layer. */
    public TrainingConfig withHidden(List<Integer> widths) {
        BackwardMethod method = layers.get(0).method();
        List<StackLayer> lif = new ArrayList<>();
        for (int width : widths) {
            if (width < 1 || width > MAX_WIDTH) {
                throw new IllegalArgumentException("--hidden widths must be in [1, " + MAX_WIDTH + "], got " + widths);
            }
            lif.add(StackLayer.lif(width, method));
        }
        return withLayers(lif);
    }

    public TrainingConfig withLayers(List<StackLayer> newLayers) {
        return new TrainingConfig(dataset, steps, dtMillis, tauMemMillis, tauReadoutMillis, newLayers,
            backpropThreshold, readout, initializer, upperRate, batchSize, learningRate, epochs, seed, threads, synthetic);
    }

    /** Every hidden layer with {@code newMethod}. */
    public TrainingConfig withMethod(BackwardMethod newMethod) {
        return withLayers(layers.stream().map(layer -> layer.withMethod(newMethod)).toList());
    }

    public TrainingConfig withBackpropThreshold(float newThreshold) {
        return new TrainingConfig(dataset, steps, dtMillis, tauMemMillis, tauReadoutMillis, layers,
            newThreshold, readout, initializer, upperRate, batchSize, learningRate, epochs, seed, threads, synthetic);
    }

    public TrainingConfig withReadout(ReadoutMode newReadout) {
        return new TrainingConfig(dataset, steps, dtMillis, tauMemMillis, tauReadoutMillis, layers,
            backpropThreshold, newReadout, initializer, upperRate, batchSize, learningRate, epochs, seed, threads, synthetic);
    }

    public TrainingConfig withBatchSize(int newBatchSize) {
        return new TrainingConfig(dataset, steps, dtMillis, tauMemMillis, tauReadoutMillis, layers,
            backpropThreshold, readout, initializer, upperRate, newBatchSize, learningRate, epochs, seed, threads, synthetic);
    }

    public TrainingConfig withLearningRate(double newLearningRate) {
        return new TrainingConfig(dataset, steps, dtMillis, tauMemMillis, tauReadoutMillis, layers,
            backpropThreshold, readout, initializer, upperRate, batchSize, newLearningRate, epochs, seed, threads, synthetic);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(dataset, steps, dtMillis, tauMemMillis, tauReadoutMillis, layers,
            backpropThreshold, readout, initializer, upperRate, batchSize, learningRate, newEpochs, seed, threads, synthetic);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(dataset, steps, dtMillis, tauMemMillis, tauReadoutMillis, layers,
            backpropThreshold, readout, initializer, upperRate, batchSize, learningRate, epochs, newSeed, threads, synthetic);
    }

    public TrainingConfig withThreads(int newThreads) {
        return new TrainingConfig(dataset, steps, dtMillis, tauMemMillis, tauReadoutMillis, layers,
            backpropThreshold, readout, initializer, upperRate, batchSize, learningRate, epochs, seed, newThreads, synthetic);
    }

    /** A different synthetic task; on the synthetic data set T follows the task's steps. */
    public TrainingConfig withSynthetic(RandmanParameters newTask) {
        return new TrainingConfig(dataset, dataset == DatasetId.SYNTHETIC ? newTask.steps() : steps, dtMillis, tauMemMillis, tauReadoutMillis, layers,
            backpropThreshold, readout, initializer, upperRate, batchSize, learningRate, epochs, seed, threads, newTask);
    }
}
