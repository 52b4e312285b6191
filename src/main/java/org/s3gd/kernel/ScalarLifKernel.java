package org.s3gd.kernel;

import java.util.Arrays;
import org.s3gd.model.LifStep;

/** Plain loops, step by step over the whole layer, with {@link LifStep}: the reference and the fallback. */
public final class ScalarLifKernel implements LifKernel {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public void integrate(LifWalk w) {
        int neurons = w.neurons();
        int stride = w.stride();
        float theta = w.threshold();
        float[] v = w.membrane();
        int current = stride;
        Arrays.fill(v, 0, neurons, 0f);
        boolean keepActive = w.keepsActiveSet();
        int spikes = 0;
        int active = 0;
        w.spikeOffsets()[0] = 0;
        if (keepActive) {
            w.activeOffsets()[0] = 0;
        }
        for (int t = 0; t < w.steps(); t++) {
            int stepStart = spikes;
            for (int j = 0; j < neurons; j++) {
                if (w.spikes(v[j])) {
                    w.spikeUnits()[spikes++] = j;
                }
                if (w.listsActive(v[j])) {
                    w.activeUnits()[active] = j;
                    w.activeValues()[active++] = v[j];
                }
            }
            w.spikeOffsets()[t + 1] = spikes;
            if (keepActive) {
                w.activeOffsets()[t + 1] = active;
            }
            Arrays.fill(v, current, current + neurons, 0f);
            for (int e = w.inOffsets()[t]; e < w.inOffsets()[t + 1]; e++) {
                addRow(w.weights(), w.inUnits()[e] * stride, v, current, neurons);
            }
            if (w.recurrent() != null) {
                for (int e = stepStart; e < spikes; e++) {
                    addRow(w.recurrent(), w.spikeUnits()[e] * stride, v, current, neurons);
                }
            }
            for (int j = 0; j < neurons; j++) {
                v[j] = LifStep.next(v[j], v[current + j], w.beta(), theta);
            }
        }
    }

    @Override
    public int step(float[] v, float[] current, int n, float beta, float threshold, float level, int[] counts, int[] found,
                    float[] values) {
        return stepRange(v, current, 0, n, beta, threshold, level, counts, found, values, 0);
    }

    /**
     * {@link #step} over neurons {@code [from, n)}, listing after the {@code count} already listed;
     * returns the new count. The vector kernel's tail.
     */
    public static int stepRange(float[] v, float[] current, int from, int n, float beta, float threshold, float level,
                                int[] counts, int[] found, float[] values, int listed) {
        int count = listed;
        for (int j = from; j < n; j++) {
            float vt = v[j];
            if (vt > level) {
                found[count] = j;
                values[count++] = vt;
                counts[j] += LifStep.spikes(vt, threshold) ? 1 : 0;
            }
            v[j] = LifStep.next(vt, current[j], beta, threshold);
            current[j] = 0f;
        }
        return count;
    }

    private static void addRow(float[] rows, int row, float[] v, int current, int neurons) {
        for (int j = 0; j < neurons; j++) {
            v[current + j] += rows[row + j];
        }
    }
}
