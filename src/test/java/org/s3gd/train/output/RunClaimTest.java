package org.s3gd.train.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.train.Checkpoint;

class RunClaimTest {
    @TempDir
    Path runs;

    @Test
    void runsClaimingOneNameAtOnceEachGetAFolderOfTheirOwn() throws Exception {
        List<Callable<RunClaim>> claims = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            claims.add(() -> RunClaim.newRunNamed(runs, "synthetic-sparse-20261125-101500"));
        }
        List<Path> folders = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<RunClaim> claim : pool.invokeAll(claims)) {
                folders.add(claim.get().folder());
            }
        }

        assertThat(folders).doesNotHaveDuplicates().hasSize(8)
            .contains(runs.resolve("synthetic-sparse-20261125-101500"), runs.resolve("synthetic-sparse-20261125-101500-2"));
    }

    @Test
    void aFolderClaimedForOneNewRunCannotBeClaimedForAnother() {
        Path folder = runs.resolve("a");
        try (RunClaim first = RunClaim.newRun(folder)) {
            assertThatThrownBy(() -> RunClaim.newRun(folder)).isInstanceOf(RunFolderException.class)
                .hasMessageContaining(folder.toString());
            assertThatThrownBy(() -> RunClaim.existingRun(folder)).isInstanceOf(RunFolderException.class)
                .hasMessageContaining("in use by another s3gd run");
        }
    }

    @Test
    void aFolderHoldingARunOrAnythingElseIsNeverClaimedForANewRun() throws IOException {
        Path run = Files.createDirectories(runs.resolve("run"));
        Files.writeString(run.resolve(Checkpoint.LATEST), "x");
        Path other = Files.createDirectories(runs.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> RunClaim.newRun(run)).hasMessageContaining("already holds a run")
            .hasMessageContaining("--resume " + run);
        assertThatThrownBy(() -> RunClaim.newRun(other)).hasMessageContaining("not empty");
        assertThat(other.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void anEmptyFolderCanBeClaimedAndAFolderLeftEmptyByAFailedStartIsRemoved() throws IOException {
        Path empty = Files.createDirectories(runs.resolve("empty"));
        try (RunClaim claim = RunClaim.newRun(empty)) {
            assertThat(claim.folder()).isEqualTo(empty);
        }
        assertThat(empty).as("existed before: kept, empty").isEmptyDirectory();

        Path fresh = runs.resolve("fresh");
        RunClaim.newRun(fresh).close();
        assertThat(fresh).doesNotExist();
    }

    @Test
    void aResumedRunHoldsItsFolderUntilItEnds() throws IOException {
        Path run = Files.createDirectories(runs.resolve("run"));
        Files.writeString(run.resolve(Checkpoint.LATEST), "x");
        try (RunClaim resumed = RunClaim.existingRun(run)) {
            assertThatThrownBy(() -> RunClaim.existingRun(run)).hasMessageContaining("in use by another s3gd run");
        }
        RunClaim.existingRun(run).close();
        assertThat(run.resolve(Checkpoint.LATEST)).hasContent("x");
    }
}
