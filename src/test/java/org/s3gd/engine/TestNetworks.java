package org.s3gd.engine;

import java.util.SplittableRandom;
import org.s3gd.model.Parameter;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.PoissonSpikes;

/** Shared helpers for engine tests: random inputs, dense ↔ event conversions, error measures. */
public final class TestNetworks {
    private TestNetworks() {
    }

    /** Events from a dense 0/1 tensor {@code [B][T][N]}. */
    public static EventBatch events(double[] dense, int batch, int steps, int units) {
        EventBatch events = new EventBatch(batch, steps, units, false);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < units; i++) {
                    if (dense[(b * steps + t) * units + i] != 0) {
                        events.add(b, i);
                    }
                }
                events.endStep(b, t);
            }
        }
        return events;
    }

    /** Random input spikes with probability {@code rate} per entry. */
    public static EventBatch randomSpikes(int batch, int steps, int units, double rate, SplittableRandom random) {
        return PoissonSpikes.sample(batch, steps, units, rate, false, random);
    }

    /** {@code max|a − b| / max|b|}: the error relative to the tensor's scale. */
    public static double relativeError(float[] actual, double[] expected) {
        double diff = 0;
        double scale = 0;
        for (int k = 0; k < expected.length; k++) {
            diff = Math.max(diff, Math.abs(actual[k] - expected[k]));
            scale = Math.max(scale, Math.abs(expected[k]));
        }
        return scale == 0 ? diff : diff / scale;
    }

    public static double relativeError(float[] actual, float[] expected) {
        double[] e = new double[expected.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = expected[k];
        }
        return relativeError(actual, e);
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** A hash of the bits of every weight of {@code network}: equal only when the weights are bit-identical (barring collisions). */
    public static long weightHash(SpikingNetwork network) {
        long hash = 17;
        for (Parameter p : network.parameters()) {
            for (float w : p.value()) {
                hash = hash * 31 + Float.floatToIntBits(w);
            }
        }
        return hash;
    }

    public static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
