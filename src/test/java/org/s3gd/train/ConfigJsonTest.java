package org.s3gd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetId;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;

/** The configuration as JSON: written as people write it, read strictly, errors naming the file and the field. */
class ConfigJsonTest {
    @TempDir
    Path folder;

    @Test
    void everyPresetReadsBackAsItWasWritten() throws IOException {
        for (DatasetId dataset : DatasetId.values()) {
            TrainingConfig preset = TrainingConfig.preset(dataset);
            Path file = folder.resolve(dataset.folder() + ".json");
            Files.writeString(file, ConfigJson.write(preset));
            assertThat(ConfigJson.read(file)).as(dataset.folder()).isEqualTo(preset);
        }
    }

    @Test
    void aConfigurationIsWrittenInTheWordsOfTheCommandLine() {
        TrainingConfig config = TrainingConfig.preset(DatasetId.SHD)
            .withLayers(List.of(StackLayer.rlif(64, BackwardMethod.DENSE), StackLayer.lif(32, BackwardMethod.SPARSE)));

        String json = ConfigJson.write(config);

        assertThat(json).contains("\"dataset\": \"shd\"", "\"layers\": [\"rlif:64:dense\", \"lif:32:sparse\"]",
            "\"readout\": \"sum\"", "\"initializer\": \"uniform\"", "\"surrogateScale\": 100.0", "\"upperRate\": 10.0",
            "\"validation\": 0.1");
    }

    @Test
    void aFileGivesOnlyWhatItChangesAndThePresetOfItsDataSetTheRest() throws IOException {
        Path file = folder.resolve("c.json");
        Files.writeString(file, """
            {"dataset": "fmnist", "epochs": 3, "tauMemMillis": 20, "surrogateScale": 50,
             "regularizer": {"upperStrength": 0.5}, "initializer": "uniform", "readout": "sum"}
            """);

        TrainingConfig config = ConfigJson.read(file);

        TrainingConfig preset = TrainingConfig.preset(DatasetId.FASHION_MNIST);
        assertThat(config).isEqualTo(preset.withEpochs(3).withTauMemMillis(20).withSurrogateScale(50f)
            .withRegularizer(new RegularizerParameters(0.5f, 1f, 100f, 1e-3f)).withInitializer(Initializer.UNIFORM)
            .withReadout(ReadoutMode.SUM));
        assertThat(config.network(784, 10).neuron(0).surrogateScale()).isEqualTo(50f);
        assertThat(config.network(784, 10).neuron(0).beta()).isEqualTo((float) Math.exp(-1.0 / 20));
    }

    @Test
    void aWholeRunJsonIsReadForItsConfigPart() throws IOException {
        TrainingConfig config = TrainingConfig.preset(DatasetId.NMNIST).withSeed(42).withValidation(0.2);
        Path file = folder.resolve("run.json");
        Files.writeString(file, "{\"config\": " + ConfigJson.write(config) + ", \"provenance\": {\"version\": \"0.1\"}}");

        assertThat(ConfigJson.read(file)).isEqualTo(config);
    }

    @Test
    void anUnknownFieldIsOneLineNamingTheFileAndTheField() throws IOException {
        Path file = folder.resolve("c.json");
        Files.writeString(file, "{\"epochs\": 3, \"epoch\": 4}");
        assertThatThrownBy(() -> ConfigJson.read(file)).isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(file + ": unknown field 'epoch'").hasMessageContaining("epochs")
            .hasMessageNotContaining("\n");

        Files.writeString(file, "{\"regularizer\": {\"upperStrenght\": 1}}");
        assertThatThrownBy(() -> ConfigJson.read(file)).hasMessageStartingWith(file + ": unknown field 'regularizer.upperStrenght'");
    }

    @Test
    void aValueOfTheWrongTypeIsOneLineNamingTheFileTheFieldAndWhatWasExpected() throws IOException {
        Path file = folder.resolve("c.json");
        for (String[] bad : List.of(
            new String[] {"{\"epochs\": \"ten\"}", "field 'epochs': expected a whole number, got \"ten\""},
            new String[] {"{\"epochs\": 2.5}", "field 'epochs': expected a whole number"},
            new String[] {"{\"learningRate\": \"fast\"}", "field 'learningRate': expected a number"},
            new String[] {"{\"layers\": \"lif:10\"}", "field 'layers': expected a list"},
            new String[] {"{\"layers\": [\"lif:10\", 7]}", "field 'layers[1]': expected a string"},
            new String[] {"{\"layers\": [\"gru:10\"]}", "field 'layers[0]': unknown layer kind 'gru'"},
            new String[] {"{\"layers\": [\"conv:10\"]}", "field 'layers[0]': layer 'conv:10': '10' is not CHANNELSxKERNEL"},
            new String[] {"{\"readout\": \"mean\"}", "field 'readout': 'mean' is not one of max, sum"},
            new String[] {"{\"regularizer\": {\"lowerRate\": true}}", "field 'regularizer.lowerRate': expected a number"},
            new String[] {"{\"dataset\": \"mnist\"}", "field 'dataset': unknown data set 'mnist'"},
            new String[] {"{\"epochs\": 0}", "invalid value: epochs (--epochs) must be >= 1, got 0"},
            new String[] {"[1, 2]", "expected a JSON object"},
            new String[] {"{\"epochs\": 3", "not JSON"})) {
            Files.writeString(file, bad[0]);
            assertThatThrownBy(() -> ConfigJson.read(file)).as(bad[0]).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(bad[1]).hasMessageNotContaining("\n");
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = folder.resolve("nothing.json");
        assertThatThrownBy(() -> ConfigJson.read(file)).hasMessage(file + ": no such file");
    }
}
