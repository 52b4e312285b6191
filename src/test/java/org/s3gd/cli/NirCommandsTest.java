package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.model.NetworkConfig;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.NirModels;
import org.s3gd.train.ParameterState;
import org.s3gd.train.output.RunManifest;

/** {@code s3gd export}, {@code eval} of a NIR file, and {@code train --init-from}. */
class NirCommandsTest {
    @TempDir
    Path folder;

    @Test
    void aRunExportedToNirEvaluatesAsTheRunAndStartsAnotherRun() throws IOException {
        Path run = folder.resolve("run");
        Cli train = Cli.run("train", "--layers", "rlif:16,lif:12", "--epochs", "2", "--batch", "50", "--threads", "2",
            "--no-plots", "--out", run.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path nir = folder.resolve("model.nir");

        Cli export = Cli.run("export", run.toString(), "--nir", nir.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("100 → rlif:16 (sparse) → lif:12 (sparse) → readout:10 (max)", nir.toString());
        Cli again = Cli.run("export", run.toString(), "--nir", nir.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("s3gd: " + nir + ": exists; s3gd does not overwrite it, choose another name\n");

        String fromRun = accuracyLine(Cli.run("eval", run.toString(), "--threads", "2"));
        Cli fromNir = Cli.run("eval", nir.toString(), "--threads", "2");
        assertThat(fromNir.exitCode()).as(fromNir.err()).isZero();
        assertThat(fromNir.out()).contains("NIR");
        assertThat(accuracyLine(fromNir)).isEqualTo(fromRun);

        Path next = folder.resolve("next");
        Cli start = Cli.run("train", "--init-from", nir.toString(), "--lr", "1e-12", "--epochs", "1", "--batch", "50",
            "--threads", "2", "--no-plots", "--out", next.toString());
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(start.out()).contains("starting from the weights of " + nir.toAbsolutePath());
        assertThat(Files.readString(next.resolve(RunManifest.FILE))).contains("\"initFrom\": \"" + nir.toAbsolutePath() + "\"");
        List<float[]> before = Checkpoint.load(run).model().weights();
        List<float[]> after = Checkpoint.load(next).model().weights();
        assertThat(Checkpoint.load(next).config().layers()).isEqualTo(Checkpoint.load(run).config().layers());
        for (int p = 0; p < before.size(); p++) {
            for (int k = 0; k < before.get(p).length; k++) {
                assertThat(after.get(p)[k]).as("parameter %d, weight %d: one epoch at lr 1e-12 keeps the start", p, k)
                    .isCloseTo(before.get(p)[k], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void aNirFileFromElsewhereNeedsItsDataSetNamedAndMustFitIt() throws IOException {
        Path nir = fixture("reference_feedforward.nir");
        Cli unnamed = Cli.run("eval", nir.toString());
        assertThat(unnamed.exitCode()).isEqualTo(2);
        assertThat(unnamed.err()).contains(nir + " does not say which data set its network reads", "give --dataset");

        Cli misfit = Cli.run("eval", nir.toString(), "--dataset", "synthetic", "--threads", "2");
        assertThat(misfit.exitCode()).isEqualTo(1);
        assertThat(misfit.err()).startsWith("s3gd: " + nir + ": its network 12 → lif:8").contains("100 inputs").hasLineCount(1);

        Cli conflicting = Cli.run("train", "--init-from", nir.toString(), "--hidden", "8");
        assertThat(conflicting.exitCode()).isEqualTo(2);
        assertThat(conflicting.err()).contains("--init-from takes the layers");
    }

    /**
     * The reference package's file ({@code make_trainable_reference_fixture.py}) on a synthetic task
     * of its 16 inputs and 4 classes, one batch of 64: the checkpoint after that batch holds the
     * file's weights moved by one Adam step, which its moments give back.
     */
    @Test
    void aFeedForwardNetworkTheReferencePackageWroteStartsTrainingFromItsWeights() throws IOException {
        Path nir = fixture("reference_trainable.nir");
        Path task = folder.resolve("task.json");
        Files.writeString(task, "{\"synthetic\": {\"inputs\": 16, \"classes\": 4, \"trainPerClass\": 16, \"testPerClass\": 8, "
            + "\"steps\": 50}}");
        Path run = folder.resolve("run");
        double lr = 1e-3;

        Cli start = Cli.run("train", "--config", task.toString(), "--init-from", nir.toString(), "--epochs", "1", "--batch", "64",
            "--validation", "0", "--lr", String.valueOf(lr), "--threads", "2", "--no-plots", "--out", run.toString());

        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(start.out()).contains("starting from the weights of " + nir.toAbsolutePath());
        assertThat(Files.readString(run.resolve(RunManifest.FILE))).contains("\"initFrom\": \"" + nir.toAbsolutePath() + "\"");
        Checkpoint trained = Checkpoint.load(run);
        NetworkConfig network = trained.networkConfig();
        assertThat(network.describe()).isEqualTo("16 → lif:12 (sparse) → lif:8 (sparse) → readout:4 (max)");
        List<String> reference = resourceLines("reference_trainable.txt");
        String[] betas = reference.get(1).split(" ");
        assertThat(network.neuron(0).beta()).isEqualTo(Float.parseFloat(betas[1]));
        assertThat(network.neuron(1).beta()).isEqualTo(Float.parseFloat(betas[2]));
        assertThat(network.readout().beta()).isEqualTo(Float.parseFloat(betas[4]));
        assertThat(trained.adamSteps()).as("one batch, one step").isOne();

        List<float[]> fromFile = reference.subList(2, 5).stream().map(NirCommandsTest::inputsByOutputs).toList();
        List<float[]> imported = NirModels.weights(nir, trained.config(), 16, 4);
        assertThat(imported).hasSameSizeAs(fromFile);
        for (int p = 0; p < fromFile.size(); p++) {
            assertThat(imported.get(p)).as("parameter %d as the run reads it", p).containsExactly(fromFile.get(p));
            ParameterState state = trained.parameters().get(p);
            int moved = 0;
            for (int k = 0; k < state.value().length; k++) {
                // Adam's first step from zero moments: m̂ = m/(1 − β1), v̂ = v/(1 − β2).
                double step = lr * (state.firstMoment()[k] / 0.1) / (Math.sqrt(state.secondMoment()[k] / 0.001) + 1e-8);
                assertThat((double) state.value()[k]).as("parameter %d, weight %d: the file's, less Adam's first step", p, k)
                    .isCloseTo(fromFile.get(p)[k] - step, Offset.offset(1e-6));
                moved += Math.abs(step) > lr / 2 ? 1 : 0;
            }
            assertThat(moved).as("weights of parameter %d the step moved", p).isPositive();
        }
    }

    @Test
    void aNirFileFromElsewhereWithAThresholdOtherThanOneCannotStartTrainingAndSaysWhy() throws IOException {
        Path nir = fixture("reference_feedforward.nir");

        Cli refused = Cli.run("train", "--init-from", nir.toString(), "--threads", "2", "--no-plots", "--out",
            folder.resolve("run").toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("s3gd: " + nir + ": layer 2 has threshold 0.75; s3gd trains with a threshold of 1 "
            + "(it can evaluate and predict with this file)\n");
        assertThat(folder.resolve("run")).doesNotExist();
    }

    /** The reference fixture {@code name} (a NIR file the reference package wrote), copied into this test's folder. */
    private Path fixture(String name) throws IOException {
        Path file = folder.resolve(name);
        try (InputStream in = NirCommandsTest.class.getResourceAsStream("/org/s3gd/nir/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** The lines of the reference fixture {@code name}, a text file its script wrote beside the NIR file. */
    private static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = NirCommandsTest.class.getResourceAsStream("/org/s3gd/nir/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** A line {@code name outputs inputs w…} of NIR's weight (outputs × inputs) as s3gd's W (inputs × outputs). */
    private static float[] inputsByOutputs(String line) {
        String[] words = line.split(" ");
        int outputs = Integer.parseInt(words[1]);
        int inputs = Integer.parseInt(words[2]);
        float[] w = new float[inputs * outputs];
        for (int j = 0; j < outputs; j++) {
            for (int i = 0; i < inputs; i++) {
                w[i * outputs + j] = (float) Double.parseDouble(words[3 + j * inputs + i]);
            }
        }
        return w;
    }

    private static String accuracyLine(Cli result) {
        return result.out().lines().filter(l -> l.contains("accuracy")).findFirst().orElseThrow();
    }
}
