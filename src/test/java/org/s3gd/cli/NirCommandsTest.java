package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.train.Checkpoint;
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
        Path nir = folder.resolve("reference.nir");
        try (InputStream in = NirCommandsTest.class.getResourceAsStream("/org/s3gd/nir/reference_feedforward.nir")) {
            Files.copy(in, nir);
        }
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

    private static String accuracyLine(Cli result) {
        return result.out().lines().filter(l -> l.contains("accuracy")).findFirst().orElseThrow();
    }
}
