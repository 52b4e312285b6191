package org.s3gd.kernel;

import java.util.Arrays;

/** Plain loops: the reference for {@link SimdSparseKernel} and the fallback. */
final class ScalarSparseKernel implements SparseKernel {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void accumulateRows(float[] rows, int width, int[] rowIndex, float[] coefficient, int from, int to,
                               float[] out, int outOffset) {
        for (int i = 0; i < width; i++) {
            float sum = 0f;
            for (int e = from; e < to; e++) {
                sum += coefficient[e] * rows[rowIndex[e] * width + i];
            }
            out[outOffset + i] += sum;
        }
    }

    @Override
    public void spikeGradient(SpikeGradientWalk w, float[] scratch, int[] eventSteps) {
        int inputs = w.inputs();
        float[] z = scratch;
        Arrays.fill(z, 0, inputs, 0f);
        int current = w.steps() - 1;
        for (int t = w.steps() - 1; t >= 0; t--) {
            float readDecay = w.decay()[current - t];
            if (w.dense()) {
                for (int i = 0; i < inputs; i++) {
                    w.out()[w.outOffset() + t * inputs + i] = readDecay * z[i];
                }
            } else {
                for (int e = w.neededOffsets()[t]; e < w.neededOffsets()[t + 1]; e++) {
                    w.out()[e] = readDecay * z[w.neededUnits()[e]];
                }
            }
            if (t >= 1 && w.activeOffsets()[t] < w.activeOffsets()[t + 1]) {
                float stepDecay = w.decay()[current - (t - 1)];
                for (int i = 0; i < inputs; i++) {
                    z[i] *= stepDecay;
                }
                current = t - 1;
                for (int e = w.activeOffsets()[t]; e < w.activeOffsets()[t + 1]; e++) {
                    float d = w.delta()[e];
                    int row = w.activeUnits()[e] * w.stride();
                    for (int i = 0; i < inputs; i++) {
                        z[i] += d * w.transposed()[row + i];
                    }
                }
            }
        }
    }
}
