package org.s3gd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DataSource;
import org.s3gd.data.DatasetSplit;
import org.s3gd.io.AtomicFile;
import org.s3gd.train.output.MetricsCsv;
import org.s3gd.train.output.RunClaim;
import org.s3gd.train.output.RunFolder;
import org.s3gd.train.output.RunSetup;
import org.s3gd.train.output.RunFolderException;
import org.s3gd.train.output.RunPlots;

/** What a run folder does when a file cannot be written: plots are reported, metrics and checkpoints stop the run. */
class RunFolderFailuresTest {
    private static final RunSetup NO_PLOTS = new RunSetup(DataSource.generated(), null, false);
    private static final RunSetup WITH_PLOTS = new RunSetup(DataSource.generated(), null, true);

    @TempDir
    Path directory;

    private final TrainingConfig config = TestRuns.small().withEpochs(3);
    private final DatasetSplit data = TestRuns.data(config);
    private final Provenance provenance = Provenance.now("test", DatasetFingerprint.of(data));

    @Test
    void aPlotThatCannotBeWrittenIsReportedOnceAndTrainingGoesOn() throws IOException {
        Path run = directory.resolve("run");
        List<String> notes = new ArrayList<>();
        try (RunFolder folder = new RunFolder(RunClaim.newRun(run), config.network(data.inputs(), data.classes()), WITH_PLOTS,
            notes::add)) {
            Files.createDirectories(run.resolve(RunPlots.LOSS).resolve("in-the-way"));
            new Trainer(config, data, provenance).train(folder);
        }

        assertThat(notes).singleElement().asString().contains("cannot write the plots", RunPlots.LOSS + ": Is a directory",
            "training goes on");
        assertThat(Checkpoint.load(run).epochsDone()).isEqualTo(3);
        assertThat(temporaryFiles(run)).isEmpty();
    }

    @Test
    void aMetricsFileThatCannotBeWrittenStopsTheRunWithItsCauseAndKeepsTheLastCheckpoint() throws IOException {
        Path run = directory.resolve("run");
        TrainingListener blockAfterSecondEpoch = new TrainingListener() {
            @Override
            public void epochDone(EpochSummary summary, Checkpoint checkpoint) {
                if (summary.epoch() == 1) {
                    try {
                        Files.delete(run.resolve(MetricsCsv.EPOCHS));
                        Files.createDirectories(run.resolve(MetricsCsv.EPOCHS).resolve("in-the-way"));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        };
        try (RunFolder folder = new RunFolder(RunClaim.newRun(run), config.network(data.inputs(), data.classes()), NO_PLOTS,
            note -> { })) {
            assertThatThrownBy(() -> new Trainer(config, data, provenance).train(TrainingListener.all(folder, blockAfterSecondEpoch)))
                .isInstanceOf(RunFolderException.class)
                .hasMessageContaining(run.resolve(MetricsCsv.EPOCHS).toString())
                .hasMessageContaining("cannot write the metrics: Is a directory");
        }

        assertThat(Checkpoint.load(run).epochsDone()).as("the last finished epoch's checkpoint is whole").isEqualTo(2);
        assertThat(temporaryFiles(run)).isEmpty();
    }

    /**
     * A real full disk: a 1 MiB tmpfs (needs root and a mount namespace that allows it, as on a
     * developer's machine or CI's; skipped elsewhere, where the injected failures above still run).
     */
    @Test
    void aRunOnAFullFileSystemKeepsItsLastCheckpointAndLeavesNoTemporaryFile() throws Exception {
        Path disk = Files.createDirectories(directory.resolve("disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString()),
            "skipped: mounting a tmpfs is not allowed here (needs root)");
        try {
            Path run = disk.resolve("run");
            TrainingListener fillTheDiskAfterSecondEpoch = new TrainingListener() {
                @Override
                public void epochDone(EpochSummary summary, Checkpoint checkpoint) {
                    if (summary.epoch() == 1) {
                        fillLeaving(disk.resolve("filler"), 16 << 10);
                    }
                }
            };
            try (RunFolder folder = new RunFolder(RunClaim.newRun(run), config.network(data.inputs(), data.classes()), NO_PLOTS,
                note -> { })) {
                assertThatThrownBy(() -> new Trainer(config, data, provenance)
                    .train(TrainingListener.all(folder, fillTheDiskAfterSecondEpoch)))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(run.resolve(Checkpoint.LATEST).toString())
                    .hasMessageContaining("No space left on device");
            }

            assertThat(Checkpoint.load(run).epochsDone()).as("the last finished epoch's checkpoint is whole").isEqualTo(2);
            assertThat(temporaryFiles(run)).isEmpty();
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    /** Writes {@code file} until the disk is full, then frees {@code spare} bytes of it. */
    private static void fillLeaving(Path file, long spare) {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(Math.max(0, channel.size() - spare));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noSuchProgram) {
            return false;
        }
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    private static List<Path> temporaryFiles(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            return files.filter(AtomicFile::isTemporary).toList();
        }
    }
}
