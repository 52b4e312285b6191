package org.s3gd.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise passes of the dense method over full {@code [T][N]} histories of one sample,
 * vectorised so that the dense baseline is a fair one. Unchecked: callers validate.
 */
public final class DenseRecurrence {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final boolean SIMD = !"scalar".equals(System.getProperty("s3gd.kernel"));

    private DenseRecurrence() {
    }

    /**
     * LIF recurrence (ALGORITHM.md §1) in place: on entry {@code history[t·n + j]} holds the input
     * current {@code Σ_i W[i][j]·x_i[t]}, on exit the membrane {@code v_j[t]}; {@code spikes} gets
     * {@code s_j[t]}, {@code counts[j]} the spike count, and the return value is the number of
     * entries with {@code |v − θ| < band}. {@code v} is a workspace of length n.
     */
    public static long integrate(float[] history, float[] spikes, int offset, int steps, int n, float beta,
                                 float threshold, float band, float[] v, int[] counts, int countOffset) {
        java.util.Arrays.fill(v, 0, n, 0f);
        long active = 0;
        for (int t = 0; t < steps; t++) {
            int row = offset + t * n;
            int j = 0;
            if (SIMD) {
                FloatVector theta = FloatVector.broadcast(SPECIES, threshold);
                for (int upper = SPECIES.loopBound(n); j < upper; j += LANES) {
                    FloatVector vt = FloatVector.fromArray(SPECIES, v, j);
                    FloatVector current = FloatVector.fromArray(SPECIES, history, row + j);
                    vt.intoArray(history, row + j);
                    VectorMask<Float> fired = vt.compare(VectorOperators.GT, theta);
                    FloatVector s = FloatVector.zero(SPECIES).blend(1f, fired);
                    s.intoArray(spikes, row + j);
                    active += vt.sub(theta).abs().compare(VectorOperators.LT, band).trueCount();
                    // v[t+1] = β·v[t] + I[t] − θ·s[t]
                    vt.fma(FloatVector.broadcast(SPECIES, beta), current).sub(s.mul(theta)).intoArray(v, j);
                    if (fired.anyTrue()) {
                        long bits = fired.toLong();
                        while (bits != 0) {
                            counts[countOffset + j + Long.numberOfTrailingZeros(bits)]++;
                            bits &= bits - 1;
                        }
                    }
                }
            }
            for (; j < n; j++) {
                float vt = v[j];
                float current = history[row + j];
                history[row + j] = vt;
                float s = vt > threshold ? 1f : 0f;
                spikes[row + j] = s;
                if (Math.abs(vt - threshold) < band) {
                    active++;
                }
                if (s != 0f) {
                    counts[countOffset + j]++;
                }
                v[j] = Math.fma(beta, vt, current) - s * threshold;
            }
        }
        return active;
    }

    /**
     * Surrogate gradient and ε walk of the dense backward (ALGORITHM.md §2), fused into one
     * backwards pass, in place: on entry {@code grad[t·n + j]} holds {@code g_j[t] = ∂L/∂s_j[t]}, on
     * exit {@code ε_j[t] = δ_j[t+1] + β·ε_j[t+1]} with {@code δ = g·σ'(v)} and {@code ε[T−1] = 0}.
     * {@code nextDelta} is a workspace of length n.
     */
    public static void epsilon(float[] grad, float[] membrane, int offset, int steps, int n, float beta,
                               float threshold, float[] nextDelta) {
        for (int t = steps - 1; t >= 0; t--) {
            int row = offset + t * n;
            int next = row + n;
            boolean last = t == steps - 1;
            int j = 0;
            if (SIMD) {
                for (int upper = SPECIES.loopBound(n); j < upper; j += LANES) {
                    FloatVector g = FloatVector.fromArray(SPECIES, grad, row + j);
                    FloatVector v = FloatVector.fromArray(SPECIES, membrane, row + j);
                    // σ'(v) = 1 / (100·|v − θ| + 1)²
                    FloatVector d = v.sub(threshold).abs().fma(org.s3gd.model.Surrogate.SCALE, 1f);
                    FloatVector delta = g.div(d.mul(d));
                    FloatVector eps = last ? FloatVector.zero(SPECIES)
                        : FloatVector.fromArray(SPECIES, grad, next + j).fma(FloatVector.broadcast(SPECIES, beta), FloatVector.fromArray(SPECIES, nextDelta, j));
                    eps.intoArray(grad, row + j);
                    delta.intoArray(nextDelta, j);
                }
            }
            for (; j < n; j++) {
                float d = org.s3gd.model.Surrogate.SCALE * Math.abs(membrane[row + j] - threshold) + 1f;
                float delta = grad[row + j] / (d * d);
                grad[row + j] = last ? 0f : Math.fma(beta, grad[next + j], nextDelta[j]);
                nextDelta[j] = delta;
            }
        }
    }
}
