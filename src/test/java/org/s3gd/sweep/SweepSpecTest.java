package org.s3gd.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetId;
import org.s3gd.model.BackwardMethod;
import org.s3gd.train.ConfigJson;
import org.s3gd.train.StackLayer;

class SweepSpecTest {
    @TempDir
    Path directory;

    private SweepSpec spec(String json) throws Exception {
        Path file = directory.resolve("spec.json");
        Files.writeString(file, json);
        return SweepSpec.read(file);
    }

    private String error(String json) {
        return assertThatThrownBy(() -> spec(json)).isInstanceOf(SweepException.class).actual().getMessage();
    }

    @Test
    void aGridOfTwoAxesAndTwoSeedsIsEightTrialsTheLastAxisVaryingFastestAndTheSeedsOfAPointTogether() throws Exception {
        SweepPlan plan = SweepPlan.of(spec("""
            {"base": {"epochs": 1, "layers": ["lif:16"]},
             "axes": {"backpropThreshold": [0.2, 0.05], "layers": [["lif:16"], ["rlif:8", "lif:8:dense"]]},
             "seeds": 2}"""));

        assertThat(plan.trials()).hasSize(8);
        assertThat(plan.points()).isEqualTo(4);
        assertThat(plan.trials()).extracting(Trial::name).containsExactly(
            "backpropThreshold-0.2_layers-lif-16_seed-1", "backpropThreshold-0.2_layers-lif-16_seed-2",
            "backpropThreshold-0.2_layers-rlif-8+lif-8-dense_seed-1", "backpropThreshold-0.2_layers-rlif-8+lif-8-dense_seed-2",
            "backpropThreshold-0.05_layers-lif-16_seed-1", "backpropThreshold-0.05_layers-lif-16_seed-2",
            "backpropThreshold-0.05_layers-rlif-8+lif-8-dense_seed-1", "backpropThreshold-0.05_layers-rlif-8+lif-8-dense_seed-2");
        Trial trial = plan.trials().get(7);
        assertThat(trial.point()).isEqualTo(3);
        assertThat(trial.seed()).isEqualTo(2);
        assertThat(trial.config().seed()).isEqualTo(2);
        assertThat(trial.config().backpropThreshold()).isEqualTo(0.05f);
        assertThat(trial.config().layers()).containsExactly(StackLayer.parse("rlif:8", BackwardMethod.SPARSE),
            StackLayer.parse("lif:8:dense", BackwardMethod.SPARSE));
        assertThat(trial.config().epochs()).isEqualTo(1);
        assertThat(trial.config().dataset()).isEqualTo(DatasetId.SYNTHETIC);
        assertThat(trial.pointLabel()).isEqualTo("backpropThreshold 0.05, layers rlif:8+lif:8:dense");
    }

    @Test
    void seedsAreCountedFromTheBaseSeedOrListedAndWithoutThemThePointIsTrainedOnceWithTheBaseSeed() throws Exception {
        assertThat(spec("{\"base\": {\"seed\": 10}, \"seeds\": 3}").seeds()).containsExactly(10L, 11L, 12L);
        assertThat(spec("{\"seeds\": [7, 42]}").seeds()).containsExactly(7L, 42L);
        assertThat(spec("{\"base\": {\"seed\": 5}}").seeds()).containsExactly(5L);
        assertThat(SweepPlan.of(spec("{\"base\": {\"seed\": 5}}")).trials()).extracting(Trial::name).containsExactly("seed-5");
    }

    @Test
    void nestedFieldsAreAxesByTheirDottedNameAndMergeWithTheBase() throws Exception {
        SweepPlan plan = SweepPlan.of(spec("""
            {"base": {"regularizer": {"upperStrength": 0.5}}, "axes": {"regularizer.upperRate": [2, 3]}}"""));

        assertThat(plan.trials()).hasSize(2);
        assertThat(plan.trials().get(1).config().regularizer().upperRate()).isEqualTo(3f);
        assertThat(plan.trials().get(1).config().regularizer().upperStrength()).isEqualTo(0.5f);
    }

    @Test
    void aBaseGivenAsARunJsonIsReadRelativeToTheSpecAndItsConfigPartTaken() throws Exception {
        Files.writeString(directory.resolve("run.json"), "{\"config\": " + ConfigJson.write(
            org.s3gd.train.TrainingConfig.preset(DatasetId.SYNTHETIC).withEpochs(3).withLearningRate(0.01)) + ", \"other\": 1}");

        SweepPlan plan = SweepPlan.of(spec("{\"base\": \"run.json\"}"));

        assertThat(plan.trials().get(0).config().epochs()).isEqualTo(3);
        assertThat(plan.trials().get(0).config().learningRate()).isEqualTo(0.01);
    }

    @Test
    void badSpecsAreOneLineNamingTheField() {
        assertThat(error("{\"base\": {}, \"axis\": {}}")).startsWith(directory.resolve("spec.json") + ": unknown field 'axis'")
            .contains("known here: base, axes, seeds");
        assertThat(error("{\"axes\": {\"hiddenSize\": [1, 2]}}")).contains("unknown field 'hiddenSize'")
            .contains("axis 'hiddenSize'");
        assertThat(error("{\"axes\": {\"learningRate\": []}}")).contains("axis 'learningRate': empty list");
        assertThat(error("{\"axes\": {\"epochs\": [1, \"ten\"]}}")).contains("axis 'epochs'")
            .contains("field 'epochs': expected a whole number, got \"ten\"");
        assertThat(error("{\"axes\": {\"backpropThreshold\": [0.2, 1.5]}}")).contains("axis 'backpropThreshold' value 1.5")
            .contains("B_th must be in (0, 1.0]");
        assertThat(error("{\"axes\": {\"epochs\": 3}}")).contains("axis 'epochs': expected a list of values, got 3");
        assertThat(error("{\"axes\": {\"seed\": [1, 2]}}")).contains("axis 'seed': the seeds are given by the spec's field 'seeds'");
        assertThat(error("{\"seeds\": \"three\"}")).contains("field 'seeds': expected a whole number");
        assertThat(error("{\"seeds\": [1, 1]}")).contains("field 'seeds': the seed 1 is given twice");
        assertThat(error("{\"base\": {\"epochs\": \"x\"}}")).contains("base: field 'epochs': expected a whole number");
        assertThat(error("{\"base\": \"missing.json\"}")).contains("field 'base'").contains("missing.json: no such file");
        assertThat(error("{\"axes\": {\"lr\": [1,}")).contains("not JSON");
        for (String message : List.of(error("{\"axes\": {\"learningRate\": []}}"), error("{\"axes\": {\"epochs\": [\"ten\"]}}"))) {
            assertThat(message).doesNotContain("\n");
        }
    }
}
