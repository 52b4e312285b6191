package org.s3gd.layer.lif;

/** Powers {@code β^k} for k = 0 … steps, the decay over a gap of k steps (ALGORITHM.md §3, memoised ε). */
public final class DecayTable {
    private DecayTable() {
    }

    public static float[] powers(float beta, int steps) {
        float[] powers = new float[steps + 1];
        double p = 1.0;
        for (int k = 0; k <= steps; k++) {
            powers[k] = (float) p;
            p *= beta;
        }
        return powers;
    }
}
