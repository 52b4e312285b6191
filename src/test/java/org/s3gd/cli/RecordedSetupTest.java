package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.RealData;
import org.s3gd.data.shd.Shd;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.output.RunManifest;
import org.s3gd.train.output.RunPlots;

/** A run remembers what it needs: resuming or evaluating it repeats no option. */
class RecordedSetupTest {
    @TempDir
    Path folder;

    @Test
    void anShdRunResumesAndIsEvaluatedFromTheDataFolderItRecordedWithoutDataDir() throws Exception {
        Path data = shdFolder(folder.resolve("data"));
        Path run = folder.resolve("run");
        String[] small = {"--hidden", "8", "--batch", "4", "--threads", "2", "--no-plots", "--cache-dir", folder.resolve("cache").toString()};
        Cli first = Cli.run(concat(small, "train", "--dataset", "shd", "--data-dir", data.toString(), "--epochs", "1",
            "--out", run.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("data: " + data.toAbsolutePath() + " (--data-dir): shd_train.h5, shd_test.h5");
        assertThat(Files.readString(run.resolve(RunManifest.FILE)))
            .contains("\"folder\": \"" + data.toAbsolutePath() + "\"", data.resolve(Shd.TRAIN).toAbsolutePath().toString());

        Cli resumed = Cli.run("train", "--resume", run.toString(), "--epochs", "2");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("data: " + data.toAbsolutePath() + " (where the run read it)");
        assertThat(Checkpoint.load(run).epochsDone()).isEqualTo(2);

        Cli eval = Cli.run("eval", run.toString(), "--threads", "2");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("data: " + data.toAbsolutePath(), "accuracy");
    }

    @Test
    void anNmnistRunResumesAndIsEvaluatedWithoutDataDir() {
        Path data = RealData.nmnistSmall();
        Path run = folder.resolve("run");
        String[] small = {"--hidden", "8", "--threads", "2", "--no-plots", "--cache-dir", folder.resolve("cache").toString()};
        Cli first = Cli.run(concat(small, "train", "--dataset", "nmnist", "--data-dir", data.toString(), "--epochs", "1",
            "--out", run.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();

        Cli resumed = Cli.run("train", "--resume", run.toString(), "--epochs", "2");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains(data + " (where the run read it): Train.zip, Test.zip");

        Cli eval = Cli.run("eval", run.resolve(Checkpoint.LATEST).toString(), "--threads", "2");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
    }

    @Test
    void aRunWhoseDataFolderHasGoneSaysWhereItWasAndAsksForDataDir() throws Exception {
        Path data = shdFolder(folder.resolve("data"));
        Path run = folder.resolve("run");
        assertThat(Cli.run("train", "--dataset", "shd", "--data-dir", data.toString(), "--hidden", "8", "--batch", "4",
            "--epochs", "1", "--threads", "2", "--no-plots", "--cache-dir", folder.resolve("cache").toString(),
            "--out", run.toString()).exitCode()).isZero();
        Files.delete(data.resolve(Shd.TEST));

        Cli result = Cli.run("train", "--resume", run.toString(), "--epochs", "2");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("the run read its data from " + data.toAbsolutePath(), "shd_test.h5", "--data-dir")
            .doesNotContain("\tat ");
    }

    @Test
    void aRunStartedWithoutPlotsResumesWithoutPlotsUnlessAsked() {
        Path run = folder.resolve("run");
        assertThat(Cli.run("train", "--epochs", "1", "--hidden", "16", "--threads", "2", "--no-plots", "--out", run.toString())
            .exitCode()).isZero();

        assertThat(Cli.run("train", "--resume", run.toString(), "--epochs", "2").exitCode()).isZero();
        assertThat(run.resolve(RunPlots.LOSS)).as("--no-plots remembered").doesNotExist();

        assertThat(Cli.run("train", "--resume", run.toString(), "--epochs", "3", "--plots").exitCode()).isZero();
        assertThat(run.resolve(RunPlots.LOSS)).as("--plots given").isRegularFile();
    }

    /** {@code folder} holding the small SHD fixture as both splits. */
    static Path shdFolder(Path folder) throws IOException, URISyntaxException {
        Path fixture = Path.of(RecordedSetupTest.class.getResource("/org/s3gd/data/shd/shd_small.h5").toURI());
        Files.createDirectories(folder);
        for (String name : List.of(Shd.TRAIN, Shd.TEST)) {
            Files.copy(fixture, folder.resolve(name));
        }
        return folder;
    }

    private static String[] concat(String[] options, String... first) {
        String[] all = new String[first.length + options.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(options, 0, all, first.length, options.length);
        return all;
    }
}
