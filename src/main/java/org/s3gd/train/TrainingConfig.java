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
import org.s3gd.model.Surrogate;
import org.s3gd.optim.AdamParameters;

/**
 * Everything that decides what a training run computes. With the same configuration (seed and
 * threads included) and the same data, two runs give bit-identical weights. It is what
 * {@code run.json} holds under {@code config} and what {@code train --config} reads
 * ({@link ConfigJson}).
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
 * @param surrogateScale    steepness of the surrogate derivative σ' of every hidden layer (paper: 100)
 * @param regularizer       the activity regulariser: λ_u, f_u, λ_l, f_l (ALGORITHM.md §1, loss)
 * @param validation        the fraction of the training set held out for validation, in [0, 1):
 *                          drawn from the seed; {@code best.s3gd} is chosen on it
 * @param batchSize         samples per batch
 * @param learningRate      Adam's learning rate (betas 0.9, 0.999)
 * @param epochs            total number of epochs
 * @param seed              the run's seed: weight initialisation, validation split and the order of every epoch
 * @param threads           worker threads (the results do not depend on it)
 * @param initFrom          a NIR file whose weights the run starts from instead of random ones, or null
 * @param synthetic         the random-manifold task (used when {@code dataset} is synthetic)
 * @param keepPolarity      N-MNIST: ON and OFF events on separate inputs, an image of 2×34×34 instead of 1×34×34
 * @param startActivity     0, or the share of each spiking layer's entries that should be active on the first
 *                          training batch: the weights are scaled to it before training ({@link StartActivity})
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
    float surrogateScale,
    RegularizerParameters regularizer,
    double validation,
    int batchSize,
    double learningRate,
    int epochs,
    long seed,
    int threads,
    String initFrom,
    RandmanParameters synthetic,
    boolean keepPolarity,
    double startActivity) {

    /** The largest hidden layer accepted; beyond it the weight matrices alone strain any heap. */
    public static final int MAX_WIDTH = 1 << 16;
    /** The default share of the training set held out for validation. */
    public static final double DEFAULT_VALIDATION = 0.1;

    public TrainingConfig {
        if (dataset == null || layers == null || readout == null || initializer == null || regularizer == null
            || synthetic == null) {
            throw new IllegalArgumentException("dataset, layers, readout, initializer, regularizer and synthetic must be given");
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers (--hidden, --layers) needs at least one hidden layer");
        }
        requirePositive("batchSize (--batch)", batchSize);
        requirePositive("epochs (--epochs)", epochs);
        requirePositive("threads (--threads)", threads);
        requirePositive("steps T (--steps)", steps);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate (--lr) must be positive and finite, got " + learningRate);
        }
        // ALGORITHM.md §3: active iff |v − θ| < B_th; beyond θ every neuron at rest would count as active.
        if (!(backpropThreshold > 0f && backpropThreshold <= LifParameters.DEFAULT_THRESHOLD)) {
            throw new IllegalArgumentException("backpropThreshold (--backprop-threshold) B_th must be in (0, "
                + LifParameters.DEFAULT_THRESHOLD + "] (θ = 1), got " + backpropThreshold);
        }
        if (!(dtMillis > 0 && tauMemMillis > 0 && tauReadoutMillis > 0)
            || Double.isInfinite(dtMillis + tauMemMillis + tauReadoutMillis)) {
            throw new IllegalArgumentException("Δt, τ_mem and τ_readout (--dt, --tau-mem, --tau-readout) must be positive, got "
                + dtMillis + ", " + tauMemMillis + ", " + tauReadoutMillis + " ms");
        }
        if (!(surrogateScale > 0f) || Float.isInfinite(surrogateScale)) {
            throw new IllegalArgumentException("surrogateScale (--surrogate-scale) must be positive and finite, got "
                + surrogateScale);
        }
        if (!(validation >= 0 && validation < 1)) {
            throw new IllegalArgumentException("validation (--validation) must be in [0, 1), got " + validation);
        }
        if (keepPolarity && dataset != DatasetId.NMNIST) {
            throw new IllegalArgumentException("keepPolarity (--keep-polarity) is for N-MNIST only, the data set is "
                + dataset.folder());
        }
        if (!(startActivity >= 0 && startActivity < 1)) {
            throw new IllegalArgumentException("startActivity (--start-activity) must be in [0, 1), got " + startActivity);
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
     * The paper's settings for {@code dataset} (ALGORITHM.md §5), sparse method, B_th = 0.2, the
     * paper's surrogate and regulariser, 10 % of the training set for validation, seed 1, one
     * thread per available processor. The synthetic task has its own small preset.
     */
    public static TrainingConfig preset(DatasetId dataset) {
        int threads = Runtime.getRuntime().availableProcessors();
        RandmanParameters task = syntheticTask();
        float bth = NetworkConfig.DEFAULT_BACKPROP_THRESHOLD;
        float scale = Surrogate.DEFAULT_SCALE;
        double held = DEFAULT_VALIDATION;
        return switch (dataset) {
            case SYNTHETIC -> new TrainingConfig(dataset, task.steps(), 1.0, 10, 10, lif(128, 128), bth, ReadoutMode.MAX,
                Initializer.SCALED_NORMAL, scale, RegularizerParameters.paper(1f), held, 64, 5e-3, 10, 1L, threads, null, task, false, 0);
            case FASHION_MNIST -> new TrainingConfig(dataset, 100, 1.0, 10, 10, lif(200, 200), bth, ReadoutMode.MAX,
                Initializer.SCALED_NORMAL, scale, RegularizerParameters.paper(1f), held, 256, 2e-4, 100, 1L, threads, null, task, false, 0);
            case NMNIST -> new TrainingConfig(dataset, 300, 1.0, 10, 10, lif(200, 200), bth, ReadoutMode.MAX,
                Initializer.UNIFORM, scale, RegularizerParameters.paper(1f), held, 256, 2e-4, 100, 1L, threads, null, task, false, 0);
            case SHD -> new TrainingConfig(dataset, 500, 2.0, 10, 20, lif(200, 200), bth, ReadoutMode.SUM,
                Initializer.UNIFORM, scale, RegularizerParameters.paper(10f), held, 256, 1e-3, 200, 1L, threads, null, task, false, 0);
        };
    }

    /** Fully connected hidden layers from which {@link #forDepth()} applies the deep-stack settings. */
    public static final int DEEP_STACK = 3;

    /** σ's steepness for deep fully connected stacks (see {@link #forDepth()}). */
    public static final float DEEP_SURROGATE_SCALE = 3f;

    /**
     * The preset's settings for this stack's depth: with {@link #DEEP_STACK} or more hidden layers,
     * all fully connected (lif or rlif), σ's steepness becomes {@link #DEEP_SURROGATE_SCALE} instead
     * of the paper's 100. Measured on F-MNIST with five layers of 300 (sparse, seed 1): at 100 the
     * test accuracy peaks after the first epoch and declines (38.6 → 30.1 % in three), dense as
     * well; at 3 it rises to 78.5 % in eight epochs, the two-layer preset's accuracy, and dense
     * rises too. A flatter surrogate passes gradient through more layers of neurons that are
     * mostly far from threshold. Other stacks, and a stack whose scale was set, are unchanged.
     */
    public TrainingConfig forDepth() {
        boolean deep = layers.size() >= DEEP_STACK
            && layers.stream().allMatch(l -> l.kind() == StackLayer.Kind.LIF || l.kind() == StackLayer.Kind.RLIF);
        return deep ? withSurrogateScale(DEEP_SURROGATE_SCALE) : this;
    }

    private static List<StackLayer> lif(int... widths) {
        List<StackLayer> layers = new ArrayList<>();
        for (int width : widths) {
            layers.add(StackLayer.lif(width, BackwardMethod.SPARSE));
        }
        return layers;
    }

    /** The size of each hidden layer as {@link StackLayer#width} holds it, first to last. */
    public List<Integer> hidden() {
        return layers.stream().map(StackLayer::width).toList();
    }

    /** The method of each hidden layer, first to last (sparse for pooling and flatten). */
    public List<BackwardMethod> methods() {
        return layers.stream().map(StackLayer::method).toList();
    }

    /** The method of each layer with neurons, first to last. */
    private List<BackwardMethod> spikingMethods() {
        return layers.stream().filter(l -> l.kind().spiking()).map(StackLayer::method).toList();
    }

    /** {@code sparse} or {@code dense} when every layer runs that method, else {@code mixed}. */
    public String methodLabel() {
        List<BackwardMethod> distinct = spikingMethods().stream().distinct().toList();
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
        return layers.stream().map(StackLayer::label).collect(Collectors.joining(",")) + " (" + label + ")";
    }

    /** How the data set is turned into spike trains for this run. */
    public DatasetOptions datasetOptions() {
        DatasetOptions paper = DatasetOptions.paper(dataset).withSteps(dtMillis, steps).withPolarity(keepPolarity);
        return dataset == DatasetId.SYNTHETIC ? paper.withSynthetic(synthetic) : paper;
    }

    /** The hidden layers' neurons: β from Δt and τ_mem, θ = 1, this run's surrogate scale. */
    public LifParameters neuron() {
        return new LifParameters(LifParameters.decay(dtMillis, tauMemMillis), LifParameters.DEFAULT_THRESHOLD, surrogateScale);
    }

    /** The network for data with {@code inputs} input units and {@code classes} classes. */
    public NetworkConfig network(int inputs, int classes) {
        LifParameters neuron = neuron();
        List<LayerSpec> specs = new ArrayList<>();
        for (StackLayer layer : layers) {
            specs.add(layer.spec(neuron));
        }
        specs.add(new Readout(classes, LifParameters.decay(dtMillis, tauReadoutMillis), readout));
        return new NetworkConfig(inputs, specs, backpropThreshold, regularizer, dataset.shape(inputs));
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
        return with(b -> b.layers = newLayers);
    }

    /** Every hidden layer with {@code newMethod}. */
    public TrainingConfig withMethod(BackwardMethod newMethod) {
        return withLayers(layers.stream().map(layer -> layer.withMethod(newMethod)).toList());
    }

    public TrainingConfig withBackpropThreshold(float newThreshold) {
        return with(b -> b.backpropThreshold = newThreshold);
    }

    public TrainingConfig withReadout(ReadoutMode newReadout) {
        return with(b -> b.readout = newReadout);
    }

    public TrainingConfig withBatchSize(int newBatchSize) {
        return with(b -> b.batchSize = newBatchSize);
    }

    public TrainingConfig withLearningRate(double newLearningRate) {
        return with(b -> b.learningRate = newLearningRate);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return with(b -> b.epochs = newEpochs);
    }

    public TrainingConfig withSeed(long newSeed) {
        return with(b -> b.seed = newSeed);
    }

    public TrainingConfig withThreads(int newThreads) {
        return with(b -> b.threads = newThreads);
    }

    /** T; on the synthetic data set the task's steps follow. */
    public TrainingConfig withSteps(int newSteps) {
        return with(b -> {
            b.steps = newSteps;
            if (dataset == DatasetId.SYNTHETIC) {
                b.synthetic = synthetic.withSize(synthetic.inputs(), newSteps, synthetic.classes(), synthetic.trainPerClass(),
                    synthetic.testPerClass());
            }
        });
    }

    public TrainingConfig withDtMillis(double newDt) {
        return with(b -> b.dtMillis = newDt);
    }

    public TrainingConfig withTauMemMillis(double newTau) {
        return with(b -> b.tauMemMillis = newTau);
    }

    public TrainingConfig withTauReadoutMillis(double newTau) {
        return with(b -> b.tauReadoutMillis = newTau);
    }

    public TrainingConfig withInitializer(Initializer newInitializer) {
        return with(b -> b.initializer = newInitializer);
    }

    public TrainingConfig withSurrogateScale(float newScale) {
        return with(b -> b.surrogateScale = newScale);
    }

    public TrainingConfig withRegularizer(RegularizerParameters newRegularizer) {
        return with(b -> b.regularizer = newRegularizer);
    }

    public TrainingConfig withKeepPolarity(boolean keep) {
        return with(b -> b.keepPolarity = keep);
    }

    public TrainingConfig withStartActivity(double target) {
        return with(b -> b.startActivity = target);
    }

    public TrainingConfig withValidation(double newFraction) {
        return with(b -> b.validation = newFraction);
    }

    /** Start from the weights of the NIR file {@code file} (null: from random weights). */
    public TrainingConfig withInitFrom(String file) {
        return with(b -> b.initFrom = file);
    }

    /** A different synthetic task; on the synthetic data set T follows the task's steps. */
    public TrainingConfig withSynthetic(RandmanParameters newTask) {
        return with(b -> {
            b.synthetic = newTask;
            if (dataset == DatasetId.SYNTHETIC) {
                b.steps = newTask.steps();
            }
        });
    }

    private TrainingConfig with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The components, mutable, for the {@code with…} methods: each changes some and builds anew, which validates. */
    private static final class Builder {
        DatasetId dataset;
        int steps;
        double dtMillis;
        double tauMemMillis;
        double tauReadoutMillis;
        List<StackLayer> layers;
        float backpropThreshold;
        ReadoutMode readout;
        Initializer initializer;
        float surrogateScale;
        RegularizerParameters regularizer;
        double validation;
        int batchSize;
        double learningRate;
        int epochs;
        long seed;
        int threads;
        String initFrom;
        RandmanParameters synthetic;
        boolean keepPolarity;
        double startActivity;

        Builder(TrainingConfig c) {
            dataset = c.dataset;
            steps = c.steps;
            dtMillis = c.dtMillis;
            tauMemMillis = c.tauMemMillis;
            tauReadoutMillis = c.tauReadoutMillis;
            layers = c.layers;
            backpropThreshold = c.backpropThreshold;
            readout = c.readout;
            initializer = c.initializer;
            surrogateScale = c.surrogateScale;
            regularizer = c.regularizer;
            validation = c.validation;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            epochs = c.epochs;
            seed = c.seed;
            threads = c.threads;
            initFrom = c.initFrom;
            synthetic = c.synthetic;
            keepPolarity = c.keepPolarity;
            startActivity = c.startActivity;
        }

        TrainingConfig build() {
            return new TrainingConfig(dataset, steps, dtMillis, tauMemMillis, tauReadoutMillis, layers, backpropThreshold,
                readout, initializer, surrogateScale, regularizer, validation, batchSize, learningRate, epochs, seed, threads,
                initFrom, synthetic, keepPolarity, startActivity);
        }
    }
}
