package org.s3gd.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.Prerequisite;
import org.s3gd.train.ConfigJson;

/** How a sweep's tasks that left the queue are told apart, from their logs and exit files. */
class SlurmSweepStatusTest {
    @TempDir
    Path directory;

    @Test
    void arrayIndicesAreWrittenAsRangesAndReadBack() {
        assertThat(SlurmSweep.ranges(List.of(7, 0, 1, 2, 3, 5, 8))).isEqualTo("0-3,5,7-8");
        assertThat(SlurmSweep.indices("0-3 5 7-8")).containsExactly(0, 1, 2, 3, 5, 7, 8);
        assertThat(SlurmSweep.indices("4")).containsExactly(4);
    }

    @Test
    void aTaskKilledAtItsTimeLimitIsTimedOutAndOneThatExitedNonZeroFailedEachWithItsLog() throws Exception {
        Prerequisite.check("s3gd.slurm", SlurmSweep.onPath("squeue"), "squeue is not on the PATH (.ci/slurm-up installs it)");
        SweepPlan plan = SweepPlan.of(SweepSpec.parse("spec", ConfigJson.tree("{\"base\": {\"epochs\": 1}, \"seeds\": 4}"), null));
        SweepFolder sweep = SweepFolder.create(directory.resolve("sweep"), plan);
        Path slurm = sweep.folder().resolve(SlurmSweep.FOLDER);
        Files.createDirectories(slurm.resolve("logs"));
        Files.createDirectories(slurm.resolve("exit"));
        // A job id no queue knows any more: the tasks have all left it.
        Files.writeString(slurm.resolve(SlurmSweep.JOBS), "job,tasks,submitted\n987654321,0-3,2026-12-01T10:00:00Z\n");
        Files.writeString(slurm.resolve("logs").resolve("task-0-job-987654321.out"),
            "trial 0\nslurmstepd: error: *** JOB 987654322 ON vm CANCELLED AT 2026-12-01T10:10:00 DUE TO TIME LIMIT ***\n");
        Files.writeString(slurm.resolve("logs").resolve("task-1-job-987654321.out"), "s3gd: out of memory\n");
        Files.writeString(slurm.resolve("exit").resolve("1-987654321"), "1\n");
        Files.writeString(slurm.resolve("logs").resolve("task-2-job-987654321.out"), "trial 2\n");

        List<SlurmSweep.TaskStatus> status = new SlurmSweep(sweep).status();

        assertThat(status).extracting(SlurmSweep.TaskStatus::state)
            .containsExactly("timed out", "failed (exit 1)", "killed", "never ran");
        assertThat(status.get(0).log()).isEqualTo(slurm.toAbsolutePath().resolve("logs").resolve("task-0-job-987654321.out"));
        assertThat(status.get(3).log()).isNull();
        assertThat(status).allMatch(SlurmSweep.TaskStatus::needsResubmit);
    }
}
