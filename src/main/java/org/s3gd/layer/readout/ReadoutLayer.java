package org.s3gd.layer.readout;

import org.s3gd.backend.Backend;
import org.s3gd.model.Parameter;
import org.s3gd.model.Readout;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.SpikeConversions;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * The readout as the runner drives it (ALGORITHM.md §1): spikes in, logits out, and back. It
 * follows the form of what it is given: spikes as events are read event by event and the gradient
 * goes only to an active set; a dense history goes through matmuls. It owns its buffers and reuses
 * them from batch to batch.
 */
public final class ReadoutLayer {
    private final Readout spec;
    private final int inputs;
    private final Parameter weights;
    private final int steps;
    private final Backend backend;
    private final Workers workers;
    private final Workspace workspace = new Workspace();
    private Spikes input;
    private int batch;
    private float[] logits = new float[0];
    private int[] peakStep = new int[0];
    /** The current of every step {@code [B][T][O]} in a dense forward, then ε^r in a dense backward. */
    private float[] history = new float[0];
    private float[] denseInput = new float[0];
    private float[] denseGradient = new float[0];

    public ReadoutLayer(Readout spec, int inputs, Parameter weights, int steps, Backend backend, Workers workers) {
        this.spec = spec;
        this.inputs = inputs;
        this.weights = weights;
        this.steps = steps;
        this.backend = backend;
        this.workers = workers;
    }

    public Readout spec() {
        return spec;
    }

    public Parameter weights() {
        return weights;
    }

    /** Logits {@code [B][O]} of {@code in}; valid until the next call. */
    public float[] forward(Spikes in) {
        input = in;
        batch = in.batch();
        int outputs = spec.outputs();
        if (logits.length < batch * outputs) {
            logits = new float[batch * outputs];
            peakStep = new int[batch * outputs];
        }
        switch (in) {
            case Spikes.Events events -> ReadoutPasses.forwardSparse(backend.readout(), spec.beta(), spec.mode(),
                weights.value(), inputs, outputs, events.events(), logits, peakStep, workers, workspace);
            case Spikes.Dense dense -> {
                history = grown(history, Math.multiplyExact(Math.multiplyExact(batch, steps), outputs));
                ReadoutPasses.forwardDense(backend.gemm(), spec.beta(), spec.mode(), weights.value(), inputs, outputs, batch,
                    steps, dense.values(), history, logits, peakStep, workers, workspace);
            }
        }
        return logits;
    }

    /** Fills ∇W_out and writes ∂L/∂s of the last hidden layer into {@code target}, from ∂L/∂logit {@code [B][O]}. */
    public void backward(float[] logitGrad, SpikeGradient target) {
        int outputs = spec.outputs();
        if (input instanceof Spikes.Events events && target instanceof SpikeGradient.AtEntries at) {
            ReadoutBackward.sparse(backend.readout(), spec.beta(), spec.mode(), weights.value(), inputs, outputs,
                events.events(), at.entries(), logitGrad, peakStep, weights.gradient(), at.values(), workers, workspace);
            return;
        }
        int rows = Math.multiplyExact(batch, steps);
        history = grown(history, Math.multiplyExact(rows, outputs));
        if (input instanceof Spikes.Events) {
            denseInput = grown(denseInput, Math.multiplyExact(rows, inputs));
        }
        float[] spikes = SpikeConversions.dense(input, denseInput, workers);
        float[] spikeGrad;
        if (target instanceof SpikeGradient.Dense dense) {
            spikeGrad = dense.values();
        } else {
            denseGradient = grown(denseGradient, Math.multiplyExact(rows, inputs));
            spikeGrad = denseGradient;
        }
        ReadoutBackward.dense(backend.gemm(), spec.beta(), spec.mode(), weights.value(), inputs, outputs, batch, steps,
            spikes, logitGrad, peakStep, history, weights.gradient(), spikeGrad, workers);
        if (target instanceof SpikeGradient.AtEntries) {
            SpikeConversions.write(spikeGrad, target, workers);
        }
    }

    private static float[] grown(float[] buffer, int size) {
        return buffer.length < size ? new float[size] : buffer;
    }
}
