package org.s3gd.train;

import java.util.ArrayList;
import java.util.List;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.tensor.EventBatch;

/**
 * No silent start: scales each spiking layer's input weights, first layer first, so that on one
 * batch its activity (the share of entries with |v − θ| &lt; B_th, ALGORITHM.md §4) is close to a
 * target. A layer that starts silent gives the sparse method no active neuron and so no gradient;
 * one that starts at the target trains from the first batch. The bench calibrates the layers it
 * times the same way.
 *
 * <p>The gain of each layer is found by doubling or halving until the target is bracketed, then
 * by bisection on its logarithm (the smallest gain found that reaches the target); the search depends on the batch and the weights alone, so the
 * same seed gives the same gains.
 */
public final class StartActivity {
    private static final int BRACKET_STEPS = 24;
    private static final int BISECTIONS = 10;

    private StartActivity() {
    }

    /**
     * Scales the input weights of every spiking layer of {@code network} (which {@code runner}
     * runs) in place and returns the gain of each (1 for pooling and flatten). A layer that no gain
     * brings to the target (its activity peaks below it, or its input never spikes) gets the gain of
     * its highest activity among those tried.
     */
    public static List<Double> calibrate(NetworkRunner runner, SpikingNetwork network, EventBatch batch, int[] labels,
                                         double target) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("the start activity must be in (0, 1), got " + target);
        }
        NetworkConfig config = network.config();
        List<Double> gains = new ArrayList<>();
        for (int l = 0; l < config.depth(); l++) {
            if (!config.spiking(l)) {
                gains.add(1.0);
                continue;
            }
            float[] weights = network.hidden(l).value();
            float[] original = weights.clone();
            int layer = l;
            java.util.function.DoubleUnaryOperator activityAt = gain -> {
                for (int k = 0; k < weights.length; k++) {
                    weights[k] = (float) (original[k] * gain);
                }
                return runner.forward(batch, labels, true).activity()[layer];
            };
            double gain = gain(activityAt, target);
            activityAt.applyAsDouble(gain);
            gains.add(gain);
        }
        return gains;
    }

    /**
     * The gain that brings {@code activityAt(gain)} to {@code target}, starting from 1: doubling or
     * halving until the target is bracketed, then bisection on the logarithm (the smallest gain
     * found that reaches it). Activity rises with the gain, then falls as neurons saturate; when
     * its peak lies below the target, the gain of the highest activity tried.
     */
    public static double gain(java.util.function.DoubleUnaryOperator activityAt, double target) {
        double low = 1;
        double high = 1;
        double activity = activityAt.applyAsDouble(1);
        double best = 1;
        double bestActivity = activity;
        boolean bracketed = false;
        if (activity < target) {
            // Activity rises with the gain, then falls as neurons saturate (|v − θ| grows past B_th):
            // double until the target is passed, or stop at the peak when it is never reached.
            double previous = activity;
            for (int k = 0; k < BRACKET_STEPS; k++) {
                double next = activityAt.applyAsDouble(high * 2);
                if (next > bestActivity) {
                    best = high * 2;
                    bestActivity = next;
                }
                if (next >= target) {
                    low = high;
                    high *= 2;
                    bracketed = true;
                    break;
                }
                if (previous > 0 && next < previous) {
                    break;
                }
                high *= 2;
                previous = next;
            }
        } else {
            for (int k = 0; k < BRACKET_STEPS; k++) {
                high = low;
                low /= 2;
                if (activityAt.applyAsDouble(low) < target) {
                    bracketed = true;
                    break;
                }
            }
        }
        double gain = best;
        if (bracketed) {
            for (int k = 0; k < BISECTIONS; k++) {
                double middle = Math.sqrt(low * high);
                if (activityAt.applyAsDouble(middle) < target) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            gain = high;
        }
        return gain;
    }
}
