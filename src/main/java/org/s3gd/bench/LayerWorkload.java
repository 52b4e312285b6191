package org.s3gd.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.s3gd.backend.Backend;
import org.s3gd.backend.Backends;
import org.s3gd.layer.lif.DenseLif;
import org.s3gd.layer.lif.SparseLif;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.LifParameters;
import org.s3gd.model.LinearLif;
import org.s3gd.model.Parameter;
import org.s3gd.model.ParameterShape;
import org.s3gd.model.Shape;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.SpikingLayerSpec;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.PoissonSpikes;
import org.s3gd.tensor.SpikeConversions;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * One hidden layer run both ways, for timing forward and backward side by side: a
 * {@link SparseLif} and a {@link DenseLif}, the very layer objects training uses, over two copies
 * of the same weights (so each method's gradients can be read apart).
 *
 * <p>Its input is either Poisson spikes at a given rate, or given spikes (the output of a first
 * layer run on real or synthetic data). Its weights are the paper's F-MNIST initialisation scaled
 * by a gain, either calibrated so that the layer's activity (entries with |v − θ| &lt; B_th) hits a
 * target, since the paper's speedups are quoted at 1–2 % activity, or given. The previous layer's
 * active set (the entries whose spike gradient the sparse backward must produce) is drawn at the
 * same activity or given; the dense backward produces the spike gradient everywhere, as the dense
 * method does. Every buffer is allocated before timing; the timed passes allocate nothing.
 */
public final class LayerWorkload {
    private final LayerShape shape;
    private final float backpropThreshold;
    private final Workers workers;
    private final List<Parameter> sparseParameters;
    private final List<Parameter> denseParameters;
    private final SparseLif sparse;
    private final DenseLif dense;
    private final EventBatch input;
    private final Spikes sparseInput;
    private final Spikes denseInput;
    private final EventBatch previousActive;
    private final float[][] previousGrad;
    private final SpikeGradient.AtEntries sparseTarget;
    private final SpikeGradient.Dense denseTarget;
    private final float[][] sparseGradSaved;
    private final float[] denseGradSaved;
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

    /**
     * A layer fed with {@code input} (the data, e.g. SHD's 700 units) whose input gradient goes to an
     * active set drawn at the target activity, as if a layer of that width fed it; the gain is
     * calibrated to {@code targetActivity}.
     */
    public static LayerWorkload onInput(LayerShape shape, float backpropThreshold, EventBatch input, double targetActivity,
                                        Workers workers, long seed) {
        return new LayerWorkload(shape, backpropThreshold, input, null, Double.NaN, targetActivity, Double.NaN, workers,
            seed);
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
        this.backpropThreshold = backpropThreshold;
        this.workers = workers;
        int b = shape.batch();
        int t = shape.steps();
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom inputRandom = random.split();
        SplittableRandom previousRandom = random.split();
        if (givenInput != null) {
            requireShape(givenInput, b, t, shape.inputs(), "input");
        }
        if (givenPrevious != null) {
            requireShape(givenPrevious, b, t, shape.inputs(), "previous active set");
        }
        this.input = givenInput != null ? givenInput : PoissonSpikes.sample(b, t, shape.inputs(), inputRate, false, inputRandom);
        this.previousActive = givenPrevious != null ? givenPrevious
            : PoissonSpikes.sample(b, t, shape.inputs(), targetActivity, true, previousRandom);
        LifParameters neuron = LifParameters.of(shape.dtMillis(), shape.tauMemMillis());
        SpikingLayerSpec spec = shape.recurrent() ? new RecurrentLif(shape.neurons(), neuron, BackwardMethod.SPARSE)
            : new LinearLif(shape.neurons(), neuron, BackwardMethod.SPARSE);
        this.sparseParameters = parameters(spec, shape.inputs());
        this.denseParameters = parameters(spec, shape.inputs());
        for (Parameter p : sparseParameters) {
            Initializer.SCALED_NORMAL.fill(p.value(), p.rows(), neuron.beta(), random.split());
        }
        Backend backend = Backends.standard();
        this.sparse = new SparseLif(spec, shape.inputs(), sparseParameters, t, backpropThreshold, backend, workers);
        this.dense = new DenseLif(spec.withMethod(BackwardMethod.DENSE), shape.inputs(), denseParameters, t,
            backpropThreshold, backend, workers);
        this.sparseInput = new Spikes.Events(input);
        this.gain = Double.isNaN(fixedGain) ? calibrate(targetActivity) : scale(copies(sparseParameters), fixedGain);
        for (int p = 0; p < sparseParameters.size(); p++) {
            System.arraycopy(sparseParameters.get(p).value(), 0, denseParameters.get(p).value(), 0,
                sparseParameters.get(p).size());
        }
        sparseForward();
        this.activity = (double) sparse.activeSet().totalCount() / ((double) b * t * shape.neurons());
        float[] dense01 = new float[Math.toIntExact((long) b * t * shape.inputs())];
        SpikeConversions.toDense(input, dense01, workers);
        this.denseInput = new Spikes.Dense(dense01, b, t, shape.inputs());
        this.denseTarget = new SpikeGradient.Dense(new float[dense01.length], b, t, shape.inputs());
        denseForward();
        // ∂L/∂s as the layer above would send it: non-zero everywhere for the dense method; the sparse
        // method receives it only at its active entries.
        SplittableRandom gradients = random.split();
        this.denseGradSaved = new float[Math.toIntExact((long) b * t * shape.neurons())];
        for (int k = 0; k < denseGradSaved.length; k++) {
            denseGradSaved[k] = (float) (gradients.nextDouble() - 0.5) * 1e-3f;
        }
        SpikeGradient.AtEntries atActive = (SpikeGradient.AtEntries) sparse.outputGradient();
        this.sparseGradSaved = new float[b][];
        this.previousGrad = new float[b][];
        for (int s = 0; s < b; s++) {
            sparseGradSaved[s] = new float[sparse.activeSet().count(s)];
            previousGrad[s] = new float[previousActive.count(s)];
        }
        SpikeConversions.gather(denseGradSaved, sparse.activeSet(), sparseGradSaved, workers);
        this.sparseTarget = new SpikeGradient.AtEntries(previousActive, previousGrad);
        restoreGradients();
        if (atActive.entries() != sparse.activeSet()) {
            throw new IllegalStateException("the sparse layer's gradient is not kept at its active set");
        }
    }

    private static List<Parameter> parameters(SpikingLayerSpec spec, int inputs) {
        List<Parameter> parameters = new ArrayList<>();
        for (ParameterShape p : spec.parameters(Shape.flat(inputs))) {
            parameters.add(new Parameter(p.role().name(2), p.rows(), p.cols()));
        }
        return parameters;
    }

    // Bisection on a gain of the weights until the active fraction is within 10 % of the target.
    private double calibrate(double target) {
        List<float[]> base = copies(sparseParameters);
        double low = 0.05;
        double high = 20;
        double total = (double) shape.batch() * shape.steps() * shape.neurons();
        double gain = 1;
        for (int iteration = 0; iteration < 40; iteration++) {
            gain = scale(base, Math.sqrt(low * high));
            sparseForward();
            double measured = sparse.activeSet().totalCount() / total;
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

    private static List<float[]> copies(List<Parameter> parameters) {
        return parameters.stream().map(p -> p.value().clone()).toList();
    }

    // The sparse layer's weights = base · factor (every matrix of the layer).
    private double scale(List<float[]> base, double factor) {
        for (int p = 0; p < sparseParameters.size(); p++) {
            float[] weights = sparseParameters.get(p).value();
            float[] from = base.get(p);
            for (int k = 0; k < weights.length; k++) {
                weights[k] = (float) (from[k] * factor);
            }
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
        sparse.forward(sparseInput, true);
    }

    public void denseForward() {
        dense.forward(denseInput, true);
    }

    /** Puts back the incoming spike gradients, which both backward passes overwrite in place. */
    public void restoreGradients() {
        SpikeGradient.Dense into = (SpikeGradient.Dense) dense.outputGradient();
        System.arraycopy(denseGradSaved, 0, into.values(), 0, denseGradSaved.length);
        float[][] sparseGrad = ((SpikeGradient.AtEntries) sparse.outputGradient()).values();
        for (int s = 0; s < sparseGradSaved.length; s++) {
            System.arraycopy(sparseGradSaved[s], 0, sparseGrad[s], 0, sparseGradSaved[s].length);
        }
    }

    /** Dense backward: surrogate and ε over the full history, ∇W = Xᵀ·E and ∂L/∂X = E·Wᵀ. */
    public void denseBackward() {
        dense.backward(denseTarget);
    }

    /** The dense backward's first stage: ε over the full history, in place of the incoming gradient. */
    public void denseEpsilon() {
        dense.epsilon();
    }

    /** ∇W = Xᵀ·E (reads ε, changes nothing else: can be repeated). */
    public void denseWeightGradientStep() {
        dense.weightGradient();
    }

    /** ∂L/∂X = E·Wᵀ (reads ε, changes nothing else: can be repeated). */
    public void denseSpikeGradientStep() {
        dense.inputGradient(denseTarget);
    }

    /** Sparse backward: δ at the active set, ∇W, and ∂L/∂x at the previous layer's active entries. */
    public void sparseBackward() {
        sparse.backward(sparseTarget);
    }

    /** The sparse backward's first stage: the surrogate (and recurrence) at the active entries, in place. */
    public void sparseSurrogate() {
        sparse.surrogate();
    }

    /** Sparse ∇W over the active set (reads δ, changes nothing else: can be repeated). */
    public void sparseWeightGradientStep() {
        sparse.weightGradient();
    }

    /** Sparse ∂L/∂x at the previous layer's active entries (reads δ, changes nothing else: can be repeated). */
    public void sparseSpikeGradientStep() {
        sparse.inputGradient(sparseTarget);
    }

    /** Bytes the dense backward keeps from the forward ({@link org.s3gd.layer.KeptBytes}). */
    public long denseKeptBytes() {
        return dense.keptBytes();
    }

    /** Bytes the sparse backward keeps from the forward ({@link org.s3gd.layer.KeptBytes}). */
    public long sparseKeptBytes() {
        return sparse.keptBytes();
    }

    /**
     * Scratch the dense backward needs beyond what the forward kept: the spike-gradient history it
     * turns into ε in place (B·T·N), the input gradient (B·T·N_in), the weight gradients, and its
     * workspace. GEMM's per-thread packing panels are not included (they serve the forward too and
     * do not grow with B·T).
     */
    public long denseTransientBytes() {
        return dense.transientBytes() + ((long) denseTarget.values().length + weightCount()) * Float.BYTES;
    }

    /**
     * Scratch the sparse backward needs beyond what the forward kept: the spike gradient at this
     * layer's active entries, the input gradient at the previous layer's, the weight gradients, and
     * its workspace.
     */
    public long sparseTransientBytes() {
        long entries = 0;
        float[][] grad = ((SpikeGradient.AtEntries) sparse.outputGradient()).values();
        for (int s = 0; s < sparseGradSaved.length; s++) {
            entries += grad[s].length + previousGrad[s].length;
        }
        return (entries + weightCount()) * Float.BYTES + sparse.workspaceBytes();
    }

    private long weightCount() {
        return sparseParameters.stream().mapToLong(Parameter::size).sum();
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
        return sparse.spikes();
    }

    /** Active set of the last sparse forward. */
    public EventBatch activeSet() {
        return sparse.activeSet();
    }

    /** Output spikes / (B·T·N) of the last sparse forward. */
    public double spikeRate() {
        return (double) sparse.spikes().totalCount() / ((double) shape.batch() * shape.steps() * shape.neurons());
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

    /** ∇W of the last dense backward, for checks. */
    public float[] denseWeightGradient() {
        return denseParameters.get(0).gradient();
    }

    /** ∇W of the last sparse backward, for checks. */
    public float[] sparseWeightGradient() {
        return sparseParameters.get(0).gradient();
    }

    /** The gradients of the last dense backward, W then V. */
    public List<float[]> denseGradients() {
        return denseParameters.stream().map(Parameter::gradient).toList();
    }

    /** The gradients of the last sparse backward, W then V. */
    public List<float[]> sparseGradients() {
        return sparseParameters.stream().map(Parameter::gradient).toList();
    }

    static double median(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
