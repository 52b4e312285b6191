package org.s3gd.layer.lif;

import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.layer.KeptBytes;
import org.s3gd.model.Parameter;
import org.s3gd.model.SpikingLayerSpec;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.SpikeConversions;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * A LIF layer (feed-forward or recurrent) run with the paper's "original" method: dense matmuls
 * over the full history, the whole membrane history kept, dense surrogate-gradient BPTT
 * (ALGORITHM.md §1–2, §7). Vectorised and multi-threaded like the sparse method, so that every
 * speedup is measured against a fair baseline. Stages as in {@link SparseLif}: {@link #epsilon()},
 * {@link #weightGradient()}, {@link #inputGradient}.
 */
public final class DenseLif extends LifLayer {
    private static final List<String> STAGES = List.of("epsilon", "weight gradient", "input gradient");
    private static final List<String> RECURRENT_STAGES = List.of("epsilon with recurrence", "weight gradients",
        "input gradient");

    private float[] inputBuffer = new float[0];
    private float[] input;
    /** {@code v[B][T][N]}, {@code s[B][T][N]}, and ∂L/∂s then ε. */
    private float[] membrane = new float[0];
    private float[] spikes = new float[0];
    private float[] grad = new float[0];
    private float[] inputGradBuffer = new float[0];
    private int[] counts = new int[0];
    private int batch;
    private long active;

    /** @param parameters W, then V for a recurrent layer */
    public DenseLif(SpikingLayerSpec spec, int inputs, List<Parameter> parameters, int steps, float backpropThreshold,
                    Backend backend, Workers workers) {
        super(spec, inputs, parameters, steps, backpropThreshold, backend, workers);
    }

    @Override
    public Spikes forward(Spikes in, boolean training) {
        batch = in.batch();
        int history = Math.multiplyExact(Math.multiplyExact(batch, steps), neurons);
        if (membrane.length < history) {
            membrane = new float[history];
            spikes = new float[history];
            grad = new float[history];
        }
        if (counts.length < batch * neurons) {
            counts = new int[batch * neurons];
        }
        if (in instanceof Spikes.Events) {
            inputBuffer = grown(inputBuffer, Math.multiplyExact(Math.multiplyExact(batch, steps), inputs));
        }
        input = SpikeConversions.dense(in, inputBuffer, workers);
        active = DenseForward.run(backend, spec.neuron(), backpropThreshold, weights.value(),
            recurrent == null ? null : recurrent.value(), inputs, neurons, batch, steps, input, membrane, spikes, counts,
            workers, workspace);
        return new Spikes.Dense(spikes, batch, steps, neurons);
    }

    @Override
    public SpikeGradient outputGradient() {
        return new SpikeGradient.Dense(grad, batch, steps, neurons);
    }

    @Override
    public void firstStage() {
        epsilon();
    }

    /** Stage 1: the incoming {@code ∂L/∂s} becomes ε in place, over the full history. */
    public void epsilon() {
        if (recurrent == null) {
            DenseBackward.epsilon(backend, spec.neuron(), batch, steps, neurons, grad, membrane, workers, workspace);
        } else {
            DenseBackward.recurrentEpsilon(backend, spec.neuron(), batch, steps, neurons, grad, membrane, recurrent.value(),
                workers, workspace);
        }
    }

    /** Stage 2: {@code ∇W = Xᵀ·E} (and {@code ∇V = Sᵀ·E}); reads ε, changes nothing else. */
    @Override
    public void weightGradient() {
        DenseBackward.weightGradient(backend, batch, steps, inputs, neurons, input, grad, weights.gradient(), workers);
        if (recurrent != null) {
            DenseBackward.weightGradient(backend, batch, steps, neurons, neurons, spikes, grad, recurrent.gradient(), workers);
        }
    }

    /** Stage 3: {@code ∂L/∂X = E·Wᵀ} into {@code target} (nothing when null), read at its entries if it keeps an active set. */
    @Override
    public void inputGradient(SpikeGradient target) {
        switch (target) {
            case null -> {
            }
            case SpikeGradient.Dense dense -> DenseBackward.spikeGradient(backend, batch, steps, inputs, neurons, grad,
                weights.value(), dense.values(), workers);
            case SpikeGradient.AtEntries at -> {
                inputGradBuffer = grown(inputGradBuffer, Math.multiplyExact(Math.multiplyExact(batch, steps), inputs));
                DenseBackward.spikeGradient(backend, batch, steps, inputs, neurons, grad, weights.value(), inputGradBuffer,
                    workers);
                SpikeConversions.write(inputGradBuffer, at, workers);
            }
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

    @Override
    public long keptBytes() {
        return KeptBytes.dense(batch, steps, inputs, neurons, recurrent != null);
    }

    /** Scratch the backward needs beyond what the forward kept: ∂L/∂s (then ε), ∂L/∂X where converted, and the workspace. */
    public long transientBytes() {
        return ((long) batch * steps * neurons + inputGradBuffer.length) * Float.BYTES + workspace.bytes();
    }

    @Override
    public List<String> stages() {
        return recurrent == null ? STAGES : RECURRENT_STAGES;
    }

    private static float[] grown(float[] buffer, int size) {
        return buffer.length < size ? new float[size] : buffer;
    }
}
