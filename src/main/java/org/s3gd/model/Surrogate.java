package org.s3gd.model;

/**
 * The surrogate derivative of the spike non-linearity and the active band of the sparse method.
 *
 * <p>SuperSpike-style fast sigmoid derivative (Zenke &amp; Ganguli 2018), ALGORITHM.md §2:
 * {@code σ'(v) = 1 / (scale·|v − θ| + 1)²}, with the paper's scale 100 unless a layer sets another
 * ({@link LifParameters#surrogateScale()}). The sparse surrogate (§3) is the same inside the band
 * {@code |v − θ| < B_th} and zero outside it.
 */
public final class Surrogate {
    /** The paper's steepness of the fast sigmoid. */
    public static final float DEFAULT_SCALE = 100f;

    private Surrogate() {
    }

    /** σ'(v) for threshold θ and the paper's scale 100. */
    public static float derivative(float v, float threshold) {
        return derivative(v, threshold, DEFAULT_SCALE);
    }

    /** σ'(v) for threshold θ and steepness {@code scale}. */
    public static float derivative(float v, float threshold, float scale) {
        float d = scale * Math.abs(v - threshold) + 1f;
        return 1f / (d * d);
    }

    /** Whether a neuron at membrane potential v is active (ALGORITHM.md §3). */
    public static boolean isActive(float v, float threshold, float backpropThreshold) {
        return Math.abs(v - threshold) < backpropThreshold;
    }
}
