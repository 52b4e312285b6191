package org.s3gd.nir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Flatten;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.LinearLif;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Readout;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.Shape;
import org.s3gd.model.SpikePool;

/**
 * A NIR graph as an s3gd network: a chain from {@code Input} to {@code Output} of
 * <ul>
 *   <li>{@code Linear|Affine → LIF [⟲ Linear]}: a fully connected layer, recurrent where a
 *       {@code Linear} leads from the LIF node back to itself;</li>
 *   <li>{@code Conv2d → LIF}: a conv layer, the LIF node over its feature map (C, H, W);</li>
 *   <li>{@code SumPool2d}: sum pooling; {@code Flatten}: a flatten layer;</li>
 *   <li>{@code Linear|Affine → LI → Output}: the readout,</li>
 * </ul>
 * read with the formulas of {@link NirMapping}; the Input node's shape (C, H, W) makes an image
 * input. A Flatten node s3gd wrote before a fully connected layer that reads an image
 * ({@link NirMapping#IMPLICIT_FLATTEN}) is no layer, so s3gd's own files read back to the stack
 * that was exported.
 *
 * <p>Δt, which NIR does not store, is the graph's {@code dt} metadata where s3gd wrote it; else it
 * is read off the first LIF node as {@code τ/R} (the convention of exporters that write
 * {@code R = τ/Δt}, such as snnTorch), and every LIF node must agree.
 *
 * <p>What s3gd cannot run is refused with the file, node and field named: another node type (the
 * supported ones are listed in the message; {@code AvgPool2d} with the reason), per-neuron τ or
 * thresholds, a leak potential, a reset to a non-zero value, a bias, a LIF whose input gain
 * {@code R·Δt/τ} is not 1, an LI with {@code R ≠ 1}, a convolution with dilation, groups, a
 * non-square kernel or different strides or paddings along the two sides, pooling whose stride is
 * not its window or with padding, a Flatten that does not make one vector, shapes that do not chain.
 */
public final class NirImport {
    private static final String SUPPORTED = "Input, Linear, Affine (zero bias), Conv2d, LIF, LI, SumPool2d, Flatten, Output";
    private static final Set<String> TYPES = Set.of("Input", "Linear", "Affine", "Conv2d", "LIF", "LI", "SumPool2d", "Flatten",
        "Output");
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
            if (node.type().equals("AvgPool2d")) {
                throw NirException.in(file, "node '" + node.name() + "' has type 'AvgPool2d', which s3gd does not read: its "
                    + "pooling passes a window's spike count (SumPool2d), an average would divide it by the window's size");
            }
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
        return new Chain(graph, file, timeStep(graph, file), input).walk(readout);
    }

    /** The walk from the input to the output, layer by layer, with the shape of what flows between them. */
    private static final class Chain {
        final NirGraph graph;
        final Object file;
        final double dt;
        final Shape inputShape;
        final Set<String> visited = new HashSet<>();
        final List<LayerSpec> layers = new ArrayList<>();
        final List<float[]> weights = new ArrayList<>();
        Shape shape;
        String current;

        Chain(NirGraph graph, Object file, double dt, NirNode input) {
            this.graph = graph;
            this.file = file;
            this.dt = dt;
            this.inputShape = inputShape(input);
            this.shape = inputShape;
            this.current = input.name();
            visited.add(input.name());
        }

        NirNetwork walk(ReadoutMode readout) {
            while (true) {
                NirNode node = next(current);
                switch (node.type()) {
                    case "Linear", "Affine" -> {
                        float[] w = NirSynapses.linear(node, shape.units(), file);
                        int outputs = node.field("weight", file.toString()).shape()[0];
                        NirNode target = next(node.name());
                        switch (target.type()) {
                            case "LIF" -> fullyConnected(target, w, outputs);
                            case "LI" -> {
                                return readout(target, w, outputs, readout);
                            }
                            default -> throw NirException.in(file, "node '" + target.name() + "' (" + target.type()
                                + ") follows the synapses '" + node.name() + "'; s3gd expects a LIF (a hidden layer) or an LI "
                                + "(the readout) there");
                        }
                    }
                    case "Conv2d" -> convolution(node);
                    case "SumPool2d" -> add(node, new SpikePool(SpikePool.Mode.SUM, pool(node)), null);
                    case "Flatten" -> add(node, flatten(node), null);
                    default -> throw NirException.in(file, "node '" + node.name() + "' (" + node.type() + ") follows '" + current
                        + "'; s3gd expects synapses there (Linear, Affine or Conv2d), or a SumPool2d or a Flatten");
                }
            }
        }

        private void fullyConnected(NirNode lif, float[] w, int outputs) {
            LifParameters neuron = NirNeurons.lif(lif, Shape.flat(outputs), dt, file);
            float[] v = recurrent(lif, outputs);
            add(lif, v != null ? new RecurrentLif(outputs, neuron, BackwardMethod.SPARSE)
                : new LinearLif(outputs, neuron, BackwardMethod.SPARSE), w);
            if (v != null) {
                weights.add(v);
            }
        }

        private void convolution(NirNode node) {
            NirSynapses.Convolution conv = NirSynapses.conv2d(node, shape, file);
            NirNode lif = next(node.name());
            if (!lif.type().equals("LIF")) {
                throw NirException.in(file, "node '" + lif.name() + "' (" + lif.type() + ") follows the convolution '"
                    + node.name() + "'; s3gd expects a LIF over its feature map there");
            }
            LifParameters neuron = NirNeurons.lif(lif, conv.map(), dt, file);
            soleInput(lif, "s3gd's conv layers have one input and no recurrent weights");
            add(lif, conv.layer(neuron), conv.k());
        }

        // `layer` read at `node`, with its weight matrix (none for pooling and flatten); a layer of null is no layer.
        private void add(NirNode node, LayerSpec layer, float[] w) {
            if (layer != null) {
                shape = output(node, layer);
                layers.add(layer);
            } else {
                shape = Shape.flat(shape.units());
            }
            if (w != null) {
                weights.add(w);
            }
            current = node.name();
        }

        private Shape output(NirNode node, LayerSpec layer) {
            try {
                return layer.output(shape);
            } catch (IllegalArgumentException e) {
                throw NirException.in(file, "node '" + node.name() + "': " + e.getMessage());
            }
        }

        // SumPool2d: a window of k×k moved by k, no padding, as s3gd's pooling; the window's side.
        private int pool(NirNode node) {
            int size = NirFields.side(node, "kernel_size", 1, file, "s3gd's pooling windows are square");
            int stride = NirFields.side(node, "stride", 1, file, "s3gd's pooling moves by its window along both sides");
            if (stride != size) {
                throw NirFields.at(node, "stride", file, "is " + stride + ", the window " + size + "; s3gd's pooling moves by "
                    + "its window (stride = kernel_size)");
            }
            if (NirFields.side(node, "padding", 0, file, "s3gd's pooling has no padding") != 0) {
                throw NirFields.at(node, "padding", file, "is " + node.field("padding", file.toString()).valuesText()
                    + "; s3gd's pooling has no padding");
            }
            return size;
        }

        // Flatten over the whole sample; null where s3gd wrote it before a fully connected layer that reads an image.
        private Flatten flatten(NirNode node) {
            NirArray type = node.field("input_type", file.toString());
            int[] dims = NirFields.dims(shape);
            if (!Arrays.equals(type.values(), Arrays.stream(dims).asDoubleStream().toArray())) {
                throw NirFields.at(node, "input_type", file, "is " + type.valuesText() + ", but its input is " + shape);
            }
            int rank = dims.length;
            int start = NirFields.whole(node, "start_dim", -rank, file);
            int end = NirFields.whole(node, "end_dim", -rank, file);
            boolean whole = start < rank && end < rank && Math.floorMod(start, rank) == 0 && Math.floorMod(end, rank) == rank - 1;
            if (!whole) {
                String field = start < rank && Math.floorMod(start, rank) == 0 ? "end_dim" : "start_dim";
                throw NirFields.at(node, field, file, "is " + (field.equals("end_dim") ? end : start) + ": from 'start_dim' "
                    + start + " to 'end_dim' " + end + " over " + type.valuesText() + " is not the whole sample; s3gd's flatten "
                    + "makes one vector of it (start_dim 0, end_dim -1)");
            }
            Object layer = node.metadata().get(NirMapping.LAYER);
            if (NirMapping.IMPLICIT_FLATTEN.equals(layer)) {
                return null;
            }
            if (layer instanceof String label && label.startsWith("flatten:")) {
                try {
                    return new Flatten(Integer.parseInt(label.substring("flatten:".length())));
                } catch (IllegalArgumentException e) {
                    throw NirException.in(file, "node '" + node.name() + "': metadata '" + NirMapping.LAYER + "' is '" + label
                        + "', not flatten:SIZE");
                }
            }
            return new Flatten();
        }

        private NirNetwork readout(NirNode li, float[] w, int outputs, ReadoutMode fallback) {
            float beta = NirNeurons.li(li, outputs, dt, file);
            weights.add(w);
            if (layers.isEmpty()) {
                throw NirException.in(file, "node '" + li.name() + "': the readout follows the input directly; "
                    + "an s3gd network has at least one LIF layer");
            }
            layers.add(new Readout(outputs, beta, readoutMode(fallback)));
            NirNode output = next(li.name());
            if (!output.type().equals("Output")) {
                throw NirException.in(file, "node '" + output.name() + "' (" + output.type()
                    + ") follows the readout '" + li.name() + "'; s3gd's readout is the last layer, before the Output");
            }
            int declared = product(output);
            if (declared != outputs) {
                throw NirException.in(file, "node '" + output.name() + "': field 'shape' is " + declared
                    + " outputs, the readout '" + li.name() + "' has " + outputs);
            }
            for (String name : graph.nodes().keySet()) {
                if (!visited.contains(name)) {
                    throw NirException.in(file, "node '" + name + "' is not on the chain from the input to the output");
                }
            }
            try {
                NetworkConfig network = new NetworkConfig(inputShape.units(), layers, NetworkConfig.DEFAULT_BACKPROP_THRESHOLD,
                    RegularizerParameters.paper(1f), inputShape);
                return new NirNetwork(network, weights, dt * 1000.0, graph.metadata());
            } catch (IllegalArgumentException e) {
                throw NirException.in(file, "the network it holds is not one s3gd runs: " + e.getMessage());
            }
        }

        private ReadoutMode readoutMode(ReadoutMode fallback) {
            if (graph.metadata().get("readout") instanceof String s) {
                for (ReadoutMode mode : ReadoutMode.values()) {
                    if (mode.name().equalsIgnoreCase(s)) {
                        return mode;
                    }
                }
            }
            return fallback;
        }

        // The one node after `from` that is not a recurrent edge's target already visited.
        private NirNode next(String from) {
            List<String> next = graph.successors(from).stream().filter(n -> !visited.contains(n)).toList();
            if (next.size() != 1) {
                throw NirException.in(file, "node '" + from + "' feeds " + (next.isEmpty() ? "no node" : next.size() + " nodes " + next)
                    + "; s3gd reads a chain of layers from the input to the output");
            }
            visited.add(next.get(0));
            return graph.nodes().get(next.get(0));
        }

        // A Linear from the LIF node back to itself: its V (N × N), or null.
        private float[] recurrent(NirNode lif, int neurons) {
            for (String from : graph.predecessors(lif.name())) {
                NirNode node = graph.nodes().get(from);
                if (!visited.contains(from) && node.type().equals("Linear") && graph.predecessors(from).equals(List.of(lif.name()))
                    && graph.successors(from).equals(List.of(lif.name()))) {
                    visited.add(from);
                    return NirSynapses.linear(node, neurons, file);
                }
            }
            soleInput(lif, "s3gd reads one input per layer and, for a recurrent layer, one Linear from the layer back to itself");
            return null;
        }

        private void soleInput(NirNode lif, String why) {
            List<String> unexpected = graph.predecessors(lif.name()).stream().filter(n -> !visited.contains(n)).toList();
            if (!unexpected.isEmpty()) {
                throw NirException.in(file, "node '" + lif.name() + "' also receives from " + unexpected + "; " + why);
            }
        }

        // The Input node's shape: (C, H, W) is an image, anything else that many flat units.
        private Shape inputShape(NirNode input) {
            NirArray dims = input.field("shape", file.toString());
            int units = product(input);
            if (dims.size() == 3) {
                return new Shape((int) dims.values()[0], (int) dims.values()[1], (int) dims.values()[2]);
            }
            return Shape.flat(units);
        }

        private int product(NirNode node) {
            NirArray shape = node.field("shape", file.toString());
            long units = 1;
            for (double d : shape.values()) {
                if (d < 1 || d != Math.rint(d)) {
                    throw NirFields.at(node, "shape", file, shape.valuesText() + " is not a list of positive sizes");
                }
                units *= (long) d;
            }
            if (units > Integer.MAX_VALUE || shape.size() == 0) {
                throw NirFields.at(node, "shape", file, "is not a usable size");
            }
            return (int) units;
        }
    }

    private static NirNode only(NirGraph graph, String type, Object file) {
        List<NirNode> found = graph.nodes().values().stream().filter(n -> n.type().equals(type)).toList();
        if (found.size() != 1) {
            throw NirException.in(file, "the graph has " + found.size() + " " + type + " nodes; s3gd reads a network with one");
        }
        return found.get(0);
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
}
