package org.s3gd.layer.readout;

import java.util.Arrays;
import org.s3gd.kernel.Gemm;
import org.s3gd.kernel.VectorOps;
import org.s3gd.model.ReadoutMode;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.EventBatch;

/** Backward of the readout, event-driven or dense; see {@link ReadoutPasses} for the equations. */
final class ReadoutBackward {
    private ReadoutBackward() {
    }

    /**
     * Sparse: {@code ∇W_out} from the output spikes, and {@code ∂L/∂s_j[t]} only at the entries of
     * the last hidden layer's active set ({@code spikeGrad[b]} aligned with it; assigned, not added).
     */
    static void sparse(VectorOps vectors, float beta, ReadoutMode mode, float[] weights, int neurons, int outputs,
                       EventBatch spikes, EventBatch activeSet, float[] logitGrad, int[] peakStep,
                       float[] weightGrad, float[][] spikeGrad, Workers workers, Workspace workspace) {
        int steps = spikes.steps();
        int batch = spikes.batchSize();
        int size = neurons * outputs;
        // A fixed number of chunks, reduced in order: the same sums for any thread count.
        int chunks = Workers.reductionChunks(batch);
        workers.forEachChunk(batch, chunks, (chunk, from, to) -> {
            float[] epsilon = workspace.floats(chunk, "backward.epsilon", steps * outputs);
            float[] partial = workspace.floats(chunk, "backward.partial", size);
            Arrays.fill(partial, 0, size, 0f);
            for (int b = from; b < to; b++) {
                ReadoutPasses.epsilon(beta, mode, steps, outputs, logitGrad, peakStep, b, epsilon, 0);
                int[] offsets = spikes.offsets(b);
                int[] units = spikes.unit(b);
                // Rows of O (10 or 20) floats: plain loops beat a vector call's set-up.
                for (int t = 0; t < steps; t++) {
                    for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                        int row = units[e] * outputs;
                        for (int o = 0; o < outputs; o++) {
                            partial[row + o] += epsilon[t * outputs + o];
                        }
                    }
                }
                int[] acOffsets = activeSet.offsets(b);
                int[] acUnits = activeSet.unit(b);
                float[] out = spikeGrad[b];
                for (int t = 0; t < steps; t++) {
                    int at = t * outputs;
                    int e = acOffsets[t];
                    int last = acOffsets[t + 1];
                    // Two entries at a time: two independent sums, each in o order, hide the adds' latency.
                    for (; e + 1 < last; e += 2) {
                        int row0 = acUnits[e] * outputs;
                        int row1 = acUnits[e + 1] * outputs;
                        float sum0 = 0f;
                        float sum1 = 0f;
                        for (int o = 0; o < outputs; o++) {
                            float eps = epsilon[at + o];
                            sum0 += weights[row0 + o] * eps;
                            sum1 += weights[row1 + o] * eps;
                        }
                        out[e] = sum0;
                        out[e + 1] = sum1;
                    }
                    if (e < last) {
                        int row = acUnits[e] * outputs;
                        float sum = 0f;
                        for (int o = 0; o < outputs; o++) {
                            sum += weights[row + o] * epsilon[at + o];
                        }
                        out[e] = sum;
                    }
                }
            }
        });
        System.arraycopy(workspace.floats(0, "backward.partial", size), 0, weightGrad, 0, size);
        for (int c = 1; c < chunks; c++) {
            vectors.axpy(1f, workspace.floats(c, "backward.partial", size), 0, weightGrad, 0, size);
        }
    }

    /**
     * Dense: {@code ε^r} for every step into {@code epsilon[B][T][O]}, then
     * {@code ∇W_out = Sᵀ·ε^r} and {@code ∂L/∂S = ε^r·W_outᵀ} as matmuls.
     */
    static void dense(Gemm gemm, float beta, ReadoutMode mode, float[] weights, int neurons, int outputs, int batch,
                      int steps, float[] spikes, float[] logitGrad, int[] peakStep, float[] epsilon,
                      float[] weightGrad, float[] spikeGrad, Workers workers) {
        workers.forEachChunk(batch, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                ReadoutPasses.epsilon(beta, mode, steps, outputs, logitGrad, peakStep, b, epsilon, b * steps * outputs);
            }
        });
        gemm.multiply(true, false, neurons, outputs, batch * steps, spikes, 0, neurons, epsilon, 0, outputs,
            0f, weightGrad, 0, outputs, workers);
        gemm.multiply(false, true, batch * steps, neurons, outputs, epsilon, 0, outputs, weights, 0, outputs,
            0f, spikeGrad, 0, neurons, workers);
    }
}
