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
 * <p>Its input spikes are Poisson at a given rate; its weights are the paper's F-MNIST
 * initialisation scaled so that the layer's activity (entries with |v − θ| &lt; B_th) hits a target,
 * since the paper's speedups are quoted at 1–2 % activity. The previous layer's active set (the
 * entries whose spike gradient the sparse backward must produce) is drawn at the same activity.
 * Every buffer is allocated once; the timed operations allocate nothing.
 */
public final class LayerWorkload {
    private final LayerShape shape;
    private final LifParameters neuron;
    private final float backpropThreshold;
    private final Workers workers;
    private final Workspace workspace = new Workspace();
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

    /**
     * @param inputRate      probability of an input spike per unit and step
     * @param targetActivity fraction of active entries to calibrate the weights for, e.g. 0.015
     */
    public LayerWorkload(LayerShape shape, float backpropThreshold, double inputRate, double targetActivity,
                         Workers workers, long seed) {
        this.shape = shape;
        this.neuron = LifParameters.of(shape.dtMillis(), shape.tauMemMillis());
        this.backpropThreshold = backpropThreshold;
        this.workers = workers;
        int b = shape.batch();
        int t = shape.steps();
        SplittableRandom random = new SplittableRandom(seed);
        this.input = PoissonSpikes.sample(b, t, shape.inputs(), inputRate, false, random.split());
        this.previousActive = PoissonSpikes.sample(b, t, shape.inputs(), targetActivity, true, random.split());
        this.weights = new float[shape.inputs() * shape.neurons()];
        Initializer.SCALED_NORMAL.fill(weights, shape.inputs(), neuron.beta(), random.split());
        this.spikes = new EventBatch(b, t, shape.neurons(), false);
        this.activeSet = new EventBatch(b, t, shape.neurons(), true);
        this.counts = new int[b * shape.neurons()];
        calibrate(targetActivity);
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
            int[] offsets = activeSet.offsets(s);
            for (int step = 0; step < t; step++) {
                for (int e = offsets[step]; e < offsets[step + 1]; e++) {
                    int j = activeSet.unit(s)[e];
                    sparseGradSaved[s][e] = denseGradSaved[(s * t + step) * shape.neurons() + j];
                }
            }
            previousGrad[s] = new float[previousActive.count(s)];
        }
        restoreGradients();
    }

    // Bisection on a gain of the weights until the active fraction is within 10 % of the target.
    private void calibrate(double target) {
        float[] base = weights.clone();
        double low = 0.05;
        double high = 20;
        double total = (double) shape.batch() * shape.steps() * shape.neurons();
        for (int iteration = 0; iteration < 40; iteration++) {
            double gain = Math.sqrt(low * high);
            for (int k = 0; k < weights.length; k++) {
                weights[k] = (float) (base[k] * gain);
            }
            sparseForward();
            double measured = activeSet.totalCount() / total;
            if (Math.abs(measured - target) < 0.1 * target) {
                return;
            }
            if (measured < target) {
                low = gain;
            } else {
                high = gain;
            }
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
            counts, workers, workspace);
    }

    public void denseForward() {
        DenseForward.run(neuron, backpropThreshold, weights, shape.inputs(), shape.neurons(), shape.batch(), shape.steps(),
            denseInput, membrane, denseSpikes, counts, workers, workspace);
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
        DenseBackward.epsilon(neuron, shape.batch(), shape.steps(), shape.neurons(), denseGrad, membrane, workers, workspace);
        DenseBackward.weightGradient(shape.batch(), shape.steps(), shape.inputs(), shape.neurons(), denseInput, denseGrad,
            denseWeightGrad, workers);
        DenseBackward.spikeGradient(shape.batch(), shape.steps(), shape.inputs(), shape.neurons(), denseGrad, weights,
            denseInputGrad, workers);
    }

    /** Sparse backward: δ at the active set, ∇W, and ∂L/∂x at the previous layer's active entries. */
    public void sparseBackward() {
        SparseBackward.surrogate(neuron, activeSet, sparseGrad, workers);
        SparseBackward.weightGradient(neuron, shape.inputs(), shape.neurons(), input, activeSet, sparseGrad,
            sparseWeightGrad, workers, workspace);
        SparseBackward.spikeGradient(neuron, shape.inputs(), shape.neurons(), weights, activeSet, sparseGrad,
            previousActive, previousGrad, workers, workspace);
    }

    /** Bytes the dense backward keeps from the forward: dense input and membrane histories. */
    public long denseKeptBytes() {
        return ((long) denseInput.length + membrane.length) * Float.BYTES;
    }

    /** Bytes the sparse backward keeps from the forward: input spikes and the active set. */
    public long sparseKeptBytes() {
        return input.liveBytes() + activeSet.liveBytes();
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
