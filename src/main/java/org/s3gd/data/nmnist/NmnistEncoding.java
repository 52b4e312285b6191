package org.s3gd.data.nmnist;

/**
 * How N-MNIST events become spikes (ALGORITHM.md §5): an event at {@code t} µs falls in step
 * {@code round(t / Δt)} (halves round up), events at steps {@code >= T} are dropped, and several
 * events of one unit in one step are one spike.
 *
 * <p>The sensor is 34×34 pixels; the unit of pixel {@code (x, y)} is {@code y·34 + x}. With the
 * polarities merged, as the paper did, there are 1,156 inputs; with {@code keepPolarity} an ON
 * event (polarity bit 1) goes to unit {@code 1156 + y·34 + x}, giving 2×34×34 = 2,312 inputs.
 *
 * @param dtMicros     Δt in microseconds
 * @param steps        T
 * @param keepPolarity whether ON and OFF events go to separate units
 */
public record NmnistEncoding(long dtMicros, int steps, boolean keepPolarity) {
    public static final int SIDE = 34;
    public static final int PIXELS = SIDE * SIDE;

    public NmnistEncoding {
        if (dtMicros < 1 || steps < 1) {
            throw new IllegalArgumentException("N-MNIST binning needs Δt >= 1 µs and T >= 1; got " + dtMicros + " µs, " + steps);
        }
    }

    /** The paper's setting: Δt = 1 ms, T = 300, polarities merged. */
    public static NmnistEncoding paper() {
        return new NmnistEncoding(1000, 300, false);
    }

    public int inputs() {
        return keepPolarity ? 2 * PIXELS : PIXELS;
    }

    /** The step of an event at {@code micros} µs (not checked against T). */
    public long step(long micros) {
        return (2 * micros + dtMicros) / (2 * dtMicros);
    }

    /** The unit of an event at pixel {@code (x, y)} with polarity bit {@code polarity}. */
    public int unit(int x, int y, int polarity) {
        int pixel = y * SIDE + x;
        return keepPolarity && polarity != 0 ? PIXELS + pixel : pixel;
    }
}
