package org.s3gd.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.s3gd.data.DatasetId;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.Flatten;
import org.s3gd.model.Initializer;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.Readout;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.Shape;
import org.s3gd.model.SpikePool;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.PoissonSpikes;
import org.s3gd.train.NirModels;
import org.s3gd.train.Provenance;
import org.s3gd.train.StackLayer;
import org.s3gd.train.TrainedModel;
import org.s3gd.train.TrainingConfig;

/** Conv graphs read back: s3gd's own bit for bit, the reference package's to its NumPy outputs, bad ones told in one line. */
class NirConvImportTest {
    @TempDir
    Path folder;

    /** A model of {@code stack} on F-MNIST's 1×28×28, or N-MNIST's 2×34×34 with polarities apart, its weights random. */
    private static TrainedModel model(String dataset, String stack) {
        boolean nmnist = dataset.equals("nmnist");
        TrainingConfig config = TrainingConfig.preset(nmnist ? DatasetId.NMNIST : DatasetId.FASHION_MNIST)
            .withKeepPolarity(nmnist).withLayers(StackLayer.parseStack(stack, BackwardMethod.SPARSE));
        NetworkConfig network = config.network(nmnist ? 2 * 34 * 34 : 28 * 28, 10);
        List<float[]> weights = SpikingNetwork.initialize(network, Initializer.UNIFORM, 11).parameters().stream()
            .map(Parameter::value).toList();
        for (float[] w : weights) {
            for (int i = 0; i < w.length; i++) {
                w[i] *= 6; // loud enough that every layer spikes on sparse input
            }
        }
        return new TrainedModel(config, Provenance.now("test", "sha256:00"), 1, Double.NaN, network, weights);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "fashion-mnist; conv:3x5s2p1,sumpool:2,flatten,lif:12",
        "fashion-mnist; conv:2x3s1p1,sumpool:2,conv:3x5s2,lif:6,flatten:6",
        "fashion-mnist; lif:20",
        "fashion-mnist; conv:2x5s2,sumpool:2",
        "nmnist; conv:4x5s2,sumpool:3,flatten:100,rlif:8"})
    void anExportedConvStackReadsBackToTheSameLayersWeightsAndLogits(String dataset, String stack) {
        TrainedModel model = model(dataset, stack);
        Path file = folder.resolve("model.nir");
        NirModels.export(model, file);

        TrainedModel back = NirModels.read(file, TrainingConfig.preset(DatasetId.SYNTHETIC));

        assertThat(back.networkConfig().inputShape()).isEqualTo(model.networkConfig().inputShape());
        assertThat(back.networkConfig().layers()).as("a flatten only where the stack had one").isEqualTo(model.networkConfig().layers());
        assertThat(back.weights()).hasSameSizeAs(model.weights());
        for (int p = 0; p < model.weights().size(); p++) {
            assertThat(Arrays.equals(back.weights(p), model.weights(p))).as("parameter %d bit for bit", p).isTrue();
        }
        EventBatch input = PoissonSpikes.sample(6, 25, model.networkConfig().inputs(), 0.2, false, new SplittableRandom(3));
        float[] logits = ReferenceOutputs.logits(model.network(), input);
        assertThat(ReferenceOutputs.logits(back.network(), input)).containsExactly(logits);
        assertThat(logits).as("the network is not silent").isNotEqualTo(new float[logits.length]);
    }

    @Test
    void theReferencePackagesConvFileGivesTheOutputsItsScriptComputed() throws IOException {
        Path file = ReferenceOutputs.file("reference_conv", folder);

        NetworkConfig network = NirImport.network(NirFile.read(file), file, ReadoutMode.MAX).network();

        assertThat(network.inputShape()).isEqualTo(new Shape(2, 10, 10));
        assertThat(network.layers()).extracting(NetworkConfig::label)
            .containsExactly("conv:3x3s2p1", "sumpool:2", "flatten", "lif:6", "readout:4");
        assertThat(network.outputShape(1)).as("the fifth row and column dropped").isEqualTo(new Shape(3, 2, 2));
        assertThat(network.neuron(0).threshold()).isEqualTo(1f);
        assertThat(network.neuron(3).threshold()).isEqualTo(0.75f);
        ReferenceOutputs.read("reference_conv").assertReproducedBy(file);
    }

    @Test
    void theReferencePackagesConvFileWithoutInputShapesAndWithStringPaddingsGivesTheOutputsItsScriptComputed()
        throws IOException {
        Path file = ReferenceOutputs.file("reference_conv_padding", folder);
        NirGraph graph = NirFile.read(file);
        assertThat(graph.nodes().get("conv_same").fields()).doesNotContainKey("input_shape");
        assertThat(graph.nodes().get("conv_same").strings()).containsEntry("padding", "same");
        assertThat(graph.nodes().get("conv_valid").strings()).containsEntry("padding", "valid");

        NetworkConfig network = NirImport.network(graph, file, ReadoutMode.MAX).network();

        assertThat(network.inputShape()).isEqualTo(new Shape(2, 10, 10));
        assertThat(network.layers()).extracting(NetworkConfig::label)
            .containsExactly("conv:4x3s1p1", "sumpool:2", "conv:3x3s1p0", "flatten", "lif:6", "readout:4");
        assertThat(network.outputShape(0)).as("'same' keeps 10×10").isEqualTo(new Shape(4, 10, 10));
        assertThat(network.outputShape(2)).as("'valid' pads nothing").isEqualTo(new Shape(3, 3, 3));
        ReferenceOutputs.read("reference_conv_padding").assertReproducedBy(file);
    }

    @Test
    void aConvGraphWithoutInputShapesTakesTheShapesOfItsChainAndReadsPaddingsGivenAsStrings() {
        TrainedModel model = model("fashion-mnist", "conv:2x3s1p1,sumpool:2,conv:3x5s2,lif:6,flatten:6");
        NirGraph graph = NirExport.graph(model.networkConfig(), model.weights(), 1.0, Map.of());
        graph = padding(field(graph, "conv1", "input_shape", null), "conv1", "same");
        graph = padding(field(graph, "conv3", "input_shape", null), "conv3", "valid");
        Path file = folder.resolve("exporter-style.nir");
        NirFile.write(graph, file);

        TrainedModel back = NirModels.read(file, TrainingConfig.preset(DatasetId.SYNTHETIC));

        assertThat(back.networkConfig().layers()).isEqualTo(model.networkConfig().layers());
        for (int p = 0; p < model.weights().size(); p++) {
            assertThat(back.weights(p)).as("parameter %d", p).containsExactly(model.weights(p));
        }
    }

    @Test
    void aStringPaddingS3gdCannotHoldIsOneLineNamingTheNodeAndField() {
        TrainedModel model = model("fashion-mnist", "conv:2x3s1p1,sumpool:2,flatten,lif:6");
        NirGraph graph = NirExport.graph(model.networkConfig(), model.weights(), 1.0, Map.of());
        assertRefused(padding(field(graph, "conv1", "weight", NirArray.tensor(new int[] {2, 1, 4, 4}, new float[32])), "conv1",
            "same"), "node 'conv1': field 'padding' is 'same' with a 4×4 kernel, whose 3 zeros split unevenly between the two "
                + "sides; s3gd's conv layers pad both sides alike");
        assertRefused(padding(field(graph, "conv1", "stride", NirArray.shape(2, 2)), "conv1", "same"),
            "node 'conv1': field 'padding' is 'same' with stride 2; s3gd reads 'same' with stride 1 only, where it keeps H×W");
        assertRefused(padding(graph, "conv1", "full"), "node 'conv1': field 'padding' is 'full'; s3gd reads a padding of p "
            + "zeros on each side, as a number or a pair, or 'valid' or 'same'");
        assertRefused(padding(field(graph, "conv1", "input_shape", NirArray.shape(28, 27)), "conv1", "same"),
            "node 'conv1': field 'input_shape' is [28, 27], but its input is 1×28×28");
    }

    @Test
    void aConvGraphSharesTheWeightLayoutOfTheFileItCameFrom() {
        float[] k = new float[2 * 3 * 3 * 4];
        for (int i = 0; i < k.length; i++) {
            k[i] = i;
        }
        Conv2dLif conv = new Conv2dLif(4, 3, 1, 0, new LifParameters(0.9f, 1f), BackwardMethod.SPARSE);
        NetworkConfig network = new NetworkConfig(2 * 5 * 5, List.of(conv, new SpikePool(SpikePool.Mode.SUM, 3), new Flatten(),
            new Readout(2, 0.8f, ReadoutMode.MAX)), 0.2f, RegularizerParameters.paper(1f),
            new Shape(2, 5, 5));
        NirGraph graph = NirExport.graph(network, List.of(k, new float[4 * 2]), 1.0, Map.of());
        NirArray weight = graph.nodes().get("conv1").fields().get("weight");
        // NIR's weight[o][c][ky][kx] is s3gd's K row (c·k + ky)·k + kx, column o.
        assertThat(weight.values()[((3 * 2 + 1) * 3 + 2) * 3 + 0]).isEqualTo(k[((1 * 3 + 2) * 3 + 0) * 4 + 3]);

        NirNetwork back = NirImport.network(graph, "layout.nir", ReadoutMode.MAX);

        assertThat(back.weights().get(0)).containsExactly(k);
        assertThat(back.network().layers()).isEqualTo(network.layers());
    }

    @Test
    void whatS3gdCannotRunIsOneLineNamingTheNodeAndField() {
        TrainedModel model = model("fashion-mnist", "conv:2x3s1p1,sumpool:2,flatten,lif:6");
        NirGraph graph = NirExport.graph(model.networkConfig(), model.weights(), 1.0, Map.of());
        assertRefused(retype(graph, "pool2", "MaxPool2d"), "node 'pool2' has type 'MaxPool2d', which s3gd does not read "
            + "(it reads Input, Linear, Affine (zero bias), Conv2d, LIF, LI, SumPool2d, Flatten, Output)");
        assertRefused(retype(graph, "pool2", "AvgPool2d"), "node 'pool2' has type 'AvgPool2d', which s3gd does not read: its "
            + "pooling passes a window's spike count (SumPool2d), an average would divide it by the window's size");
        assertRefused(field(graph, "conv1", "groups", NirArray.integer(2)),
            "node 'conv1': field 'groups' is 2; s3gd's conv layers connect every input channel to every filter (groups = 1)");
        assertRefused(field(graph, "conv1", "bias", NirArray.of(new float[] {0f, 0.5f})),
            "node 'conv1': field 'bias' is not zero; s3gd's layers have no bias");
        assertRefused(field(graph, "conv1", "dilation", NirArray.shape(2, 2)),
            "node 'conv1': field 'dilation' is 2; s3gd's conv layers have no dilation (1)");
        assertRefused(field(graph, "conv1", "stride", NirArray.shape(1, 2)),
            "node 'conv1': field 'stride' is [1, 2]; s3gd's conv layers move by one stride along both sides");
        assertRefused(field(graph, "conv1", "weight", NirArray.tensor(new int[] {2, 1, 3, 2}, new float[12])),
            "node 'conv1': field 'weight' has a 3×2 kernel; s3gd's conv layers have square ones");
        assertRefused(field(graph, "conv1", "padding", null), "node 'conv1': field 'padding' is missing; s3gd reads a padding "
            + "of p zeros on each side, as a number or a pair, or 'valid' or 'same'");
        assertRefused(field(graph, "conv1", "input_shape", NirArray.shape(27, 27)),
            "node 'conv1': field 'input_shape' is [27, 27], but its input is 1×28×28");
        assertRefused(field(graph, "lif1", "tau", NirArray.filled(new int[] {2, 27, 27}, 0.01)),
            "node 'lif1': field 'tau' has shape [2, 27, 27], expected [2, 28, 28] (its synapses have 2×28×28 outputs)");
        double[] thresholds = new double[2 * 28 * 28];
        Arrays.fill(thresholds, 1.0);
        thresholds[5] = 1.5;
        assertRefused(field(graph, "lif1", "v_threshold", new NirArray(new int[] {2, 28, 28}, thresholds, false, false)),
            "node 'lif1': field 'v_threshold' differs between neurons; s3gd's layers have one value for all their neurons");
        assertRefused(field(graph, "pool2", "stride", NirArray.shape(1, 1)),
            "node 'pool2': field 'stride' is 1, the window 2; s3gd's pooling moves by its window (stride = kernel_size)");
        assertRefused(field(graph, "pool2", "padding", NirArray.shape(1, 1)),
            "node 'pool2': field 'padding' is [1, 1]; s3gd's pooling has no padding");
        assertRefused(field(graph, "flatten3", "input_type", NirArray.shape(2, 14, 15)),
            "node 'flatten3': field 'input_type' is [2, 14, 15], but its input is 2×14×14");
        assertRefused(field(graph, "flatten3", "start_dim", NirArray.integer(1)),
            "node 'flatten3': field 'start_dim' is 1: from 'start_dim' 1 to 'end_dim' -1 over [2, 14, 14] is not the whole "
                + "sample; s3gd's flatten makes one vector of it (start_dim 0, end_dim -1)");
        assertRefused(field(graph, "w4", "weight", NirArray.matrix(6, 390, new float[6 * 390])),
            "node 'w4': field 'weight' has shape [6, 390], but its input has 392 units");
    }

    private static NirGraph retype(NirGraph graph, String name, String type) {
        NirNode node = graph.nodes().get(name);
        return graph.with(new NirNode(name, type, node.fields(), node.strings(), node.metadata()));
    }

    // The node with `field` set to `value`, or removed where it is null.
    private static NirGraph field(NirGraph graph, String name, String field, NirArray value) {
        NirNode node = graph.nodes().get(name);
        Map<String, NirArray> fields = new LinkedHashMap<>(node.fields());
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
        return graph.with(new NirNode(name, node.type(), fields, node.strings(), node.metadata()));
    }

    // The node with its padding given as the string `padding`, as NIR allows ('same', 'valid').
    private static NirGraph padding(NirGraph graph, String name, String padding) {
        NirNode node = graph.nodes().get(name);
        Map<String, NirArray> fields = new LinkedHashMap<>(node.fields());
        fields.remove("padding");
        return graph.with(new NirNode(name, node.type(), fields, Map.of("padding", padding), node.metadata()));
    }

    private void assertRefused(NirGraph graph, String message) {
        Path file = folder.resolve("bad-" + Integer.toHexString(message.hashCode()) + ".nir");
        NirFile.write(graph, file);
        assertThatThrownBy(() -> NirModels.read(file, TrainingConfig.preset(DatasetId.FASHION_MNIST)))
            .isInstanceOf(NirException.class).hasMessage(file + ": " + message);
    }
}
