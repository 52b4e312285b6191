package org.s3gd.engine;

import org.s3gd.model.BackwardMethod;
import org.s3gd.tensor.EventBatch;

/**
 * What one hidden layer keeps between its forward and backward pass, in the form its method needs:
 * the sparse method keeps output spikes and the active set (with membrane values); the dense one
 * keeps full membrane and spike histories. Buffers grow to the largest batch seen and are reused.
 */
final class LayerBuffers {
    final int inputs;
    final int neurons;
    final int steps;
    final BackwardMethod method;
    /** Output spikes as events (sparse layers, and dense layers feeding a sparse consumer). */
    final EventBatch spikes;
    /** Active entries with their membrane potential (sparse layers). */
    final EventBatch activeSet;
    /** ∂L/∂s at the active entries, then δ (sparse layers). */
    float[][] grad = new float[0][];
    /** Dense input {@code [B][T][inputs]} when it has to be materialised from events (dense layers). */
    float[] denseInput = new float[0];
    /** {@code v[B][T][N]}, {@code s[B][T][N]}, and ∂L/∂s then ε (dense layers). */
    float[] membrane = new float[0];
    float[] denseSpikes = new float[0];
    float[] denseGrad = new float[0];
    int[] counts = new int[0];
    float[] countGrad = new float[0];
    /** Entries with |v − θ| &lt; B_th in the last forward pass. */
    long active;
    long forwardNanos;
    long backwardNanos;

    LayerBuffers(int inputs, int neurons, int steps, BackwardMethod method) {
        this.inputs = inputs;
        this.neurons = neurons;
        this.steps = steps;
        this.method = method;
        this.spikes = new EventBatch(0, steps, neurons, false);
        this.activeSet = method == BackwardMethod.SPARSE ? new EventBatch(0, steps, neurons, true) : null;
    }

    void ensureBatch(int batch, boolean denseInputNeeded) {
        if (counts.length < batch * neurons) {
            counts = new int[batch * neurons];
            countGrad = new float[batch * neurons];
        }
        int history = Math.multiplyExact(Math.multiplyExact(batch, steps), neurons);
        if (method == BackwardMethod.DENSE && membrane.length < history) {
            membrane = new float[history];
            denseSpikes = new float[history];
            denseGrad = new float[history];
        }
        int inputHistory = Math.multiplyExact(Math.multiplyExact(batch, steps), inputs);
        if (denseInputNeeded && denseInput.length < inputHistory) {
            denseInput = new float[inputHistory];
        }
        if (grad.length < batch) {
            grad = java.util.Arrays.copyOf(grad, batch);
        }
    }

    /** Makes {@code grad[b]} hold at least as many entries as the active set of sample b. */
    void sizeSparseGrad(int batch) {
        for (int b = 0; b < batch; b++) {
            int need = activeSet.count(b);
            if (grad[b] == null || grad[b].length < need) {
                grad[b] = new float[Math.max(need, 16) + (need >> 1)];
            }
        }
    }
}
