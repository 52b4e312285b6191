package org.s3gd.layer.readout;

import java.util.Arrays;
import org.s3gd.kernel.Gemm;
import org.s3gd.kernel.ReadoutKernels;
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
    static void sparse(ReadoutKernels kernels, float beta, ReadoutMode mode, float[] weights, int neurons, int outputs,
                       EventBatch spikes, EventBatch activeSet, float[] logitGrad, int[] peakStep,
                       float[] weightGrad, float[][] spikeGrad, Workers workers, Workspace workspace) {
        int steps = spikes.steps();
        int batch = spikes.batchSize();
        int stride = kernels.rowStride(outputs);
        int size = neurons * stride;
        float[] rows = ReadoutPasses.paddedRows(kernels, weights, neurons, outputs, workspace);
        // A fixed number of chunks, reduced in order: the same sums for any thread count.
        int chunks = Workers.reductionChunks(batch);
        workers.forEachChunk(batch, chunks, (chunk, from, to) -> {
            float[] epsilon = workspace.floats(chunk, "backward.epsilon", steps * stride);
            float[] partial = workspace.floats(chunk, "backward.partial", size);
            int[] entrySteps = workspace.ints(chunk, "backward.entry.steps", steps * neurons + 1);
            Arrays.fill(partial, 0, size, 0f);
            for (int b = from; b < to; b++) {
                kernels.epsilon(beta, mode, steps, outputs, logitGrad, peakStep, b * outputs, epsilon);
                kernels.weightGradient(steps, outputs, spikes.offsets(b), spikes.unit(b), epsilon, partial, entrySteps);
                kernels.spikeGradient(steps, activeSet.offsets(b), activeSet.unit(b), rows, outputs, epsilon, spikeGrad[b],
                    entrySteps);
            }
        });
        Arrays.fill(weightGrad, 0, neurons * outputs, 0f);
        for (int c = 0; c < chunks; c++) {
            float[] partial = workspace.floats(c, "backward.partial", size);
            for (int j = 0; j < neurons; j++) {
                for (int o = 0; o < outputs; o++) {
                    weightGrad[j * outputs + o] += partial[j * stride + o];
                }
            }
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
