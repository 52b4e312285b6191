package org.s3gd.layer.lif;

import org.s3gd.backend.Backend;
import org.s3gd.kernel.DenseLifKernel;
import org.s3gd.kernel.GemmKernel;
import org.s3gd.model.LifParameters;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;

/**
 * The dense surrogate-gradient BPTT of a spiking layer (ALGORITHM.md §2, §7), the paper's
 * "original" and the baseline every speedup is measured against: a surrogate/ε pass over the full
 * {@code [B][T][N]} history, then dense matmuls.
 */
public final class DenseBackward {
    private DenseBackward() {
    }

    /**
     * Replaces {@code grad} ({@code g = ∂L/∂s}, {@code [B][T][neurons]}) by {@code ε} in place:
     * {@code δ = g·σ'(v)}, {@code ε[t] = δ[t+1] + β·ε[t+1]}, {@code ε[T−1] = 0}.
     */
    public static void epsilon(Backend backend, LifParameters neuron, int batch, int steps, int neurons, float[] grad,
                               float[] membrane, Workers workers, Workspace workspace) {
        checkHistories(batch, steps, neurons, grad, membrane);
        DenseLifKernel lif = backend.denseLif();
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] nextDelta = workspace.floats(chunk, "backward.delta", neurons);
            for (int b = from; b < to; b++) {
                lif.epsilon(grad, membrane, b * steps * neurons, steps, neurons, neuron.beta(), neuron.threshold(),
                    neuron.surrogateScale(), nextDelta);
            }
        });
    }

    /**
     * The recurrent layer's ε (ALGORITHM.md §7), in place of {@code grad} as {@link #epsilon} does,
     * walking down in time: {@code ε[t] = δ[t+1] + β·ε[t+1]}, then
     * {@code δ[t] = (g[t] + ε[t]·Vᵀ)·σ'(v[t])} with a {@code B × N × N} matmul per step.
     *
     * @param recurrent {@code V[k][j]}, row-major {@code neurons × neurons}
     */
    public static void recurrentEpsilon(Backend backend, LifParameters neuron, int batch, int steps, int neurons,
                                        float[] grad, float[] membrane, float[] recurrent, Workers workers,
                                        Workspace workspace) {
        checkHistories(batch, steps, neurons, grad, membrane);
        DenseLifKernel lif = backend.denseLif();
        GemmKernel gemm = backend.gemm().kernel();
        workers.forEachChunk(batch, (chunk, from, to) -> {
            int samples = to - from;
            float[] eps = workspace.floats(chunk, "backward.eps", samples * neurons);
            float[] fromRecurrence = workspace.floats(chunk, "backward.recurrent", samples * neurons);
            float[] nextDelta = workspace.floats(chunk, "backward.delta", samples * neurons);
            for (int t = steps - 1; t >= 0; t--) {
                for (int b = from; b < to; b++) {
                    int next = t == steps - 1 ? -1 : (b * steps + t + 1) * neurons;
                    lif.carry(grad, next, nextDelta, (b - from) * neurons, neurons, neuron.beta(), eps, (b - from) * neurons);
                }
                gemm.multiply(false, true, samples, neurons, neurons, eps, 0, neurons, recurrent, 0, neurons,
                    0f, fromRecurrence, 0, neurons);
                for (int b = from; b < to; b++) {
                    int local = (b - from) * neurons;
                    lif.delta(grad, membrane, (b * steps + t) * neurons, fromRecurrence, local, eps, local, neurons,
                        neuron.threshold(), neuron.surrogateScale(), nextDelta, local);
                }
            }
        });
    }

    /** {@code ∇W[i][j] = Σ_{b,t} x_i[t]·ε_j[t]}: {@code gradient = Xᵀ·E}, {@code inputs × neurons}. */
    public static void weightGradient(Backend backend, int batch, int steps, int inputs, int neurons, float[] input,
                                      float[] epsilon, float[] gradient, Workers workers) {
        backend.gemm().multiply(true, false, inputs, neurons, batch * steps, input, 0, inputs, epsilon, 0, neurons,
            0f, gradient, 0, neurons, workers);
    }

    /** {@code ∂L/∂x_i[t] = Σ_j W[i][j]·ε_j[t]}: {@code out = E·Wᵀ}, {@code [B][T][inputs]}. */
    public static void spikeGradient(Backend backend, int batch, int steps, int inputs, int neurons, float[] epsilon,
                                     float[] weights, float[] out, Workers workers) {
        backend.gemm().multiply(false, true, batch * steps, inputs, neurons, epsilon, 0, neurons, weights, 0, neurons,
            0f, out, 0, inputs, workers);
    }

    private static void checkHistories(int batch, int steps, int neurons, float[] grad, float[] membrane) {
        long size = (long) batch * steps * neurons;
        if (grad.length < size || membrane.length < size) {
            throw new IllegalArgumentException("grad and membrane need B×T×N = " + size + " entries, have "
                + grad.length + " and " + membrane.length);
        }
    }
}
