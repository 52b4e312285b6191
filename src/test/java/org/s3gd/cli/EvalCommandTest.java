package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.train.Checkpoint;

class EvalCommandTest {
    @TempDir
    Path folder;

    @Test
    void evalReportsTheTestAccuracyOfTheCheckpointAndAConfusionMatrix() {
        Path run = folder.resolve("run");
        assertThat(Cli.run("train", "--out", run.toString(), "--epochs", "2", "--hidden", "32", "--threads", "2",
            "--no-plots").exitCode()).isZero();
        double saved = Checkpoint.load(run).testAccuracy();

        Cli result = Cli.run("eval", run.toString(), "--threads", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(String.format(java.util.Locale.ROOT, "accuracy %.2f%%", 100 * saved),
            "confusion matrix", "recall");
        assertThat(result.out().lines().filter(line -> line.endsWith("%")).count()).as("one row per class").isEqualTo(10 + 0);
    }

    @Test
    void aMissingCheckpointIsARuntimeFailure() {
        Cli result = Cli.run("eval", folder.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(folder.resolve(Checkpoint.LATEST).toString());
    }
}
