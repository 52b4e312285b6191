package org.s3gd.nir;

import org.s3gd.model.ReadoutMode;

/**
 * How s3gd's discrete model is written in NIR's continuous one, and read back: the one place that
 * holds the formulas (ALGORITHM.md §1).
 *
 * <p>NIR's LIF is {@code τ·dv/dt = (v_leak − v) + R·I}. Its forward-Euler step of width Δt is
 * {@code v ← (1 − Δt/τ)·v + (Δt/τ)·R·I}; with {@code τ = Δt/(1 − β)}, {@code R = τ/Δt} and
 * {@code v_leak = 0} that is exactly s3gd's {@code v ← β·v + I} (snnTorch exports its {@code Leaky}
 * neuron the same way). The readout {@code y ← β_r·y + (1 − β_r)·I} is NIR's LI with
 * {@code τ = Δt/(1 − β_r)}, {@code R = 1}, {@code v_leak = 0}. The time constants are written in
 * seconds as 64-bit floats, so that reading one back gives the 32-bit β it came from.
 *
 * <p>What NIR cannot say is written in the metadata instead: s3gd's reset subtracts θ after a
 * spike where NIR's resets the membrane to {@code v_reset} (0 is written), and the logit is the
 * maximum or the sum over time of the readout trace, for which NIR has no node.
 */
public final class NirMapping {
    /** The reset, in words, for a LIF node's metadata. */
    public static final String RESET = "subtractive: after a spike v <- v - v_threshold (s3gd, ALGORITHM.md section 1); "
        + "NIR's LIF resets v to v_reset, so v_reset = 0 is written and means nothing here";
    /** The order of one step, in words, for the graph's metadata. */
    public static final String STEP = "discrete time, step dt: each step every LIF node first spikes where v > v_threshold, "
        + "then integrates v <- beta*v + I - v_threshold*s, with beta = 1 - dt/tau and I the weighted spikes of this step "
        + "(its input's and, through a Linear edge back to itself, its own); the LI readout integrates "
        + "y <- beta_r*y + (1 - beta_r)*I";

    /** The metadata field of a node that names the s3gd layer it belongs to ({@code lif}, {@code conv}, {@code flatten:4608}, …). */
    public static final String LAYER = "s3gd_layer";
    /**
     * {@link #LAYER} of a Flatten node written where a fully connected layer reads an image without a
     * flatten layer before it: NIR needs the node, s3gd's stack has no layer there.
     */
    public static final String IMPLICIT_FLATTEN = "none: the next layer reads the image in this order, as s3gd's fully "
        + "connected layers read an image";

    private NirMapping() {
    }

    /** NIR's τ (seconds) of a neuron with decay β per step of {@code dtSeconds}: {@code Δt/(1 − β)}. */
    public static double tau(float beta, double dtSeconds) {
        return dtSeconds / (1.0 - beta);
    }

    /** NIR's R of a LIF node of time constant {@code tau}: {@code τ/Δt}, so that its input is added unscaled. */
    public static double lifResistance(double tau, double dtSeconds) {
        return tau / dtSeconds;
    }

    /** The decay per step of a NIR node with time constant {@code tau}: {@code 1 − Δt/τ}. */
    public static float beta(double tau, double dtSeconds) {
        return (float) (1.0 - dtSeconds / tau);
    }

    /** The input gain of a LIF node's Euler step, {@code R·Δt/τ}: 1 for the nodes s3gd runs. */
    public static double lifGain(double tau, double r, double dtSeconds) {
        return r * dtSeconds / tau;
    }

    /** How the readout's trace becomes a logit, in words, for the LI node's metadata. */
    public static String logit(ReadoutMode mode) {
        return switch (mode) {
            case MAX -> "max over time of the LI trace (NIR has no node for it: the Output node carries the trace)";
            case SUM -> "sum over time of the LI trace (NIR has no node for it: the Output node carries the trace)";
        };
    }
}
