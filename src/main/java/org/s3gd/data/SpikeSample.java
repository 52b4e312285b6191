package org.s3gd.data;

import java.util.Arrays;

/**
 * One sample of a spiking data set: a set of spikes (unit, step) on a grid of {@code steps} time
 * steps, and its class label.
 *
 * <p>Stored compactly by step, the way the engine's {@link org.s3gd.tensor.EventBatch} is: the
 * units that spike at step {@code t} are {@code unitAt(k)} for {@code k} in
 * {@code [stepStart(t), stepStart(t+1))}, in increasing order and without duplicates. Unit ids are
 * kept as unsigned 16-bit values (so a data set has at most 65,536 inputs): the full N-MNIST
 * training set then fits a small heap. Instances are immutable; build them with
 * {@link SpikeTrainBuilder}.
 */
public final class SpikeSample {
    /** The largest number of input units a sample can address. */
    public static final int MAX_UNITS = 1 << 16;

    private final int label;
    private final int[] stepStart;
    private final short[] units;

    /**
     * Wraps arrays without copying; {@link SpikeTrainBuilder} and the cache reader are the only
     * callers and guarantee the invariants.
     */
    SpikeSample(int label, int[] stepStart, short[] units) {
        this.label = label;
        this.stepStart = stepStart;
        this.units = units;
    }

    public int label() {
        return label;
    }

    /** Number of time steps T. */
    public int steps() {
        return stepStart.length - 1;
    }

    /** Total number of spikes. */
    public int spikeCount() {
        return units.length;
    }

    /** Index of the first spike of step {@code t}; {@code stepStart(steps())} is the spike count. */
    public int stepStart(int t) {
        return stepStart[t];
    }

    /** Unit id of the {@code k}-th spike (in step order, then unit order). */
    public int unitAt(int k) {
        return Short.toUnsignedInt(units[k]);
    }

    /** Number of spikes at step {@code t}. */
    public int spikesAt(int t) {
        return stepStart[t + 1] - stepStart[t];
    }

    /**
     * Writes the spikes as unit ids in step order into {@code unitsOut} and the step offsets into
     * {@code offsetsOut} (step t holds entries {@code offsetsOut[t] … offsetsOut[t+1]}), as
     * {@link org.s3gd.tensor.EventBatch} keeps a sample; the arrays must hold {@link #spikeCount()}
     * and T + 1 entries.
     */
    public void copyInto(int[] unitsOut, int[] offsetsOut) {
        System.arraycopy(stepStart, 0, offsetsOut, 0, stepStart.length);
        for (int k = 0; k < units.length; k++) {
            unitsOut[k] = Short.toUnsignedInt(units[k]);
        }
    }

    /** Whether unit {@code unit} spikes at step {@code t}. */
    public boolean spikes(int unit, int t) {
        for (int k = stepStart[t]; k < stepStart[t + 1]; k++) {
            if (unitAt(k) == unit) {
                return true;
            }
        }
        return false;
    }

    /** The spikes as a dense 0/1 raster {@code [steps][inputs]}: for tests and small inspections. */
    public byte[][] toRaster(int inputs) {
        byte[][] raster = new byte[steps()][inputs];
        for (int t = 0; t < steps(); t++) {
            for (int k = stepStart[t]; k < stepStart[t + 1]; k++) {
                raster[t][unitAt(k)] = 1;
            }
        }
        return raster;
    }

    /** Bytes held by this sample's arrays (without object headers): its share of the heap. */
    public long payloadBytes() {
        return (long) stepStart.length * Integer.BYTES + (long) units.length * Short.BYTES;
    }

    int[] stepStartArray() {
        return stepStart;
    }

    short[] unitArray() {
        return units;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeSample s
            && label == s.label
            && Arrays.equals(stepStart, s.stepStart)
            && Arrays.equals(units, s.units);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * label + Arrays.hashCode(stepStart)) + Arrays.hashCode(units);
    }

    @Override
    public String toString() {
        return "SpikeSample[label=" + label + ", steps=" + steps() + ", spikes=" + spikeCount() + "]";
    }
}
