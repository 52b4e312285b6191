package org.s3gd.data.shd;

/**
 * How SHD spike times become steps (ALGORITHM.md §5): a spike at {@code t} seconds falls in step
 * {@code round(t / Δt)} (halves round up), steps {@code >= T} are dropped, and several spikes of one
 * unit in one step are one spike.
 *
 * @param dtSeconds Δt in seconds
 * @param steps     T
 */
public record ShdEncoding(double dtSeconds, int steps) {
    public ShdEncoding {
        if (!(dtSeconds > 0) || Double.isInfinite(dtSeconds) || steps < 1) {
            throw new IllegalArgumentException("SHD binning needs Δt > 0 s and T >= 1; got " + dtSeconds + " s, " + steps);
        }
    }

    /** The paper's setting: Δt = 2 ms, T = 500 (one second). */
    public static ShdEncoding paper() {
        return new ShdEncoding(0.002, 500);
    }

    /** The step of a spike at {@code seconds} (finite, >= 0), not checked against T. */
    public double step(double seconds) {
        return Math.floor(seconds / dtSeconds + 0.5);
    }
}
