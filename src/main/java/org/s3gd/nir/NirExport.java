package org.s3gd.nir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.Flatten;
import org.s3gd.model.SpikePool;
import org.s3gd.model.Shape;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.LinearLif;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Readout;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.SpikingLayerSpec;

/**
 * A network as a NIR graph: {@code input} → per hidden layer its synapses ({@code Linear} W) and
 * neurons ({@code LIF}), a recurrent layer with a {@code Linear} V from its LIF node back to
 * itself (NIR's convention for recurrence: a cycle in the graph) → the readout's synapses and its
 * leaky integrator ({@code LI}) → {@code output}. The constants follow {@link NirMapping}.
 *
 * <p>Node names: {@code w1, lif1, v1, w2, lif2, …, wout, readout}. NIR's {@code Linear} computes
 * {@code W·x} with a weight of shape (outputs, inputs), the transpose of s3gd's {@code W[i][j]}.
 *
 * <p>A new kind of layer is one more case of the {@code switch} in {@link #graph}: a convolution
 * is a {@code Conv2d} node feeding a {@code LIF} node of the feature map's shape, a pooling layer a
 * {@code SumPool2d}, a flatten a {@code Flatten}.
 */
public final class NirExport {
    private NirExport() {
    }

    /**
     * @param network   the network
     * @param weights   its weight matrices in {@link org.s3gd.model.SpikingNetwork#parameters()} order
     * @param dtMillis  Δt of the discrete model, written as the graph's {@code dt} (seconds)
     * @param about     more metadata for the graph (data set, T, version, …)
     */
    public static NirGraph graph(NetworkConfig network, List<float[]> weights, double dtMillis, Map<String, Object> about) {
        double dt = dtMillis / 1000.0;
        Builder graph = new Builder();
        Shape shape = network.inputShape();
        graph.node(new NirNode("input", "Input", fields("shape", dims(shape)), Map.of()));
        String previous = "input";
        int p = 0;
        for (int l = 0; l < network.layers().size(); l++) {
            LayerSpec layer = network.layers().get(l);
            int n = l + 1;
            int width = shape.units();
            if (shape.spatial() && !(layer instanceof Conv2dLif || layer instanceof SpikePool || layer instanceof Flatten)) {
                // s3gd's fully connected layers read an image in flatten's order; NIR says so with a node.
                previous = flatten(graph, "flatten" + n + "_in", previous, shape, NirMapping.IMPLICIT_FLATTEN);
            }
            switch (layer) {
                case LinearLif lif -> previous = spiking(graph, lif, n, previous, width, weights.get(p++), null, dt);
                case RecurrentLif lif -> previous = spiking(graph, lif, n, previous, width, weights.get(p++), weights.get(p++), dt);
                case Conv2dLif conv -> previous = convolution(graph, conv, n, previous, shape, weights.get(p++), dt);
                case SpikePool pool -> {
                    if (pool.mode() == SpikePool.Mode.MAX) {
                        throw new NirException("layer " + n + " (" + NetworkConfig.label(pool) + "): NIR has no max-pooling "
                            + "node (only SumPool2d and AvgPool2d); a stack with sumpool can be exported");
                    }
                    String name = "pool" + n;
                    int size = pool.size();
                    graph.node(new NirNode(name, "SumPool2d", fields("kernel_size", NirArray.shape(size, size),
                        "stride", NirArray.shape(size, size), "padding", NirArray.shape(0, 0)), Map.of()));
                    graph.edge(previous, name);
                    previous = name;
                }
                case Flatten flatten -> previous = flatten(graph, "flatten" + n, previous, shape, NetworkConfig.label(flatten));
                case Readout readout -> {
                    graph.linear("wout", previous, width, readout.outputs(), weights.get(p++));
                    Map<String, Object> meta = new LinkedHashMap<>();
                    meta.put("beta", (double) readout.beta());
                    meta.put("logit", NirMapping.logit(readout.mode()));
                    int o = readout.outputs();
                    graph.node(new NirNode("readout", "LI", fields(
                        "tau", NirArray.of(filled(o, NirMapping.tau(readout.beta(), dt))),
                        "r", NirArray.of(filled(o, 1.0)),
                        "v_leak", NirArray.of(new double[o])), meta));
                    graph.edge("wout", "readout");
                    graph.node(new NirNode("output", "Output", fields("shape", NirArray.shape(o)), Map.of()));
                    graph.edge("readout", "output");
                }
            }
            shape = layer.output(shape);
        }
        Map<String, Object> metadata = new LinkedHashMap<>(about);
        metadata.put("dt", dt);
        metadata.put("readout", network.readoutMode().name().toLowerCase(Locale.ROOT));
        metadata.put("time_step", NirMapping.STEP);
        metadata.put("reset", NirMapping.RESET);
        metadata.put("logit", NirMapping.logit(network.readoutMode()));
        return new NirGraph(graph.nodes, graph.edges, metadata);
    }

    private static NirArray dims(Shape shape) {
        return NirArray.shape(NirFields.dims(shape));
    }

    // NIR's Flatten over the whole of one sample (no batch dimension in NIR's types); `layer` says which s3gd layer it is.
    private static String flatten(Builder graph, String name, String previous, Shape shape, String layer) {
        graph.node(new NirNode(name, "Flatten", fields("input_type", dims(shape), "start_dim", NirArray.integer(0),
            "end_dim", NirArray.integer(-1)), Map.of(NirMapping.LAYER, layer)));
        graph.edge(previous, name);
        return name;
    }

    // K into a Conv2d node (weight [C_out][C_in][k][k], no bias) feeding a LIF node over the feature map.
    private static String convolution(Builder graph, Conv2dLif conv, int n, String previous, Shape input, float[] k, double dt) {
        String synapse = "conv" + n;
        String neurons = "lif" + n;
        int patch = input.channels() * conv.kernel() * conv.kernel();
        float[] weight = new float[k.length];
        for (int q = 0; q < patch; q++) {
            for (int o = 0; o < conv.channels(); o++) {
                weight[o * patch + q] = k[q * conv.channels() + o];
            }
        }
        graph.node(new NirNode(synapse, "Conv2d", fields(
            "input_shape", NirArray.shape(input.height(), input.width()),
            "weight", NirArray.tensor(new int[] {conv.channels(), input.channels(), conv.kernel(), conv.kernel()}, weight),
            "stride", NirArray.shape(conv.stride(), conv.stride()),
            "padding", NirArray.shape(conv.padding(), conv.padding()),
            "dilation", NirArray.shape(1, 1),
            "groups", NirArray.integer(1),
            "bias", NirArray.of(new float[conv.channels()])), Map.of()));
        graph.edge(previous, synapse);
        Shape out = conv.output(input);
        int[] map = {out.channels(), out.height(), out.width()};
        LifParameters neuron = conv.neuron();
        double tau = NirMapping.tau(neuron.beta(), dt);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("beta", (double) neuron.beta());
        meta.put("reset", NirMapping.RESET);
        meta.put(NirMapping.LAYER, conv.kind());
        graph.node(new NirNode(neurons, "LIF", fields(
            "tau", NirArray.filled(map, tau),
            "r", NirArray.filled(map, NirMapping.lifResistance(tau, dt)),
            "v_leak", NirArray.filled(map, 0),
            "v_threshold", NirArray.filled(map, neuron.threshold()),
            "v_reset", NirArray.filled(map, 0)), meta));
        graph.edge(synapse, neurons);
        return neurons;
    }

    // W (and V) into a LIF node; returns the LIF node's name.
    private static String spiking(Builder graph, SpikingLayerSpec layer, int n, String previous, int inputs, float[] w,
                                  float[] v, double dt) {
        String synapse = "w" + n;
        String neurons = "lif" + n;
        int size = layer.output(Shape.flat(inputs)).units();
        graph.linear(synapse, previous, inputs, size, w);
        LifParameters neuron = layer.neuron();
        double tau = NirMapping.tau(neuron.beta(), dt);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("beta", (double) neuron.beta());
        meta.put("reset", NirMapping.RESET);
        meta.put(NirMapping.LAYER, layer.kind());
        graph.node(new NirNode(neurons, "LIF", fields(
            "tau", NirArray.of(filled(size, tau)),
            "r", NirArray.of(filled(size, NirMapping.lifResistance(tau, dt))),
            "v_leak", NirArray.of(new double[size]),
            "v_threshold", NirArray.of(filled(size, neuron.threshold())),
            "v_reset", NirArray.of(new double[size])), meta));
        graph.edge(synapse, neurons);
        if (v != null) {
            String recurrent = "v" + n;
            graph.linear(recurrent, neurons, size, size, v);
            graph.edge(recurrent, neurons);
        }
        return neurons;
    }

    // In this order in the file, whatever the JVM: the same network gives the same bytes.
    private static Map<String, NirArray> fields(Object... nameValue) {
        Map<String, NirArray> fields = new LinkedHashMap<>();
        for (int k = 0; k < nameValue.length; k += 2) {
            fields.put((String) nameValue[k], (NirArray) nameValue[k + 1]);
        }
        return fields;
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static final class Builder {
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        final List<NirGraph.Edge> edges = new ArrayList<>();

        void node(NirNode node) {
            nodes.put(node.name(), node);
        }

        void edge(String from, String to) {
            edges.add(new NirGraph.Edge(from, to));
        }

        // s3gd's W[i][j] (inputs × outputs, row-major) as NIR's weight (outputs × inputs).
        void linear(String name, String from, int inputs, int outputs, float[] w) {
            float[] transposed = new float[w.length];
            for (int i = 0; i < inputs; i++) {
                for (int j = 0; j < outputs; j++) {
                    transposed[j * inputs + i] = w[i * outputs + j];
                }
            }
            node(new NirNode(name, "Linear", fields("weight", NirArray.matrix(outputs, inputs, transposed)), Map.of()));
            edge(from, name);
        }
    }
}
