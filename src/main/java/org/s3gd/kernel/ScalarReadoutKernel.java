package org.s3gd.kernel;

import java.util.Arrays;
import org.s3gd.model.ReadoutMode;

/** Plain loops over the O outputs: the reference and the fallback. */
public final class ScalarReadoutKernel implements ReadoutKernel {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public void forward(float[] weights, int outputs, int stride, float beta, ReadoutMode mode, int steps, int[] offsets,
                        int[] units, float[] logits, int[] peakStep, int at) {
        float gain = 1f - beta;
        float[] y = new float[outputs];
        float[] current = new float[outputs];
        Arrays.fill(logits, at, at + outputs, mode == ReadoutMode.MAX ? Float.NEGATIVE_INFINITY : 0f);
        Arrays.fill(peakStep, at, at + outputs, 0);
        for (int t = 0; t < steps; t++) {
            for (int o = 0; o < outputs; o++) {
                if (mode == ReadoutMode.SUM) {
                    logits[at + o] += y[o];
                } else if (y[o] > logits[at + o]) {
                    logits[at + o] = y[o];
                    peakStep[at + o] = t;
                }
            }
            Arrays.fill(current, 0f);
            for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                int row = units[e] * stride;
                for (int o = 0; o < outputs; o++) {
                    current[o] += weights[row + o];
                }
            }
            for (int o = 0; o < outputs; o++) {
                y[o] = beta * y[o] + gain * current[o];
            }
        }
    }

    @Override
    public void epsilon(float beta, ReadoutMode mode, int steps, int outputs, int stride, float[] logitGrad,
                        int[] peakStep, int at, float[] epsilon) {
        float gain = 1f - beta;
        Arrays.fill(epsilon, 0, steps * stride, 0f);
        for (int o = 0; o < outputs; o++) {
            float grad = logitGrad[at + o];
            int peak = peakStep[at + o];
            float eps = 0f;
            for (int t = steps - 2; t >= 0; t--) {
                float enters = mode == ReadoutMode.SUM || t + 1 == peak ? grad : 0f;
                eps = enters + beta * eps;
                epsilon[t * stride + o] = gain * eps;
            }
        }
    }

    @Override
    public void weightGradient(int entries, int[] units, int[] entrySteps, float[] epsilon, int stride, float[] partial) {
        for (int e = 0; e < entries; e++) {
            int row = units[e] * stride;
            int at = entrySteps[e] * stride;
            for (int o = 0; o < stride; o++) {
                partial[row + o] += epsilon[at + o];
            }
        }
    }

    @Override
    public void spikeGradient(int entries, int[] units, int[] entrySteps, float[] weights, int outputs, int stride,
                              float[] epsilon, float[] out) {
        float[] tree = new float[ReadoutKernel.treeWidth(outputs)];
        for (int e = 0; e < entries; e++) {
            int row = units[e] * stride;
            int at = entrySteps[e] * stride;
            for (int o = 0; o < outputs; o++) {
                tree[o] = weights[row + o] * epsilon[at + o];
            }
            out[e] = treeSum(tree, outputs);
        }
    }

    /** The halving-tree sum of {@link ReadoutKernel#spikeGradient} of {@code tree[0 … filled)}, zeros after; overwrites the array. */
    static float treeSum(float[] tree, int filled) {
        Arrays.fill(tree, filled, tree.length, 0f);
        for (int h = tree.length / 2; h >= 1; h /= 2) {
            for (int i = 0; i < h; i++) {
                tree[i] += tree[i + h];
            }
        }
        return tree[0];
    }
}
