package org.s3gd.model;

/**
 * Parameters of a leaky integrate-and-fire layer (ALGORITHM.md §1, §2).
 *
 * @param beta           membrane decay per step, {@code exp(-Δt/τ_mem)}, in (0, 1)
 * @param threshold      firing threshold θ; the reset subtracts θ − v_r with v_r = 0
 * @param surrogateScale steepness of the surrogate derivative {@code σ'(v) = 1 / (scale·|v − θ| + 1)²}
 *                       ({@link Surrogate}); the paper's is 100. It shapes the backward pass only.
 */
public record LifParameters(float beta, float threshold, float surrogateScale) {
    public static final float DEFAULT_THRESHOLD = 1f;

    public LifParameters {
        if (!(beta > 0f && beta < 1f)) {
            throw new IllegalArgumentException("beta must be in (0, 1), got " + beta);
        }
        if (!(threshold > 0f) || Float.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be positive and finite, got " + threshold);
        }
        if (!(surrogateScale > 0f) || Float.isInfinite(surrogateScale)) {
            throw new IllegalArgumentException("the surrogate scale must be positive and finite, got " + surrogateScale);
        }
    }

    /** β and θ with the paper's surrogate scale, 100. */
    public LifParameters(float beta, float threshold) {
        this(beta, threshold, Surrogate.DEFAULT_SCALE);
    }

    /** The decay {@code exp(-dt/tau)} for a step {@code dt} and a time constant {@code tau} in the same unit. */
    public static float decay(double dt, double tau) {
        return (float) Math.exp(-dt / tau);
    }

    public static LifParameters of(double dtMillis, double tauMemMillis) {
        return new LifParameters(decay(dtMillis, tauMemMillis), DEFAULT_THRESHOLD);
    }

    /** The same neurons with another surrogate steepness. */
    public LifParameters withSurrogateScale(float scale) {
        return new LifParameters(beta, threshold, scale);
    }
}
