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
    public void spikeGradient(SpikeGradientWalk w, float[] scratch, int[] events) {
        // One step at a time: Z[t] is read, then Z[t−1] = β·Z[t] + Σ_{j active at t} δ_j[t]·W[·][j].
        int inputs = w.inputs();
        float[] z = scratch;
        Arrays.fill(z, 0, w.stride(), 0f);
        float[] one = {1f};
        for (int t = w.steps() - 1; t >= 0; t--) {
            events[0] = t;
            w.read(events, 0, 1, z, one, 0);
            for (int i = 0; i < inputs; i++) {
                z[i] *= w.beta();
            }
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
