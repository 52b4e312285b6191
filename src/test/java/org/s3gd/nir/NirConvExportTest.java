package org.s3gd.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetId;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.train.ConfigJson;
import org.s3gd.train.NirModels;
import org.s3gd.train.Provenance;
import org.s3gd.train.StackLayer;
import org.s3gd.train.TrainedModel;
import org.s3gd.train.TrainingConfig;
import tools.jackson.databind.JsonNode;

/** A convolutional network as NIR: Conv2d and LIF over the feature map, SumPool2d, Flatten; read by the reference package. */
class NirConvExportTest {
    @TempDir
    Path folder;

    private static TrainedModel model(String stack) {
        TrainingConfig config = TrainingConfig.preset(DatasetId.FASHION_MNIST)
            .withLayers(StackLayer.parseStack(stack, BackwardMethod.SPARSE));
        NetworkConfig network = config.network(784, 10);
        SpikingNetwork weights = SpikingNetwork.initialize(network, Initializer.UNIFORM, 7);
        return new TrainedModel(config, Provenance.now("test", "sha256:00"), 1, Double.NaN, network,
            weights.parameters().stream().map(Parameter::value).toList());
    }

    @Test
    void aConvStackIsWrittenAsConv2dLifSumPool2dAndFlattenNodesTheReferenceReaderReads() throws Exception {
        TrainedModel model = model("conv:2x3s1p1,sumpool:2,conv:3x5s2,lif:6,flatten:6");
        Path file = folder.resolve("conv.nir");
        NirModels.export(model, file);

        JsonNode read = ConfigJson.tree(NirReference.run("read_with_nir.py", file.toString()));

        JsonNode nodes = read.get("nodes");
        Map<String, String> types = new HashMap<>();
        nodes.properties().forEach(e -> types.put(e.getKey(), e.getValue().get("type").asString()));
        assertThat(types).containsAllEntriesOf(Map.of("input", "Input", "conv1", "Conv2d", "lif1", "LIF", "pool2", "SumPool2d",
            "conv3", "Conv2d", "lif3", "LIF", "flatten4_in", "Flatten", "w4", "Linear", "lif4", "LIF", "flatten5", "Flatten"));
        List<List<String>> edges = new ArrayList<>();
        read.get("edges").forEach(e -> edges.add(List.of(e.get(0).asString(), e.get(1).asString())));
        assertThat(edges).contains(List.of("input", "conv1"), List.of("conv1", "lif1"), List.of("lif1", "pool2"),
            List.of("pool2", "conv3"), List.of("conv3", "lif3"), List.of("lif3", "flatten4_in"), List.of("flatten4_in", "w4"),
            List.of("w4", "lif4"), List.of("lif4", "flatten5"), List.of("flatten5", "wout"));
        assertThat(values(nodes.get("input").get("fields").get("shape"))).containsExactly(1, 28, 28);

        JsonNode conv = nodes.get("conv1").get("fields");
        assertThat(shape(conv.get("weight"))).containsExactly(2, 1, 3, 3);
        assertThat(conv.get("weight").get("dtype").asString()).isEqualTo("float32");
        float[] k = model.weights().get(0);
        double[] weight = values(conv.get("weight"));
        for (int q = 0; q < 9; q++) {
            for (int o = 0; o < 2; o++) {
                assertThat((float) weight[o * 9 + q]).as("K[%d][%d]", q, o).isEqualTo(k[q * 2 + o]);
            }
        }
        assertThat(values(conv.get("stride"))).containsExactly(1, 1);
        assertThat(values(conv.get("padding"))).containsExactly(1, 1);
        assertThat(shape(nodes.get("lif1").get("fields").get("tau"))).containsExactly(2, 28, 28);
        assertThat(values(nodes.get("pool2").get("fields").get("kernel_size"))).containsExactly(2, 2);
        assertThat(shape(nodes.get("conv3").get("fields").get("weight"))).containsExactly(3, 2, 5, 5);
        assertThat(values(nodes.get("conv3").get("fields").get("stride"))).containsExactly(2, 2);
        assertThat(shape(nodes.get("lif3").get("fields").get("tau"))).containsExactly(3, 5, 5);
        assertThat(shape(nodes.get("w4").get("fields").get("weight"))).containsExactly(6, 75);
        assertThat(nodes.get("flatten4_in").get("metadata").get(NirMapping.LAYER).asString()).as("no layer of the stack")
            .isEqualTo(NirMapping.IMPLICIT_FLATTEN);
        assertThat(nodes.get("flatten5").get("metadata").get(NirMapping.LAYER).asString()).isEqualTo("flatten:6");
    }

    @Test
    void maxPoolingHasNoNirNodeAndExportSaysSoNamingTheLayer() {
        TrainedModel model = model("conv:2x5,maxpool:2,flatten");
        assertThatThrownBy(() -> NirModels.export(model, folder.resolve("max.nir"))).isInstanceOf(NirException.class)
            .hasMessageContaining("layer 2 (maxpool:2): NIR has no max-pooling node");
    }

    private static double[] values(JsonNode field) {
        List<Double> values = new ArrayList<>();
        field.get("values").forEach(v -> values.add(v.asDouble()));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int[] shape(JsonNode field) {
        List<Integer> dims = new ArrayList<>();
        field.get("shape").forEach(v -> dims.add(v.asInt()));
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
