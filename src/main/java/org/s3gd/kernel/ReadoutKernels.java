package org.s3gd.kernel;

import java.util.Arrays;
import org.s3gd.model.ReadoutMode;

/**
 * Checks the shapes of a {@link ReadoutKernel}'s arguments and runs it: see there for what each call
 * computes. A unit past the rows fails on the arrays' bounds.
 */
public final class ReadoutKernels {
    private final ReadoutKernel kernel;

    public ReadoutKernels(ReadoutKernel kernel) {
        this.kernel = kernel;
    }

    public String implementation() {
        return kernel.name();
    }

    /** The row stride for O outputs: weight rows, ε rows and gradient rows are padded to whole vectors. */
    public int rowStride(int outputs) {
        return Strides.padded(outputs, kernel.lanes());
    }

    public void forward(float[] weights, int outputs, float beta, ReadoutMode mode, int steps, int[] offsets, int[] units,
                        float[] logits, int[] peakStep, int at) {
        int stride = rowStride(outputs);
        checkSteps(offsets, steps);
        if (logits.length < at + outputs || peakStep.length < at + outputs) {
            throw new IllegalArgumentException("logits need " + outputs + " entries from " + at);
        }
        kernel.forward(weights, outputs, stride, beta, mode, steps, offsets, units, logits, peakStep, at);
    }

    public void epsilon(float beta, ReadoutMode mode, int steps, int outputs, float[] logitGrad, int[] peakStep, int at,
                        float[] epsilon) {
        int stride = rowStride(outputs);
        if (logitGrad.length < at + outputs || peakStep.length < at + outputs) {
            throw new IllegalArgumentException("logit gradients need " + outputs + " entries from " + at);
        }
        if (epsilon.length < steps * stride) {
            throw new IllegalArgumentException("epsilon needs T × stride = " + steps + " × " + stride + " floats");
        }
        kernel.epsilon(beta, mode, steps, outputs, stride, logitGrad, peakStep, at, epsilon);
    }

    /** {@link ReadoutKernel#weightGradient} of a list in CSR form; {@code entrySteps} is scratch of at least its entries + 1. */
    public void weightGradient(int steps, int outputs, int[] offsets, int[] units, float[] epsilon, float[] partial,
                               int[] entrySteps) {
        int stride = rowStride(outputs);
        int entries = entrySteps(steps, offsets, entrySteps);
        if (epsilon.length < steps * stride) {
            throw new IllegalArgumentException("epsilon needs T × stride = " + steps + " × " + stride + " floats");
        }
        kernel.weightGradient(entries, units, entrySteps, epsilon, stride, partial);
    }

    /** {@link ReadoutKernel#spikeGradient} of a list in CSR form; {@code entrySteps} is scratch of at least its entries + 1. */
    public void spikeGradient(int steps, int[] offsets, int[] units, float[] weights, int outputs, float[] epsilon,
                              float[] out, int[] entrySteps) {
        int stride = rowStride(outputs);
        int entries = entrySteps(steps, offsets, entrySteps);
        if (epsilon.length < steps * stride || out.length < entries) {
            throw new IllegalArgumentException("epsilon needs T × stride floats and out one float per entry");
        }
        kernel.spikeGradient(entries, units, entrySteps, weights, outputs, stride, epsilon, out);
    }

    /**
     * The step of every entry of a CSR list into {@code into} (at least entries + 1 long), without a
     * branch on where a step ends: a mark at the start of each step t ≥ 1, then a running sum.
     * Returns the number of entries.
     */
    public static int entrySteps(int steps, int[] offsets, int[] into) {
        checkSteps(offsets, steps);
        int entries = offsets[steps];
        if (into.length < entries + 1) {
            throw new IllegalArgumentException("entry steps need " + (entries + 1) + " ints, got " + into.length);
        }
        Arrays.fill(into, 0, entries + 1, 0);
        for (int t = 1; t < steps; t++) {
            into[offsets[t]]++;
        }
        int step = 0;
        for (int e = 0; e < entries; e++) {
            step += into[e];
            into[e] = step;
        }
        return entries;
    }

    private static void checkSteps(int[] offsets, int steps) {
        if (offsets.length < steps + 1) {
            throw new IllegalArgumentException("offsets shorter than T + 1 = " + (steps + 1));
        }
    }
}
