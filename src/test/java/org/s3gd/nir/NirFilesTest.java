package org.s3gd.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.Batches;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.SpikingLayerSpec;
import org.s3gd.tensor.EventBatch;
import org.s3gd.train.ConfigJson;
import org.s3gd.train.NirModels;
import org.s3gd.train.Provenance;
import org.s3gd.train.StackLayer;
import org.s3gd.train.TrainedModel;
import org.s3gd.train.Trainer;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.TrainingListener;
import tools.jackson.databind.JsonNode;

/** NIR out and in: read by the reference package, read back bit for bit, the reference package's own file run, bad files told. */
class NirFilesTest {
    private static TrainingConfig config;
    private static DatasetSplit data;
    private static TrainedModel model;

    @TempDir
    Path folder;

    /** A recurrent and a feed-forward layer, trained for an epoch on a small synthetic task. */
    @BeforeAll
    static void train() {
        TrainingConfig preset = TrainingConfig.preset(DatasetId.SYNTHETIC);
        var task = preset.synthetic().withSize(20, 40, 4, 30, 10);
        config = preset.withSynthetic(task).withLayers(List.of(StackLayer.rlif(12, org.s3gd.model.BackwardMethod.SPARSE),
            StackLayer.lif(10, org.s3gd.model.BackwardMethod.DENSE))).withEpochs(1).withBatchSize(30).withThreads(2)
            .withTauReadoutMillis(20);
        data = Datasets.load(config.dataset(), null, config.datasetOptions(), null);
        model = new Trainer(config, data, Provenance.now("test", "sha256:00")).train(new TrainingListener() { });
    }

    @Test
    void aWrittenFileIsReadByTheReferenceReaderWithTheModelsNodesShapesAndWeights() throws Exception {
        Path file = folder.resolve("model.nir");
        NirModels.export(model, file);

        JsonNode read = ConfigJson.tree(NirReference.run("read_with_nir.py", file.toString()));

        JsonNode nodes = read.get("nodes");
        Map<String, String> types = new HashMap<>();
        nodes.properties().forEach(e -> types.put(e.getKey(), e.getValue().get("type").asString()));
        assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of("input", "Input", "w1", "Linear", "lif1", "LIF",
            "v1", "Linear", "w2", "Linear", "lif2", "LIF", "wout", "Linear", "readout", "LI", "output", "Output"));
        List<List<String>> edges = new ArrayList<>();
        read.get("edges").forEach(e -> edges.add(List.of(e.get(0).asString(), e.get(1).asString())));
        assertThat(edges).containsExactlyInAnyOrder(List.of("input", "w1"), List.of("w1", "lif1"), List.of("lif1", "v1"),
            List.of("v1", "lif1"), List.of("lif1", "w2"), List.of("w2", "lif2"), List.of("lif2", "wout"),
            List.of("wout", "readout"), List.of("readout", "output"));

        NetworkConfig network = model.networkConfig();
        List<float[]> weights = model.weights();
        assertWeights(nodes.get("w1"), weights.get(0), 20, 12);
        assertWeights(nodes.get("v1"), weights.get(1), 12, 12);
        assertWeights(nodes.get("w2"), weights.get(2), 12, 10);
        assertWeights(nodes.get("wout"), weights.get(3), 10, 4);
        double dt = config.dtMillis() / 1000;
        for (int l = 0; l < 2; l++) {
            JsonNode lif = nodes.get("lif" + (l + 1)).get("fields");
            SpikingLayerSpec layer = network.hiddenLayer(l);
            double tau = dt / (1.0 - layer.neuron().beta());
            assertThat(values(lif.get("tau"))).hasSize(network.layerWidth(l)).containsOnly(tau);
            assertThat(values(lif.get("r"))).containsOnly(tau / dt);
            assertThat(values(lif.get("v_threshold"))).containsOnly(1.0);
            assertThat(values(lif.get("v_leak"))).containsOnly(0.0);
            assertThat(values(lif.get("v_reset"))).containsOnly(0.0);
            assertThat(nodes.get("lif" + (l + 1)).get("metadata").get("reset").asString()).startsWith("subtractive");
        }
        JsonNode li = nodes.get("readout").get("fields");
        assertThat(values(li.get("tau"))).hasSize(4).containsOnly(dt / (1.0 - network.readoutBeta()));
        assertThat(values(li.get("r"))).containsOnly(1.0);
        assertThat(values(nodes.get("input").get("fields").get("shape"))).containsExactly(20.0);
        assertThat(values(nodes.get("output").get("fields").get("shape"))).containsExactly(4.0);
        JsonNode metadata = read.get("metadata");
        assertThat(metadata.get("dt").asDouble()).isEqualTo(dt);
        assertThat(metadata.get("readout").asString()).isEqualTo("max");
        assertThat(metadata.get("logit").asString()).contains("max over time");
        assertThat(read.get("version").asString()).isNotEmpty();
    }

    private static void assertWeights(JsonNode node, float[] w, int inputs, int outputs) {
        JsonNode weight = node.get("fields").get("weight");
        assertThat(weight.get("shape").get(0).asInt()).isEqualTo(outputs);
        assertThat(weight.get("shape").get(1).asInt()).isEqualTo(inputs);
        assertThat(weight.get("dtype").asString()).isEqualTo("float32");
        double[] v = values(weight);
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < outputs; j++) {
                assertThat((float) v[j * inputs + i]).as("W[%d][%d]", i, j).isEqualTo(w[i * outputs + j]);
            }
        }
    }

    private static double[] values(JsonNode field) {
        List<Double> values = new ArrayList<>();
        field.get("values").forEach(v -> values.add(v.asDouble()));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void exportedThenImportedTheModelHasBitIdenticalWeightsAndPredictsTheSame() {
        Path file = folder.resolve("model.nir");
        NirModels.export(model, file);

        TrainedModel back = NirModels.read(file, TrainingConfig.preset(DatasetId.FASHION_MNIST));

        assertThat(back.config()).as("s3gd's own files carry their configuration").isEqualTo(config);
        for (int p = 0; p < model.weights().size(); p++) {
            assertThat(back.weights(p)).as("parameter %d", p).containsExactly(model.weights(p));
        }
        for (int l = 0; l < model.networkConfig().depth(); l++) {
            assertThat(back.networkConfig().hiddenLayer(l).kind()).isEqualTo(model.networkConfig().hiddenLayer(l).kind());
            assertThat(back.networkConfig().neuron(l).beta()).isEqualTo(model.networkConfig().neuron(l).beta());
            assertThat(back.networkConfig().neuron(l).threshold()).isEqualTo(1f);
        }
        assertThat(back.networkConfig().readoutBeta()).isEqualTo(model.networkConfig().readoutBeta());
        assertThat(back.networkConfig().readoutMode()).isEqualTo(ReadoutMode.MAX);
        Batches batches = Batches.inOrder(data.test(), data.test().size());
        EventBatch input = batches.newEventBatch();
        int[] labels = new int[data.test().size()];
        batches.fill(0, input, labels);
        assertThat(ReferenceOutputs.logits(model.network(), input))
            .containsExactly(ReferenceOutputs.logits(back.network(), input));
    }

    @Test
    void theReferencePackagesFileGivesTheOutputsItsScriptComputed() throws IOException {
        Path file = ReferenceOutputs.file("reference_feedforward", folder);

        NirNetwork max = NirImport.network(NirFile.read(file), file, ReadoutMode.MAX);

        assertThat(max.dtMillis()).as("read off the LIF nodes as tau/r").isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(max.network().layers()).extracting(LayerSpec::kind).containsExactly("lif", "lif", "readout");
        assertThat(max.network().neuron(1).threshold()).isEqualTo(0.75f);
        ReferenceOutputs.read("reference_feedforward").assertReproducedBy(file);
    }

    @Test
    void aFileWithAMissingFieldAWrongShapeOrAnUnknownNodeIsOneLineNamingTheNodeAndField() {
        NirGraph graph = NirExport.graph(model.networkConfig(), model.weights(), 1.0, Map.of());
        assertRefused(change(graph, "lif2", node -> {
            Map<String, NirArray> fields = new LinkedHashMap<>(node.fields());
            fields.remove("tau");
            return new NirNode(node.name(), node.type(), fields, node.metadata());
        }), "node 'lif2' (LIF) has no field 'tau'");
        assertRefused(change(graph, "w2", node -> new NirNode(node.name(), node.type(),
            Map.of("weight", NirArray.matrix(10, 7, new float[70])), node.metadata())),
            "node 'w2': field 'weight' has shape [10, 7], but its input has 12 units");
        assertRefused(change(graph, "lif1", node -> {
            Map<String, NirArray> fields = new LinkedHashMap<>(node.fields());
            fields.put("v_threshold", NirArray.of(new double[5]));
            return new NirNode(node.name(), node.type(), fields, node.metadata());
        }), "node 'lif1': field 'v_threshold' has shape [5], expected [12] (its synapses have 12 outputs)");
        assertRefused(change(graph, "lif2", node -> new NirNode(node.name(), "CubaLIF", node.fields(), node.metadata())),
            "node 'lif2' has type 'CubaLIF', which s3gd does not read (it reads Input, Linear, Affine (zero bias), Conv2d, LIF, "
                + "LI, SumPool2d, Flatten, Output)");
        assertRefused(change(graph, "lif1", node -> {
            Map<String, NirArray> fields = new LinkedHashMap<>(node.fields());
            fields.put("v_reset", NirArray.of(new float[12]).values().length == 12 ? NirArray.of(filled(12, -1)) : null);
            return new NirNode(node.name(), node.type(), fields, node.metadata());
        }), "node 'lif1': field 'v_reset' is -1.0, expected 0 (s3gd's neurons reset by subtracting the threshold)");
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private NirGraph change(NirGraph graph, String name, java.util.function.UnaryOperator<NirNode> change) {
        return graph.with(change.apply(graph.nodes().get(name)));
    }

    private void assertRefused(NirGraph graph, String message) {
        Path file = folder.resolve("bad-" + Math.abs(message.hashCode()) + ".nir");
        NirFile.write(graph, file);
        assertThatThrownBy(() -> NirModels.read(file, config)).isInstanceOf(NirException.class)
            .hasMessage(file + ": " + message);
    }

    @Test
    void anotherFileIsNotTakenForNirAndAnExistingFileIsNeverOverwritten() throws IOException {
        Path text = folder.resolve("notes.nir");
        Files.writeString(text, "not a network");
        assertThatThrownBy(() -> NirFile.read(text)).hasMessage(text + ": not a NIR file (NIR files are HDF5; the HDF5 signature is missing)");

        assertThatThrownBy(() -> NirModels.export(model, text)).isInstanceOf(NirException.class)
            .hasMessage(text + ": exists; s3gd does not overwrite it, choose another name");
        assertThat(Files.readString(text)).isEqualTo("not a network");
        assertThat(folder.toFile().list()).containsExactly("notes.nir");
    }
}
