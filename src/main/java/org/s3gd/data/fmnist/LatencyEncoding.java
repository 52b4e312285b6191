package org.s3gd.data.fmnist;

/**
 * The latency code of ALGORITHM.md §5: a pixel of intensity {@code x = pixel/255} fires once, at
 * step {@code ⌊τ_eff · ln(x / (x − θ))⌋}, with {@code τ_eff = τ / Δt} steps and threshold
 * {@code θ = 0.2}; pixels with {@code x ≤ θ} never fire (at {@code x = θ} the time is infinite)
 * and neither do those whose step is {@code ≥ T}. Brighter pixels fire earlier.
 *
 * @param tauSteps  τ_eff, the time constant in steps (20 for τ = 20 ms, Δt = 1 ms)
 * @param threshold θ, the lowest intensity that can fire
 * @param steps     T, the number of time steps
 */
public record LatencyEncoding(double tauSteps, double threshold, int steps) {
    /** The paper's code: τ = 20 ms, θ = 0.2, for a given Δt (in ms) and T. */
    public static LatencyEncoding paper(double dtMillis, int steps) {
        return new LatencyEncoding(20.0 / dtMillis, 0.2, steps);
    }

    public LatencyEncoding {
        if (!(tauSteps > 0) || Double.isInfinite(tauSteps) || !(threshold >= 0 && threshold < 1) || steps < 1) {
            throw new IllegalArgumentException("latency code needs τ_eff > 0, 0 <= θ < 1, T >= 1; got "
                + tauSteps + ", " + threshold + ", " + steps);
        }
    }

    /** The step at which a pixel of value {@code pixel} (0…255) fires, or -1 if it never does. */
    public int step(int pixel) {
        double x = pixel / 255.0;
        if (!(x > threshold)) {
            return -1;
        }
        double t = Math.floor(tauSteps * Math.log(x / (x - threshold)));
        return t < steps ? (int) t : -1;
    }

    /** {@link #step} for every pixel value 0…255. */
    public int[] table() {
        int[] table = new int[256];
        for (int p = 0; p < 256; p++) {
            table[p] = step(p);
        }
        return table;
    }
}
