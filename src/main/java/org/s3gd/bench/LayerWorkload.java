package org.s3gd.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.s3gd.engine.DenseBackward;
import org.s3gd.engine.DenseForward;
import org.s3gd.engine.SparseBackward;
import org.s3gd.engine.SparseForward;
import org.s3gd.engine.Workspace;
import org.s3gd.model.Initializer;
import org.s3gd.model.LifParameters;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.PoissonSpikes;
import org.s3gd.tensor.SpikeConversions;

/**
 * One hidden layer with both methods' state, for timing forward and backward side by side.
 *
 * <p>Its input is either Poisson spikes at a given rate, or given spikes (the output of a first
 * layer run on real or synthetic data). Its weights are the paper's F-MNIST initialisation scaled
 * by a gain, either calibrated so that the layer's activity (entries with |v − θ| &lt; B_th) hits a
 * target, since the paper's speedups are quoted at 1–2 % activity, or given. The previous layer's
 * active set (the entries whose spike gradient the sparse backward must produce) is drawn at the
 * same activity or given. Every buffer is allocated once; the timed operations allocate nothing.
 * Each pass has its own {@link Workspace}, so the scratch of each backward can be reported.
 */
public final class LayerWorkload {
    private final LayerShape shape;
    private final LifParameters neuron;
    private final float backpropThreshold;
    private final Workers workers;
    private final Workspace sparseForwardWorkspace = new Workspace();
    private final Workspace sparseBackwardWorkspace = new Workspace();
    private final Workspace denseForwardWorkspace = new Workspace();
    private final Workspace denseBackwardWorkspace = new Workspace();
    private final float[] weights;
    private final EventBatch input;
    private final float[] denseInput;
    private final EventBatch previousActive;
    // sparse state
    private final EventBatch spikes;
    private final EventBatch activeSet;
    private final int[] counts;
    private final float[][] sparseGrad;
    private final float[][] sparseGradSaved;
    private final float[][] previousGrad;
    private final float[] sparseWeightGrad;
    // dense state
    private final float[] membrane;
    private final float[] denseSpikes;
    private final float[] denseGrad;
    private final float[] denseGradSaved;
    private final float[] denseInputGrad;
    private final float[] denseWeightGrad;
    private final double activity;
    private final double gain;

    /**
     * Poisson input, previous active set drawn at the target activity, gain calibrated.
     *
     * @param inputRate      probability of an input spike per unit and step
     * @param targetActivity fraction of active entries to calibrate the weights for, e.g. 0.015
     */
    public LayerWorkload(LayerShape shape, float backpropThreshold, double inputRate, double targetActivity,
                         Workers workers, long seed) {
        this(shape, backpropThreshold, null, null, inputRate, targetActivity, Double.NaN, workers, seed);
    }

    /**
     * A layer fed with {@code input} (e.g. a first layer's {@link #outputSpikes()}) whose gradient
     * goes to {@code previousActive} (that layer's {@link #activeSet()}); the gain is calibrated
     * to {@code targetActivity}.
     */
    public static LayerWorkload calibrated(LayerShape shape, float backpropThreshold, EventBatch input,
                                           EventBatch previousActive, double targetActivity, Workers workers, long seed) {
        return new LayerWorkload(shape, backpropThreshold, input, previousActive, Double.NaN, targetActivity, Double.NaN,
            workers, seed);
    }

    /** As {@link #calibrated}, with the weights' gain given (e.g. one calibrated at another B_th). */
    public static LayerWorkload withGain(LayerShape shape, float backpropThreshold, EventBatch input,
                                         EventBatch previousActive, double gain, Workers workers, long seed) {
        return new LayerWorkload(shape, backpropThreshold, input, previousActive, Double.NaN, Double.NaN, gain,
            workers, seed);
    }

    private LayerWorkload(LayerShape shape, float backpropThreshold, EventBatch givenInput, EventBatch givenPrevious,
                          double inputRate, double targetActivity, double fixedGain, Workers workers, long seed) {
        this.shape = shape;
        this.neuron = LifParameters.of(shape.dtMillis(), shape.tauMemMillis());
        this.backpropThreshold = backpropThreshold;
        this.workers = workers;
        int b = shape.batch();
        int t = shape.steps();
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom inputRandom = random.split();
        SplittableRandom previousRandom = random.split();
        if (givenInput != null) {
            requireShape(givenInput, b, t, shape.inputs(), "input");
            requireShape(givenPrevious, b, t, shape.inputs(), "previous active set");
        }
        this.input = givenInput != null ? givenInput : PoissonSpikes.sample(b, t, shape.inputs(), inputRate, false, inputRandom);
        this.previousActive = givenPrevious != null ? givenPrevious
            : PoissonSpikes.sample(b, t, shape.inputs(), targetActivity, true, previousRandom);
        this.weights = new float[shape.inputs() * shape.neurons()];
        Initializer.SCALED_NORMAL.fill(weights, shape.inputs(), neuron.beta(), random.split());
        this.spikes = new EventBatch(b, t, shape.neurons(), false);
        this.activeSet = new EventBatch(b, t, shape.neurons(), true);
        this.counts = new int[b * shape.neurons()];
        this.gain = Double.isNaN(fixedGain) ? calibrate(targetActivity) : scale(weights.clone(), fixedGain);
        sparseForward();
        this.activity = (double) activeSet.totalCount() / ((double) b * t * shape.neurons());
        long inputSize = (long) b * t * shape.inputs();
        long historySize = (long) b * t * shape.neurons();
        this.denseInput = new float[Math.toIntExact(inputSize)];
        SpikeConversions.toDense(input, denseInput, workers);
        this.membrane = new float[Math.toIntExact(historySize)];
        this.denseSpikes = new float[membrane.length];
        this.denseGrad = new float[membrane.length];
        this.denseInputGrad = new float[denseInput.length];
        this.denseWeightGrad = new float[weights.length];
        this.sparseWeightGrad = new float[weights.length];
        denseForward();
        // ∂L/∂s as the layer above would send it: non-zero everywhere for the dense method; the sparse
        // method receives it only at its active entries.
        SplittableRandom gradients = random.split();
        this.denseGradSaved = new float[membrane.length];
        for (int k = 0; k < denseGradSaved.length; k++) {
            denseGradSaved[k] = (float) (gradients.nextDouble() - 0.5) * 1e-3f;
        }
        this.sparseGrad = new float[b][];
        this.sparseGradSaved = new float[b][];
        this.previousGrad = new float[b][];
        for (int s = 0; s < b; s++) {
            sparseGradSaved[s] = new float[activeSet.count(s)];
            sparseGrad[s] = new float[activeSet.count(s)];
            previousGrad[s] = new float[previousActive.count(s)];
        }
        SpikeConversions.gather(denseGradSaved, activeSet, sparseGradSaved, workers);
        restoreGradients();
    }

    // Bisection on a gain of the weights until the active fraction is within 10 % of the target.
    private double calibrate(double target) {
        float[] base = weights.clone();
        double low = 0.05;
        double high = 20;
        double total = (double) shape.batch() * shape.steps() * shape.neurons();
        double gain = 1;
        for (int iteration = 0; iteration < 40; iteration++) {
            gain = scale(base, Math.sqrt(low * high));
            sparseForward();
            double measured = activeSet.totalCount() / total;
            if (Math.abs(measured - target) < 0.1 * target) {
                return gain;
            }
            if (measured < target) {
                low = gain;
            } else {
                high = gain;
            }
        }
        return gain;
    }

    private double scale(float[] base, double factor) {
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (float) (base[k] * factor);
        }
        return factor;
    }

    private static void requireShape(EventBatch events, int batch, int steps, int units, String what) {
        if (events == null || events.batchSize() != batch || events.steps() != steps || events.units() != units) {
            throw new IllegalArgumentException(what + " must be " + batch + " samples × " + steps + " steps × " + units
                + " units, got " + (events == null ? "none" : events.batchSize() + " × " + events.steps() + " × "
                + events.units()));
        }
    }

    public LayerShape shape() {
        return shape;
    }

    /** Active entries / (B·T·N) of this layer. */
    public double activity() {
        return activity;
    }

    /** Input spikes / (B·T·N_in). */
    public double inputRate() {
        return (double) input.totalCount() / ((double) shape.batch() * shape.steps() * shape.inputs());
    }

    public void sparseForward() {
        SparseForward.run(neuron, backpropThreshold, weights, shape.inputs(), shape.neurons(), input, spikes, activeSet,
            counts, workers, sparseForwardWorkspace);
    }

    public void denseForward() {
        DenseForward.run(neuron, backpropThreshold, weights, shape.inputs(), shape.neurons(), shape.batch(), shape.steps(),
            denseInput, membrane, denseSpikes, counts, workers, denseForwardWorkspace);
    }

    /** Puts back the incoming spike gradients, which both backward passes overwrite in place. */
    public void restoreGradients() {
        System.arraycopy(denseGradSaved, 0, denseGrad, 0, denseGrad.length);
        for (int s = 0; s < sparseGrad.length; s++) {
            System.arraycopy(sparseGradSaved[s], 0, sparseGrad[s], 0, sparseGradSaved[s].length);
        }
    }

    /** Dense backward: surrogate and ε over the full history, ∇W = Xᵀ·E and ∂L/∂X = E·Wᵀ. */
    public void denseBackward() {
        denseEpsilon();
        denseWeightGradientStep();
        denseSpikeGradientStep();
    }

    /** The dense backward's first stage: ε over the full history, in place of the incoming gradient. */
    public void denseEpsilon() {
        DenseBackward.epsilon(neuron, shape.batch(), shape.steps(), shape.neurons(), denseGrad, membrane, workers,
            denseBackwardWorkspace);
    }

    /** ∇W = Xᵀ·E (reads ε, changes nothing else: can be repeated). */
    public void denseWeightGradientStep() {
        DenseBackward.weightGradient(shape.batch(), shape.steps(), shape.inputs(), shape.neurons(), denseInput, denseGrad,
            denseWeightGrad, workers);
    }

    /** ∂L/∂X = E·Wᵀ (reads ε, changes nothing else: can be repeated). */
    public void denseSpikeGradientStep() {
        DenseBackward.spikeGradient(shape.batch(), shape.steps(), shape.inputs(), shape.neurons(), denseGrad, weights,
            denseInputGrad, workers);
    }

    /** Sparse backward: δ at the active set, ∇W, and ∂L/∂x at the previous layer's active entries. */
    public void sparseBackward() {
        sparseSurrogate();
        sparseWeightGradientStep();
        sparseSpikeGradientStep();
    }

    /** The sparse backward's first stage: the surrogate at the active entries, in place. */
    public void sparseSurrogate() {
        SparseBackward.surrogate(neuron, activeSet, sparseGrad, workers);
    }

    /** Sparse ∇W over the active set (reads δ, changes nothing else: can be repeated). */
    public void sparseWeightGradientStep() {
        SparseBackward.weightGradient(neuron, shape.inputs(), shape.neurons(), input, activeSet, sparseGrad,
            sparseWeightGrad, workers, sparseBackwardWorkspace);
    }

    /** Sparse ∂L/∂x at the previous layer's active entries (reads δ, changes nothing else: can be repeated). */
    public void sparseSpikeGradientStep() {
        SparseBackward.spikeGradient(neuron, shape.inputs(), shape.neurons(), weights, activeSet, sparseGrad,
            previousActive, previousGrad, workers, sparseBackwardWorkspace);
    }

    /** Bytes the dense backward keeps from the forward: dense input and membrane histories. */
    public long denseKeptBytes() {
        return ((long) denseInput.length + membrane.length) * Float.BYTES;
    }

    /** Bytes the sparse backward keeps from the forward: input spikes and the active set. */
    public long sparseKeptBytes() {
        return input.liveBytes() + activeSet.liveBytes();
    }

    /**
     * Scratch the dense backward needs beyond what the forward kept: the spike-gradient history it
     * turns into ε in place (B·T·N), the input gradient (B·T·N_in), ∇W, and its workspace. GEMM's
     * per-thread packing panels are not included (they serve the forward too and do not grow with B·T).
     */
    public long denseTransientBytes() {
        return ((long) denseGrad.length + denseInputGrad.length + denseWeightGrad.length) * Float.BYTES
            + denseBackwardWorkspace.bytes();
    }

    /**
     * Scratch the sparse backward needs beyond what the forward kept: the spike gradient at this
     * layer's active entries, the input gradient at the previous layer's, ∇W, and its workspace.
     */
    public long sparseTransientBytes() {
        long entries = 0;
        for (int s = 0; s < sparseGrad.length; s++) {
            entries += sparseGrad[s].length + previousGrad[s].length;
        }
        return (entries + sparseWeightGrad.length) * Float.BYTES + sparseBackwardWorkspace.bytes();
    }

    /** Bytes held by the scratch workspace of each pass: sparse forward, sparse backward, dense forward, dense backward. */
    public long[] workspaceBytes() {
        return new long[] {sparseForwardWorkspace.bytes(), sparseBackwardWorkspace.bytes(), denseForwardWorkspace.bytes(),
            denseBackwardWorkspace.bytes()};
    }

    /** The weights' gain over the paper's initialisation (calibrated or given). */
    public double gain() {
        return gain;
    }

    public float backpropThreshold() {
        return backpropThreshold;
    }

    /** Output spikes of the last sparse forward: the input of a layer stacked on this one. */
    public EventBatch outputSpikes() {
        return spikes;
    }

    /** Active set of the last sparse forward. */
    public EventBatch activeSet() {
        return activeSet;
    }

    /** Output spikes / (B·T·N) of the last sparse forward. */
    public double spikeRate() {
        return (double) spikes.totalCount() / ((double) shape.batch() * shape.steps() * shape.neurons());
    }

    /** Input spikes, of B·T·N_in. */
    public long inputEvents() {
        return input.totalCount();
    }

    /** Active entries of the previous layer, of B·T·N_in. */
    public long previousActiveEntries() {
        return previousActive.totalCount();
    }

    /** Active entries / (B·T·N_in) of the previous layer, where the sparse backward writes ∂L/∂x. */
    public double previousActivity() {
        return (double) previousActive.totalCount() / ((double) shape.batch() * shape.steps() * shape.inputs());
    }

    /** Gradient of the last dense backward, for checks. */
    public float[] denseWeightGradient() {
        return denseWeightGrad;
    }

    public float[] sparseWeightGradient() {
        return sparseWeightGrad;
    }

    static double median(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
