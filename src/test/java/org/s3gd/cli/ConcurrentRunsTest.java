package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.output.MetricsCsv;
import org.s3gd.train.output.RunManifest;

class ConcurrentRunsTest {
    @TempDir
    Path directory;

    @Test
    void twoTrainProcessesStartedAtOnceWithDefaultFoldersBothSucceedIntoDifferentFolders() throws Exception {
        String[] args = {"train", "--epochs", "2", "--hidden", "16", "--threads", "1", "--no-plots", "--seed", "7"};
        // Start both just after a second turns, so their default names (…-yyyyMMdd-HHmmss) coincide.
        Thread.sleep(1000 - System.currentTimeMillis() % 1000);
        CliProcess first = CliProcess.start(directory, args);
        CliProcess second = CliProcess.start(directory, args);

        assertThat(first.waitFor()).as(first.err()).isZero();
        assertThat(second.waitFor()).as(second.err()).isZero();

        List<Path> runs;
        try (Stream<Path> folders = Files.list(directory.resolve("runs"))) {
            runs = folders.sorted().toList();
        }
        assertThat(runs).hasSize(2);
        assertThat(first.out() + second.out()).contains(runs.get(0).getFileName().toString(),
            runs.get(1).getFileName().toString());
        for (Path run : runs) {
            assertThat(Checkpoint.load(run).epochsDone()).as(run.toString()).isEqualTo(2);
            assertThat(Files.readAllLines(run.resolve(MetricsCsv.EPOCHS))).as("one header and one row per epoch").hasSize(1 + 2);
            assertThat(run.resolve(RunManifest.FILE)).isRegularFile();
        }
    }
}
