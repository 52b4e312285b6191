package org.s3gd.layer.lif;

import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.layer.KeptBytes;
import org.s3gd.model.Parameter;
import org.s3gd.model.SpikingLayerSpec;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.SpikeConversions;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * A LIF layer (feed-forward or recurrent) run with Sparse Spiking Gradient Descent: event-driven
 * forward that keeps only the active set, and a backward pass over the active entries only
 * (ALGORITHM.md §3, §7). Its backward has three stages, public so that benchmarks can time them
 * one by one on the very objects training uses: {@link #surrogate()}, {@link #weightGradient()},
 * {@link #inputGradient}.
 */
public final class SparseLif extends LifLayer {
    private static final List<String> STAGES = List.of("surrogate", "weight gradient", "input gradient");
    private static final List<String> RECURRENT_STAGES = List.of("recurrence and surrogate", "weight gradients",
        "input gradient");

    private final EventBatch inputBuffer;
    private final EventBatch spikes;
    private final EventBatch activeSet;
    private EventBatch input;
    private int[] counts = new int[0];
    private float[][] grad = new float[0][];
    private long active;
    private boolean trained;

    /** @param parameters W, then V for a recurrent layer, as {@link org.s3gd.model.SpikingNetwork#layer} lists them */
    public SparseLif(SpikingLayerSpec spec, int inputs, List<Parameter> parameters, int steps, float backpropThreshold,
                     Backend backend, Workers workers) {
        super(spec, inputs, parameters, steps, backpropThreshold, backend, workers);
        this.inputBuffer = new EventBatch(0, steps, inputs, false);
        this.spikes = new EventBatch(0, steps, neurons, false);
        this.activeSet = new EventBatch(0, steps, neurons, true);
    }

    @Override
    public Spikes forward(Spikes in, boolean training) {
        input = SpikeConversions.events(in, inputBuffer, workers);
        int batch = input.batchSize();
        if (counts.length < batch * neurons) {
            counts = new int[batch * neurons];
        }
        SparseForward.run(backend.lif(), spec.neuron(), backpropThreshold, weights.value(),
            recurrent == null ? null : recurrent.value(), inputs, neurons, input, spikes, training ? activeSet : null,
            counts, workers, workspace);
        active = training ? activeSet.totalCount() : 0;
        trained = training;
        return new Spikes.Events(spikes);
    }

    @Override
    public SpikeGradient outputGradient() {
        requireTrainingForward();
        grad = SpikeConversions.sizedFor(activeSet, grad);
        return new SpikeGradient.AtEntries(activeSet, grad);
    }

    @Override
    public void firstStage() {
        surrogate();
    }

    /**
     * Stage 1: the gradients at the active entries become {@code δ} in place — times σ'(v), after
     * the recurrent walk adds what flows back through V in a recurrent layer.
     */
    public void surrogate() {
        requireTrainingForward();
        if (recurrent == null) {
            SparseBackward.surrogate(spec.neuron(), activeSet, grad, workers);
        } else {
            SparseBackward.recurrentDelta(backend.sparse(), spec.neuron(), neurons, recurrent.value(), activeSet, grad,
                workers, workspace);
        }
    }

    /** Stage 2: {@code ∇W} (and {@code ∇V}) from δ; reads δ, changes nothing else, so it can be repeated. */
    @Override
    public void weightGradient() {
        SparseBackward.weightGradient(backend.sparse(), backend.vectors(), spec.neuron(), inputs, neurons, input, activeSet,
            grad, weights.gradient(), "input", workers, workspace);
        if (recurrent != null) {
            SparseBackward.weightGradient(backend.sparse(), backend.vectors(), spec.neuron(), neurons, neurons, spikes,
                activeSet, grad, recurrent.gradient(), "recurrent", workers, workspace);
        }
    }

    /**
     * Stage 3: {@code ∂L/∂x} into {@code target} (nothing when it is null): only at its entries
     * when the previous layer keeps an active set, everywhere when it is dense. Reads δ, changes
     * nothing else.
     */
    @Override
    public void inputGradient(SpikeGradient target) {
        switch (target) {
            case null -> {
            }
            case SpikeGradient.AtEntries at -> SparseBackward.spikeGradient(backend.sparse(), spec.neuron(), inputs, neurons,
                weights.value(), activeSet, grad, at.entries(), at.values(), workers, workspace);
            case SpikeGradient.Dense dense -> SparseBackward.spikeGradientDense(backend.sparse(), spec.neuron(), inputs,
                neurons, weights.value(), activeSet, grad, dense.values(), workers, workspace);
        }
    }

    @Override
    public int[] spikeCounts() {
        return counts;
    }

    @Override
    public long activeEntries() {
        return active;
    }

    /** The active set of the last training forward, with membrane values. */
    public EventBatch activeSet() {
        return activeSet;
    }

    /** The output spikes of the last forward. */
    public EventBatch spikes() {
        return spikes;
    }

    @Override
    public long keptBytes() {
        return KeptBytes.sparse(input.totalCount(), activeSet.totalCount(), spikes.totalCount(), recurrent != null,
            input.batchSize(), input.steps());
    }

    @Override
    public List<String> stages() {
        return recurrent == null ? STAGES : RECURRENT_STAGES;
    }

    private void requireTrainingForward() {
        if (!trained) {
            throw new IllegalStateException(spec.kind() + " layer: the backward pass needs a training forward pass first");
        }
    }
}
