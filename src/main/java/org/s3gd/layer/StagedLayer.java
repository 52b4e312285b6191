package org.s3gd.layer;

import org.s3gd.backend.Backend;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.SpikeGradient;

/**
 * What every layer of neurons shares, fully connected or convolutional, dense or sparse: T, B_th,
 * the backend's kernels, the workers and the layer's named scratch, and a backward in three timed
 * stages — the incoming gradient turned into δ (sparse) or ε (dense), the weight gradients, the
 * gradient sent to the input. The benchmarks time the stages one by one on the objects training
 * uses; each of the last two can be repeated.
 */
public abstract class StagedLayer implements HiddenLayer {
    protected final int steps;
    protected final float backpropThreshold;
    protected final Backend backend;
    protected final Workers workers;
    protected final Workspace workspace = new Workspace();
    private final long[] stageNanos = new long[3];

    protected StagedLayer(int steps, float backpropThreshold, Backend backend, Workers workers) {
        this.steps = steps;
        this.backpropThreshold = backpropThreshold;
        this.backend = backend;
        this.workers = workers;
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

    /** Stage 2: the weight gradients; reads what stage 1 left, changes nothing else, so it can be repeated. */
    public abstract void weightGradient();

    /** Stage 3: ∂L/∂x into {@code target}, nothing when it is null; can be repeated. */
    public abstract void inputGradient(SpikeGradient target);

    @Override
    public long[] stageNanos() {
        return stageNanos.clone();
    }

    /** Scratch held by this layer's kernels, for memory reports. */
    public long workspaceBytes() {
        return workspace.bytes();
    }
}
