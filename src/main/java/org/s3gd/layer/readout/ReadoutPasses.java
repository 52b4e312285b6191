package org.s3gd.layer.readout;

import java.util.Arrays;
import org.s3gd.kernel.Gemm;
import org.s3gd.kernel.ReadoutKernels;
import org.s3gd.model.ReadoutMode;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.EventBatch;

/**
 * The non-spiking readout (ALGORITHM.md §1): {@code y[0] = 0},
 * {@code y[t+1] = β_r·y[t] + (1−β_r)·Σ_j W_out[j][o]·s_j[t]}, and the logit {@code max_t y[t]} or
 * {@code Σ_t y[t]} over t = 0 … T−1. For the max, ties go to the earliest step.
 *
 * <p>Its backward (ALGORITHM.md §2 applied to the readout, with no surrogate): with
 * {@code ε^r_o[t] = Σ_{τ≥t+1} β_r^(τ−t−1)·∂L/∂y_o[τ]},
 * {@code ∂L/∂s_j[t] = (1−β_r)·Σ_o W_out[j][o]·ε^r_o[t]} and
 * {@code ∇W_out[j][o] = (1−β_r)·Σ_t s_j[t]·ε^r_o[t]}.
 */
final class ReadoutPasses {
    private ReadoutPasses() {
    }

    /** Event-driven forward: the current of a step is the sum of the rows of the neurons that spiked. */
    static void forwardSparse(ReadoutKernels kernels, float beta, ReadoutMode mode, float[] weights, int neurons,
                              int outputs, EventBatch spikes, float[] logits, int[] peakStep, Workers workers,
                              Workspace workspace) {
        checkShapes(weights, neurons, outputs, spikes.units(), logits, peakStep, spikes.batchSize());
        float[] rows = paddedRows(kernels, weights, neurons, outputs, workspace);
        int steps = spikes.steps();
        workers.forEachChunk(spikes.batchSize(), (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                kernels.forward(rows, outputs, beta, mode, steps, spikes.offsets(b), spikes.unit(b), logits, peakStep,
                    b * outputs);
            }
        });
    }

    /** {@code W_out} with its rows padded to the kernels' stride (padding zero), shared read-only by the workers. */
    static float[] paddedRows(ReadoutKernels kernels, float[] weights, int neurons, int outputs, Workspace workspace) {
        int stride = kernels.rowStride(outputs);
        if (stride == outputs) {
            return weights;
        }
        float[] rows = workspace.shared("readout.rows", neurons * stride);
        for (int j = 0; j < neurons; j++) {
            System.arraycopy(weights, j * outputs, rows, j * stride, outputs);
            Arrays.fill(rows, j * stride + outputs, (j + 1) * stride, 0f);
        }
        return rows;
    }

    /** Dense forward: one matmul for every step's current, {@code current = S·W_out}, then the recurrence. */
    static void forwardDense(Gemm gemm, float beta, ReadoutMode mode, float[] weights, int neurons, int outputs,
                             int batch, int steps, float[] spikes, float[] current, float[] logits, int[] peakStep,
                             Workers workers, Workspace workspace) {
        checkShapes(weights, neurons, outputs, neurons, logits, peakStep, batch);
        gemm.multiply(false, false, batch * steps, outputs, neurons, spikes, 0, neurons, weights, 0, outputs,
            0f, current, 0, outputs, workers);
        workers.forEachChunk(batch, (chunk, from, to) -> {
            float[] y = workspace.floats(chunk, "forward.y", outputs);
            for (int b = from; b < to; b++) {
                Arrays.fill(y, 0, outputs, 0f);
                startLogits(mode, logits, peakStep, b * outputs, outputs);
                for (int t = 0; t < steps; t++) {
                    recordLogits(mode, y, t, logits, peakStep, b * outputs, outputs);
                    integrate(beta, y, current, (b * steps + t) * outputs, outputs);
                }
            }
        });
    }

    private static void integrate(float beta, float[] y, float[] current, int offset, int outputs) {
        float gain = 1f - beta;
        for (int o = 0; o < outputs; o++) {
            y[o] = beta * y[o] + gain * current[offset + o];
        }
    }

    private static void startLogits(ReadoutMode mode, float[] logits, int[] peakStep, int offset, int outputs) {
        Arrays.fill(logits, offset, offset + outputs, mode == ReadoutMode.MAX ? Float.NEGATIVE_INFINITY : 0f);
        Arrays.fill(peakStep, offset, offset + outputs, 0);
    }

    private static void recordLogits(ReadoutMode mode, float[] y, int t, float[] logits, int[] peakStep,
                                     int offset, int outputs) {
        if (mode == ReadoutMode.SUM) {
            for (int o = 0; o < outputs; o++) {
                logits[offset + o] += y[o];
            }
            return;
        }
        for (int o = 0; o < outputs; o++) {
            if (y[o] > logits[offset + o]) {
                logits[offset + o] = y[o];
                peakStep[offset + o] = t;
            }
        }
    }

    /**
     * Fills {@code epsilon[T][O]} of sample b, already scaled by {@code (1−β_r)}, from the logit
     * gradients: the gradient enters y at the peak step (max) or at every step (sum).
     */
    static void epsilon(float beta, ReadoutMode mode, int steps, int outputs, float[] logitGrad,
                               int[] peakStep, int b, float[] epsilon, int offset) {
        float gain = 1f - beta;
        for (int o = 0; o < outputs; o++) {
            float grad = logitGrad[b * outputs + o];
            int peak = peakStep[b * outputs + o];
            float eps = 0f;
            epsilon[offset + (steps - 1) * outputs + o] = 0f;
            for (int t = steps - 2; t >= 0; t--) {
                float enters = mode == ReadoutMode.SUM || t + 1 == peak ? grad : 0f;
                eps = enters + beta * eps;
                epsilon[offset + t * outputs + o] = gain * eps;
            }
        }
    }

    private static void checkShapes(float[] weights, int neurons, int outputs, int spikeUnits, float[] logits,
                                    int[] peakStep, int batch) {
        if (weights.length != neurons * outputs || spikeUnits != neurons) {
            throw new IllegalArgumentException("readout weights have " + weights.length + " entries for " + spikeUnits
                + " spiking units, expected " + neurons + "×" + outputs);
        }
        if (logits.length < batch * outputs || peakStep.length < batch * outputs) {
            throw new IllegalArgumentException("logits need " + batch + "×" + outputs + " entries");
        }
    }
}
