package org.s3gd.kernel;

/** Plain loops, step by step over the whole layer: the reference and the fallback. */
final class ScalarLifKernel implements LifKernel {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int integrate(LifWalk w) {
        int neurons = w.neurons();
        float theta = w.threshold();
        float[] v = w.membrane();
        java.util.Arrays.fill(v, 0, neurons, 0f);
        int count = 0;
        for (int t = 0; t < w.steps(); t++) {
            for (int j = 0; j < neurons; j++) {
                float vj = v[j];
                byte kind = 0;
                if (vj > theta) {
                    kind |= LifWalk.SPIKE;
                }
                if (Math.abs(vj - theta) < w.band()) {
                    kind |= LifWalk.ACTIVE;
                }
                if (kind != 0) {
                    w.entryStep()[count] = t;
                    w.entryNeuron()[count] = j;
                    w.entryValue()[count] = vj;
                    w.entryKind()[count] = kind;
                    count++;
                }
            }
            for (int j = 0; j < neurons; j++) {
                v[j] *= w.beta();
            }
            for (int e = w.inOffsets()[t]; e < w.inOffsets()[t + 1]; e++) {
                int row = w.inUnits()[e] * w.stride();
                for (int j = 0; j < neurons; j++) {
                    v[j] += w.weights()[row + j];
                }
            }
            // The reset uses s[t], i.e. the membrane before this step's update.
            for (int c = count - 1; c >= 0 && w.entryStep()[c] == t; c--) {
                if ((w.entryKind()[c] & LifWalk.SPIKE) != 0) {
                    v[w.entryNeuron()[c]] -= theta;
                }
            }
        }
        return count;
    }
}
