package org.s3gd.layer.conv;

import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.layer.HiddenLayer;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.Parameter;
import org.s3gd.model.Shape;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.SpikeGradient;

/**
 * What the two ways of running a convolutional LIF layer share (ALGORITHM.md §8): the geometry,
 * K, the kernels and workers, and a backward in three timed stages as a fully connected layer's —
 * the incoming gradient turned into δ or ε, ∇K, the gradient sent to the input.
 */
public abstract sealed class ConvLayer implements HiddenLayer permits SparseConvLif, DenseConvLif {
    private static final List<String> STAGES = List.of("surrogate", "kernel gradient", "input gradient");

    final Conv2dLif spec;
    final ConvGeometry geometry;
    final int steps;
    final float backpropThreshold;
    final Parameter kernel;
    final Backend backend;
    final Workers workers;
    final Workspace workspace = new Workspace();
    private final long[] stageNanos = new long[3];

    ConvLayer(Conv2dLif spec, Shape input, List<Parameter> parameters, int steps, float backpropThreshold, Backend backend,
              Workers workers) {
        this.spec = spec;
        this.geometry = ConvGeometry.of(spec, input);
        this.steps = steps;
        this.backpropThreshold = backpropThreshold;
        this.kernel = parameters.get(0);
        if (kernel.rows() != geometry.patch() || kernel.cols() != geometry.outChannels()) {
            throw new IllegalArgumentException("conv layer: K is " + kernel.rows() + "×" + kernel.cols() + ", expected "
                + geometry.patch() + "×" + geometry.outChannels());
        }
        this.backend = backend;
        this.workers = workers;
    }

    @Override
    public Conv2dLif spec() {
        return spec;
    }

    @Override
    public int inputs() {
        return geometry.inputs();
    }

    @Override
    public int units() {
        return geometry.neurons();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(kernel);
    }

    @Override
    public final void backward(SpikeGradient inputGradient) {
        long start = System.nanoTime();
        firstStage();
        long afterFirst = System.nanoTime();
        weightGradient();
        long afterWeights = System.nanoTime();
        inputGradient(inputGradient);
        stageNanos[0] = afterFirst - start;
        stageNanos[1] = afterWeights - afterFirst;
        stageNanos[2] = System.nanoTime() - afterWeights;
    }

    /** Stage 1: the gradient at the layer's spikes becomes δ (sparse) or ε (dense) in place. */
    public abstract void firstStage();

    /** Stage 2: ∇K; reads what stage 1 left, changes nothing else, so it can be repeated. */
    public abstract void weightGradient();

    /** Stage 3: ∂L/∂x into {@code target}, nothing when it is null; can be repeated. */
    public abstract void inputGradient(SpikeGradient target);

    @Override
    public List<String> stages() {
        return STAGES;
    }

    @Override
    public long[] stageNanos() {
        return stageNanos.clone();
    }

    /** Adds the per-chunk partial sums of ∇K in chunk order, so the result does not depend on the threads. */
    static void reduce(float[][] partials, float[] gradient) {
        java.util.Arrays.fill(gradient, 0f);
        for (float[] partial : partials) {
            for (int k = 0; k < gradient.length; k++) {
                gradient[k] += partial[k];
            }
        }
    }
}
