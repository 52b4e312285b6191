package org.s3gd.engine;

import org.s3gd.kernel.DenseRecurrence;
import org.s3gd.kernel.Gemm;
import org.s3gd.model.LifParameters;
import org.s3gd.parallel.Workers;

/**
 * The dense surrogate-gradient BPTT of a spiking layer (ALGORITHM.md §2), the paper's "original"
 * and the baseline every speedup is measured against: a fused surrogate/ε pass over the full
 * {@code [B][T][N]} history, then two dense matmuls.
 */
public final class DenseBackward {
    private DenseBackward() {
    }

    /**
     * Replaces {@code grad} ({@code g = ∂L/∂s}, {@code [B][T][neurons]}) by {@code ε} in place:
     * {@code δ = g·σ'(v)}, {@code ε[t] = δ[t+1] + β·ε[t+1]}, {@code ε[T−1] = 0}.
     */
    public static void epsilon(LifParameters neuron, int batch, int steps, int neurons, float[] grad, float[] membrane,
                               Workers workers, Workspace workspace) {
        long size = (long) batch * steps * neurons;
        if (grad.length < size || membrane.length < size) {
            throw new IllegalArgumentException("grad and membrane need B×T×N = " + size + " entries, have "
                + grad.length + " and " + membrane.length);
        }
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] nextDelta = workspace.floats(chunk, 0, neurons);
            for (int b = from; b < to; b++) {
                DenseRecurrence.epsilon(grad, membrane, b * steps * neurons, steps, neurons, neuron.beta(),
                    neuron.threshold(), nextDelta);
            }
        });
    }

    /** {@code ∇W[i][j] = Σ_{b,t} x_i[t]·ε_j[t]}: {@code gradient = Xᵀ·E}, {@code inputs × neurons}. */
    public static void weightGradient(int batch, int steps, int inputs, int neurons, float[] input, float[] epsilon,
                                      float[] gradient, Workers workers) {
        Gemm.multiply(true, false, inputs, neurons, batch * steps, input, 0, inputs, epsilon, 0, neurons,
            0f, gradient, 0, neurons, workers);
    }

    /** {@code ∂L/∂x_i[t] = Σ_j W[i][j]·ε_j[t]}: {@code out = E·Wᵀ}, {@code [B][T][inputs]}. */
    public static void spikeGradient(int batch, int steps, int inputs, int neurons, float[] epsilon, float[] weights,
                                     float[] out, Workers workers) {
        Gemm.multiply(false, true, batch * steps, inputs, neurons, epsilon, 0, neurons, weights, 0, neurons,
            0f, out, 0, inputs, workers);
    }
}
