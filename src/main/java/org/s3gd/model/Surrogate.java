package org.s3gd.model;

/**
 * The surrogate derivative of the spike non-linearity and the active band of the sparse method.
 *
 * <p>SuperSpike-style fast sigmoid derivative with scale 100 (Zenke &amp; Ganguli 2018), ALGORITHM.md §2:
 * {@code σ'(v) = 1 / (100·|v − θ| + 1)²}. The sparse surrogate (§3) is the same inside the band
 * {@code |v − θ| < B_th} and zero outside it.
 */
public final class Surrogate {
    /** Steepness of the fast sigmoid. */
    public static final float SCALE = 100f;

    private Surrogate() {
    }

    /** σ'(v) for threshold θ. */
    public static float derivative(float v, float threshold) {
        float d = SCALE * Math.abs(v - threshold) + 1f;
        return 1f / (d * d);
    }

    /** Whether a neuron at membrane potential v is active (ALGORITHM.md §3). */
    public static boolean isActive(float v, float threshold, float backpropThreshold) {
        return Math.abs(v - threshold) < backpropThreshold;
    }
}
