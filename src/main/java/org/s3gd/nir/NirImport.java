package org.s3gd.nir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.LinearLif;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Readout;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.RegularizerParameters;

/**
 * A NIR graph as an s3gd network: a chain {@code Input → (Linear|Affine → LIF [⟲ Linear])… →
 * Linear|Affine → LI → Output}, read with the formulas of {@link NirMapping}. A LIF node with a
 * {@code Linear} edge back to itself is a recurrent layer.
 *
 * <p>Δt, which NIR does not store, is the graph's {@code dt} metadata where s3gd wrote it; else it
 * is read off the first LIF node as {@code τ/R} (the convention of exporters that write
 * {@code R = τ/Δt}, such as snnTorch), and every LIF node must agree.
 *
 * <p>What s3gd cannot run is refused with the node and field named: another node type (the
 * supported ones are listed in the message), a per-neuron τ or threshold, a leak potential, a
 * reset to a non-zero value, an Affine bias, a LIF whose input gain {@code R·Δt/τ} is not 1, an LI
 * with {@code R ≠ 1}, shapes that do not chain. A new kind of layer is one more node type in
 * {@link #network}'s walk (a {@code Conv2d} or {@code SumPool2d} before a LIF, a {@code Flatten}).
 */
public final class NirImport {
    private static final String SUPPORTED = "Input, Linear, Affine (zero bias), LIF, LI, Output";
    private static final Set<String> TYPES = Set.of("Input", "Linear", "Affine", "LIF", "LI", "Output");
    private static final double SAME = 1e-6;

    private NirImport() {
    }

    /**
     * The network in {@code graph}.
     *
     * @param file     the file it came from, for messages
     * @param readout  the readout mode when the graph does not say (NIR has no node for it)
     * @throws NirException naming the file, the node and the field at fault
     */
    public static NirNetwork network(NirGraph graph, Object file, ReadoutMode readout) {
        for (NirNode node : graph.nodes().values()) {
            if (!TYPES.contains(node.type())) {
                throw NirException.in(file, "node '" + node.name() + "' has type '" + node.type()
                    + "', which s3gd does not read (it reads " + SUPPORTED + ")");
            }
        }
        for (NirGraph.Edge e : graph.edges()) {
            for (String end : new String[] {e.from(), e.to()}) {
                if (!graph.nodes().containsKey(end)) {
                    throw NirException.in(file, "an edge names node '" + end + "', which the graph does not have");
                }
            }
        }
        NirNode input = only(graph, "Input", file);
        only(graph, "Output", file);
        double dt = timeStep(graph, file);
        Set<String> visited = new HashSet<>();
        visited.add(input.name());
        int width = product(input.field("shape", file.toString()), input, file);
        int inputs = width;
        List<LayerSpec> layers = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        String current = input.name();
        while (true) {
            NirNode synapse = next(graph, current, visited, file);
            float[] w = synapse(synapse, width, file);
            int outputs = synapse.field("weight", file.toString()).shape()[0];
            NirNode target = next(graph, synapse.name(), visited, file);
            switch (target.type()) {
                case "LIF" -> {
                    LifParameters neuron = lif(target, outputs, dt, file);
                    float[] v = recurrent(graph, target, outputs, visited, file);
                    weights.add(w);
                    if (v != null) {
                        weights.add(v);
                        layers.add(new RecurrentLif(outputs, neuron, BackwardMethod.SPARSE));
                    } else {
                        layers.add(new LinearLif(outputs, neuron, BackwardMethod.SPARSE));
                    }
                    width = outputs;
                    current = target.name();
                }
                case "LI" -> {
                    float beta = li(target, outputs, dt, file);
                    weights.add(w);
                    if (layers.isEmpty()) {
                        throw NirException.in(file, "node '" + target.name() + "': the readout follows the input directly; "
                            + "an s3gd network has at least one LIF layer");
                    }
                    layers.add(new Readout(outputs, beta, readoutMode(graph, target, readout)));
                    NirNode output = next(graph, target.name(), visited, file);
                    if (!output.type().equals("Output")) {
                        throw NirException.in(file, "node '" + output.name() + "' (" + output.type()
                            + ") follows the readout '" + target.name() + "'; s3gd's readout is the last layer, before the Output");
                    }
                    int declared = product(output.field("shape", file.toString()), output, file);
                    if (declared != outputs) {
                        throw NirException.in(file, "node '" + output.name() + "': field 'shape' is " + declared
                            + " outputs, the readout '" + target.name() + "' has " + outputs);
                    }
                    for (String name : graph.nodes().keySet()) {
                        if (!visited.contains(name)) {
                            throw NirException.in(file, "node '" + name + "' is not on the chain from the input to the output");
                        }
                    }
                    NetworkConfig network = new NetworkConfig(inputs, layers, NetworkConfig.DEFAULT_BACKPROP_THRESHOLD,
                        RegularizerParameters.paper(1f));
                    return new NirNetwork(network, weights, dt * 1000.0, graph.metadata());
                }
                default -> throw NirException.in(file, "node '" + target.name() + "' (" + target.type() + ") follows the synapses '"
                    + synapse.name() + "'; s3gd expects a LIF (a hidden layer) or an LI (the readout) there");
            }
        }
    }

    private static NirNode only(NirGraph graph, String type, Object file) {
        List<NirNode> found = graph.nodes().values().stream().filter(n -> n.type().equals(type)).toList();
        if (found.size() != 1) {
            throw NirException.in(file, "the graph has " + found.size() + " " + type + " nodes; s3gd reads a network with one");
        }
        return found.get(0);
    }

    // The one node after `from` that is not a recurrent edge's target already visited.
    private static NirNode next(NirGraph graph, String from, Set<String> visited, Object file) {
        List<String> next = graph.successors(from).stream().filter(n -> !visited.contains(n)).toList();
        if (next.size() != 1) {
            throw NirException.in(file, "node '" + from + "' feeds " + (next.isEmpty() ? "no node" : next.size() + " nodes " + next)
                + "; s3gd reads a chain of layers from the input to the output");
        }
        visited.add(next.get(0));
        return graph.nodes().get(next.get(0));
    }

    // A Linear or Affine node's weight (outputs × inputs) as s3gd's W[i][j] (inputs × outputs).
    private static float[] synapse(NirNode node, int inputs, Object file) {
        if (!node.type().equals("Linear") && !node.type().equals("Affine")) {
            throw NirException.in(file, "node '" + node.name() + "' (" + node.type()
                + ") is where s3gd expects the synapses of the next layer, a Linear or an Affine");
        }
        NirArray weight = node.field("weight", file.toString());
        if (weight.rank() != 2) {
            throw NirException.in(file, "node '" + node.name() + "': field 'weight' has shape " + weight.shapeText()
                + ", expected (outputs, inputs)");
        }
        if (weight.shape()[1] != inputs) {
            throw NirException.in(file, "node '" + node.name() + "': field 'weight' has shape " + weight.shapeText()
                + ", but its input has " + inputs + " units");
        }
        if (node.type().equals("Affine")) {
            NirArray bias = node.field("bias", file.toString());
            for (double b : bias.values()) {
                if (b != 0) {
                    throw NirException.in(file, "node '" + node.name() + "': field 'bias' is not zero; s3gd's layers have no bias");
                }
            }
        }
        int outputs = weight.shape()[0];
        float[] w = new float[inputs * outputs];
        for (int j = 0; j < outputs; j++) {
            for (int i = 0; i < inputs; i++) {
                w[i * outputs + j] = (float) weight.values()[j * inputs + i];
            }
        }
        return w;
    }

    // A Linear from the LIF node back to itself: its V (N × N), or null.
    private static float[] recurrent(NirGraph graph, NirNode lif, int neurons, Set<String> visited, Object file) {
        for (String from : graph.predecessors(lif.name())) {
            NirNode node = graph.nodes().get(from);
            if (!visited.contains(from) && graph.predecessors(from).equals(List.of(lif.name()))
                && graph.successors(from).equals(List.of(lif.name()))) {
                visited.add(from);
                return synapse(node, neurons, file);
            }
        }
        List<String> unexpected = graph.predecessors(lif.name()).stream().filter(n -> !visited.contains(n)).toList();
        if (!unexpected.isEmpty()) {
            throw NirException.in(file, "node '" + lif.name() + "' also receives from " + unexpected
                + "; s3gd reads one input per layer and, for a recurrent layer, one Linear from the layer back to itself");
        }
        return null;
    }

    private static LifParameters lif(NirNode node, int neurons, double dt, Object file) {
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

    private static float li(NirNode node, int outputs, double dt, Object file) {
        double tau = uniform(node, "tau", outputs, file);
        double r = uniform(node, "r", outputs, file);
        zero(node, "v_leak", outputs, file, "s3gd's readout leaks to 0");
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

    private static ReadoutMode readoutMode(NirGraph graph, NirNode li, ReadoutMode fallback) {
        Object named = graph.metadata().get("readout");
        if (named instanceof String s) {
            for (ReadoutMode mode : ReadoutMode.values()) {
                if (mode.name().equalsIgnoreCase(s)) {
                    return mode;
                }
            }
        }
        return fallback;
    }

    // Δt in seconds: the graph's metadata, else τ/R of the LIF nodes (all alike).
    private static double timeStep(NirGraph graph, Object file) {
        if (graph.metadata().get("dt") instanceof Number dt && dt.doubleValue() > 0) {
            return dt.doubleValue();
        }
        double dt = Double.NaN;
        String first = null;
        for (NirNode node : graph.nodes().values()) {
            if (node.type().equals("LIF")) {
                NirArray tau = node.field("tau", file.toString());
                NirArray r = node.field("r", file.toString());
                if (tau.size() == 0 || r.size() == 0) {
                    continue;
                }
                double own = tau.values()[0] / r.values()[0];
                if (first == null) {
                    dt = own;
                    first = node.name();
                } else if (Math.abs(own / dt - 1) > SAME) {
                    throw NirException.in(file, "node '" + node.name() + "': tau/r = " + own + " s differs from " + dt
                        + " s of '" + first + "'; without a 'dt' in the graph's metadata s3gd reads the time step as tau/r, "
                        + "one for the whole network");
                }
            }
        }
        if (first == null || !(dt > 0) || Double.isInfinite(dt)) {
            throw NirException.in(file, "no time step: the graph has no 'dt' metadata and no LIF node to read it from");
        }
        return dt;
    }

    private static double uniform(NirNode node, String field, int size, Object file) {
        NirArray a = node.field(field, file.toString());
        if (a.size() != size && !(a.size() == 1 && a.rank() == 0)) {
            throw NirException.in(file, "node '" + node.name() + "': field '" + field + "' has shape " + a.shapeText()
                + ", expected [" + size + "] (its synapses have " + size + " outputs)");
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

    private static void zero(NirNode node, String field, int size, Object file, String why) {
        uniform(node, field, size, file);
        if (node.field(field, file.toString()).values()[0] != 0) {
            throw NirException.in(file, "node '" + node.name() + "': field '" + field + "' is "
                + node.field(field, file.toString()).values()[0] + ", expected 0 (" + why + ")");
        }
    }

    private static int product(NirArray shape, NirNode node, Object file) {
        long units = 1;
        for (double d : shape.values()) {
            if (d < 1 || d != Math.rint(d)) {
                throw NirException.in(file, "node '" + node.name() + "': field 'shape' " + shape.shapeText().toLowerCase(Locale.ROOT)
                    + " is not a list of positive sizes");
            }
            units *= (long) d;
        }
        if (units > Integer.MAX_VALUE || shape.size() == 0) {
            throw NirException.in(file, "node '" + node.name() + "': field 'shape' is not a usable size");
        }
        return (int) units;
    }
}
