package org.s3gd.layer.lif;

import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.layer.HiddenLayer;
import org.s3gd.model.Parameter;
import org.s3gd.model.Shape;
import org.s3gd.model.SpikingLayerSpec;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.SpikeGradient;

/**
 * What the two ways of running a LIF layer share: the spec, the weights (W, and V for a recurrent
 * layer), the kernels and workers, and a backward in three timed stages — the incoming gradient
 * turned into δ or ε, the weight gradients, the gradient sent to the input.
 */
abstract sealed class LifLayer implements HiddenLayer permits SparseLif, DenseLif {
    final SpikingLayerSpec spec;
    final int inputs;
    final int neurons;
    final int steps;
    final float backpropThreshold;
    final Parameter weights;
    /** V, or null for a feed-forward layer. */
    final Parameter recurrent;
    final Backend backend;
    final Workers workers;
    final Workspace workspace = new Workspace();
    private final long[] stageNanos = new long[3];

    /** @param parameters W, then V for a recurrent layer, as {@link org.s3gd.model.SpikingNetwork#layer} lists them */
    LifLayer(SpikingLayerSpec spec, int inputs, List<Parameter> parameters, int steps, float backpropThreshold,
             Backend backend, Workers workers) {
        this.spec = spec;
        this.inputs = inputs;
        this.neurons = spec.output(Shape.flat(inputs)).units();
        this.steps = steps;
        this.backpropThreshold = backpropThreshold;
        this.weights = parameters.get(0);
        this.recurrent = spec.recurrent() ? parameters.get(1) : null;
        this.backend = backend;
        this.workers = workers;
    }

    @Override
    public SpikingLayerSpec spec() {
        return spec;
    }

    @Override
    public int units() {
        return neurons;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public List<Parameter> parameters() {
        return recurrent == null ? List.of(weights) : List.of(weights, recurrent);
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
    abstract void firstStage();

    /** Stage 2: ∇W (and ∇V); reads what stage 1 left, changes nothing else, so it can be repeated. */
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
