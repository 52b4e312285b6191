package org.s3gd.kernel;

import org.s3gd.model.ReadoutMode;

/**
 * The event-driven readout of one sample (ALGORITHM.md §1, §2 applied to the readout): its forward
 * and the three parts of its backward. Rows of O outputs are padded to a stride of whole vectors
 * ({@link ReadoutKernels#rowStride}), padding zero. Implementations trust their arguments;
 * {@link ReadoutKernels} checks them.
 */
public interface ReadoutKernel {
    /** The width of the spike gradient's summation tree for O outputs: the least power of two ≥ O. */
    static int treeWidth(int outputs) {
        return outputs <= 1 ? 1 : Integer.highestOneBit(outputs - 1) << 1;
    }

    String name();

    /** Floats per vector the implementation loads at once (1 for plain loops); rows are padded to a multiple. */
    int lanes();

    /**
     * {@code y[0] = 0}, {@code y[t+1] = β_r·y[t] + (1−β_r)·I[t]} with {@code I[t]} the sum of the
     * rows {@code weights[unit][·]} of step t's spikes in their order, and the logit
     * {@code max_t y[t]} (ties to the earliest step, recorded in {@code peakStep}) or {@code Σ_t y[t]}
     * over t = 0 … T−1, into {@code logits[at …]} and {@code peakStep[at …]}.
     */
    void forward(float[] weights, int outputs, int stride, float beta, ReadoutMode mode, int steps, int[] offsets,
                 int[] units, float[] logits, int[] peakStep, int at);

    /**
     * {@code epsilon[t][o] = (1−β_r)·Σ_{τ≥t+1} β_r^(τ−t−1)·∂L/∂y_o[τ]} for every step, rows of
     * {@code stride} (padding zero), from the logit gradients at {@code logitGrad[at …]}: the
     * gradient enters y at the peak step (max) or at every step (sum).
     */
    void epsilon(float beta, ReadoutMode mode, int steps, int outputs, int stride, float[] logitGrad, int[] peakStep,
                 int at, float[] epsilon);

    /**
     * {@code partial[unit_e][·] += epsilon[t_e][·]} for every spike e of a list given entry by entry
     * (its unit and its step), rows of {@code stride}.
     */
    void weightGradient(int entries, int[] units, int[] entrySteps, float[] epsilon, int stride, float[] partial);

    /**
     * {@code out[e] = Σ_o weights[unit_e][o]·epsilon[t_e][o]} for every entry e of a list given entry
     * by entry (its unit and its step), summed
     * as a halving tree: the O products padded with zeros to {@link #treeWidth} P, then
     * {@code a[i] += a[i + h]} for i &lt; h, h = P/2, P/4, … 1, and the sum is {@code a[0]}. The order
     * is fixed by O alone, so every kernel gives the same sums, whatever its vector width.
     */
    void spikeGradient(int entries, int[] units, int[] entrySteps, float[] weights, int outputs, int stride,
                       float[] epsilon, float[] out);
}
