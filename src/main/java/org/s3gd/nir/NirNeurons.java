package org.s3gd.nir;

import java.util.Arrays;
import org.s3gd.model.LifParameters;
import org.s3gd.model.Shape;

/**
 * A NIR {@code LIF} or {@code LI} node as s3gd's neurons, with the formulas of {@link NirMapping}:
 * every field is checked to hold one value for the whole layer (a vector of its neurons, or the
 * feature map's shape for a convolution's neurons, or a scalar) and to be one s3gd can run.
 */
final class NirNeurons {
    private static final double SAME = 1e-6;

    private NirNeurons() {
    }

    /** A LIF node over {@code neurons} (its synapses' output) as β and θ, read with the time step {@code dt} (seconds). */
    static LifParameters lif(NirNode node, Shape neurons, double dt, Object file) {
        double tau = uniform(node, "tau", neurons, file);
        double r = uniform(node, "r", neurons, file);
        zero(node, "v_leak", neurons, file, "s3gd's neurons leak to 0");
        if (node.fields().containsKey("v_reset")) {
            zero(node, "v_reset", neurons, file, "s3gd's neurons reset by subtracting the threshold");
        }
        double threshold = uniform(node, "v_threshold", neurons, file);
        if (!(tau > dt)) {
            throw NirException.in(file, "node '" + node.name() + "': field 'tau' is " + tau + " s, not longer than the time step "
                + dt + " s (the decay 1 - dt/tau would not be in (0, 1))");
        }
        double gain = NirMapping.lifGain(tau, r, dt);
        if (Math.abs(gain - 1) > SAME) {
            throw NirException.in(file, "node '" + node.name() + "': field 'r' gives an input gain r*dt/tau of " + gain
                + "; s3gd's LIF adds its input unscaled (r = tau/dt)");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw NirException.in(file, "node '" + node.name() + "': field 'v_threshold' is " + threshold + ", expected > 0");
        }
        return new LifParameters(NirMapping.beta(tau, dt), (float) threshold);
    }

    /** An LI node of {@code outputs} as the readout's β_r. */
    static float li(NirNode node, int outputs, double dt, Object file) {
        Shape shape = Shape.flat(outputs);
        double tau = uniform(node, "tau", shape, file);
        double r = uniform(node, "r", shape, file);
        zero(node, "v_leak", shape, file, "s3gd's readout leaks to 0");
        if (Math.abs(r - 1) > SAME) {
            throw NirException.in(file, "node '" + node.name() + "': field 'r' is " + r + "; s3gd's readout has r = 1 "
                + "(y <- beta*y + (1 - beta)*I)");
        }
        if (!(tau > dt)) {
            throw NirException.in(file, "node '" + node.name() + "': field 'tau' is " + tau + " s, not longer than the time step "
                + dt + " s");
        }
        return NirMapping.beta(tau, dt);
    }

    // One value for all neurons: a scalar, or one per neuron laid out as the neurons are (a feature map C×H×W, or flat).
    private static double uniform(NirNode node, String field, Shape neurons, Object file) {
        NirArray a = node.field(field, file.toString());
        int[] dims = NirFields.dims(neurons);
        boolean scalar = a.size() == 1 && a.rank() == 0;
        boolean laidOut = a.size() == neurons.units() && (!neurons.spatial() || a.rank() == 1 || Arrays.equals(a.shape(), dims));
        if (!scalar && !laidOut) {
            throw NirException.in(file, "node '" + node.name() + "': field '" + field + "' has shape " + a.shapeText()
                + ", expected " + Arrays.toString(dims) + " (its synapses have " + neurons + " outputs)");
        }
        double value = a.values()[0];
        for (double x : a.values()) {
            if (x != value) {
                throw NirException.in(file, "node '" + node.name() + "': field '" + field
                    + "' differs between neurons; s3gd's layers have one value for all their neurons");
            }
        }
        return value;
    }

    private static void zero(NirNode node, String field, Shape neurons, Object file, String why) {
        double value = uniform(node, field, neurons, file);
        if (value != 0) {
            throw NirException.in(file, "node '" + node.name() + "': field '" + field + "' is " + value + ", expected 0 (" + why + ")");
        }
    }
}
