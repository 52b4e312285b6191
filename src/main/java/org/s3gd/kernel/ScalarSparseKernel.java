package org.s3gd.kernel;

import java.util.Arrays;
import org.s3gd.model.Surrogate;

/** Plain loops, one step at a time: the reference for the vector kernel and the fallback. */
public final class ScalarSparseKernel implements SparseKernel {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public int walkStride(int width) {
        return width;
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

    @Override
    public void recurrentDelta(RecurrentWalk w, float[] scratch) {
        // One step at a time: δ[t] from R[t], then R[t−1] = β·R[t] + Σ_{k active at t} δ_k[t]·V[·][k].
        int neurons = w.neurons();
        float[] r = scratch;
        Arrays.fill(r, 0, w.stride(), 0f);
        for (int t = w.steps() - 1; t >= 0; t--) {
            int first = w.activeOffsets()[t];
            int last = w.activeOffsets()[t + 1];
            for (int e = first; e < last; e++) {
                float total = w.grad()[e] + r[w.activeUnits()[e]];
                w.grad()[e] = total * Surrogate.derivative(w.membrane()[e], w.threshold(), w.surrogateScale());
            }
            for (int j = 0; j < neurons; j++) {
                r[j] *= w.beta();
            }
            for (int e = first; e < last; e++) {
                float d = w.grad()[e];
                int row = w.activeUnits()[e] * w.stride();
                for (int j = 0; j < neurons; j++) {
                    r[j] += d * w.transposed()[row + j];
                }
            }
        }
    }
}
