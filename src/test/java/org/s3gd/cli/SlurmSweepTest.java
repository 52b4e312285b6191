package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.BoundedProcess;
import org.s3gd.Prerequisite;
import org.s3gd.sweep.SlurmSweep;
import org.s3gd.sweep.SweepFolder;
import org.s3gd.sweep.SweepPlan;
import org.s3gd.sweep.SweepSpec;
import org.s3gd.sweep.Trial;
import org.s3gd.train.Checkpoint;

/**
 * The small sweep through a SLURM cluster: one array job, a task that fails listed with its log
 * and submitted again alone, and a summary equal to the one of the sweep run here; a task that
 * SLURM cancels at its time limit, listed as timed out and submitted again with a longer one. Needs
 * {@code sbatch} and a cluster that answers {@code sinfo}; {@code .ci/slurm-up} starts a one-node
 * one on this machine, and {@code .ci/run} passes {@code -Ds3gd.slurm=required}, which turns a
 * missing cluster into a failure instead of a skipped test.
 */
class SlurmSweepTest {
    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(6);

    @TempDir
    Path directory;

    @Test
    void theSmallSweepOnSlurmListsAFailedTaskWithItsLogResubmitsItAloneAndEndsWithTheSummaryOfTheSweepRunHere()
        throws Exception {
        requireCluster();
        Path spec = SweepCommandTest.write(directory, "small.json", SweepCommandTest.SMALL);
        Cli here = Cli.run("sweep", spec.toString(), "--out", directory.resolve("here").toString(), "--no-plots", "--threads", "2");
        assertThat(here.exitCode()).as(here.err()).isZero();

        // Trial 3's folder holds a damaged checkpoint: its task fails, naming it.
        Path out = directory.resolve("cluster");
        SweepPlan plan = SweepPlan.of(SweepSpec.read(spec));
        SweepFolder sweep = SweepFolder.create(out, plan);
        Trial broken = plan.trials().get(3);
        Files.createDirectories(sweep.trialFolder(broken));
        Files.writeString(sweep.trialFolder(broken).resolve(Checkpoint.LATEST), "not a checkpoint");

        Cli submitted = Cli.run("sweep", spec.toString(), "--out", out.toString(), "--slurm", "--mem", "1G", "--cpus", "1",
            "--no-plots");

        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        Matcher job = Pattern.compile("submitted job (\\d+): 8 array tasks").matcher(submitted.out());
        assertThat(job.find()).as(submitted.out()).isTrue();
        assertThat(out.resolve("slurm").resolve("sweep.sbatch")).content().contains("#SBATCH --mem=1G");
        waitForTheQueue(sweep);

        Cli status = Cli.run("sweep", "status", out.toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        Path log = out.resolve("slurm").resolve("logs").resolve("task-3-job-" + job.group(1) + ".out");
        assertThat(status.out()).contains("   3  " + broken.name())
            .contains("failed (exit 1); damaged checkpoint").contains("log " + log.toAbsolutePath())
            .contains("7 finished, 1 failed (exit 1)").contains("1 trial to submit again: s3gd sweep resubmit " + out);
        assertThat(log).content().contains("cannot continue the trial");

        Files.delete(sweep.trialFolder(broken).resolve(Checkpoint.LATEST));
        Cli resubmitted = Cli.run("sweep", "resubmit", out.toString());
        assertThat(resubmitted.exitCode()).as(resubmitted.err()).isZero();
        assertThat(resubmitted.out()).containsPattern("submitted job \\d+: 1 array task \\(3\\)");
        waitForTheQueue(sweep);
        Cli collected = Cli.run("sweep", "collect", out.toString());

        assertThat(collected.exitCode()).as(collected.err()).isZero();
        assertThat(collected.out()).contains("8 of 8 trials finished");
        assertThat(new SlurmSweep(sweep).jobs()).hasSize(2);
        assertThat(SweepCommandTest.repeatableSummary(out)).isEqualTo(SweepCommandTest.repeatableSummary(directory.resolve("here")));
    }

    @Test
    void aTaskPastItsTimeLimitIsListedAsTimedOutAndGoesAgainWithALongerLimit() throws Exception {
        requireCluster();
        // Far more epochs than a minute allows on any machine: SLURM cancels the task at its limit.
        Path spec = SweepCommandTest.write(directory, "long.json", """
            {"base": {"dataset": "synthetic", "epochs": 100000, "layers": ["lif:16"]}, "axes": {"learningRate": [0.001]}, "seeds": 1}
            """);
        Path out = directory.resolve("long");
        Cli submitted = Cli.run("sweep", spec.toString(), "--out", out.toString(), "--slurm", "--time", "1", "--mem", "1G",
            "--cpus", "1", "--no-plots");
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        Matcher job = Pattern.compile("submitted job (\\d+): 1 array task").matcher(submitted.out());
        assertThat(job.find()).as(submitted.out()).isTrue();
        SweepFolder sweep = SweepFolder.read(out);
        waitForTheQueue(sweep);

        Cli status = Cli.run("sweep", "status", out.toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        Path log = out.resolve("slurm").resolve("logs").resolve("task-0-job-" + job.group(1) + ".out");
        assertThat(status.out()).contains("timed out; cut after epoch").contains("of 100000").contains("log " + log.toAbsolutePath())
            .contains("1 trial to submit again: s3gd sweep resubmit " + out + " --time LONGER");
        assertThat(log).content().contains("DUE TO TIME LIMIT");

        Cli resubmitted = Cli.run("sweep", "resubmit", out.toString(), "--time", "30");
        try {
            assertThat(resubmitted.exitCode()).as(resubmitted.err()).isZero();
            assertThat(resubmitted.out()).containsPattern("submitted job \\d+: 1 array task \\(0\\)");
            assertThat(out.resolve("slurm").resolve("sweep.sbatch")).content().contains("#SBATCH --time=30\n")
                .doesNotContain("--time=1\n");
        } finally {
            for (SlurmSweep.Job j : new SlurmSweep(sweep).jobs()) {
                new ProcessBuilder("scancel", j.id()).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void waitForTheQueue(SweepFolder sweep) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            List<SlurmSweep.TaskStatus> status = new SlurmSweep(sweep).status();
            if (status.stream().noneMatch(t -> t.state().equals("pending") || t.state().equals("running"))) {
                return;
            }
            Thread.sleep(500);
        }
        fail("the SLURM tasks did not end within six minutes: " + new SlurmSweep(sweep).status());
    }

    /** Skips the test where no cluster answers, unless -Ds3gd.slurm=required asks for it. */
    private static void requireCluster() throws Exception {
        String problem = null;
        if (!SlurmSweep.onPath("sbatch") || !SlurmSweep.onPath("sinfo")) {
            problem = "sbatch and sinfo are not on the PATH (.ci/slurm-up installs and starts a one-node cluster)";
        } else {
            BoundedProcess sinfo = BoundedProcess.run(new ProcessBuilder("sinfo", "-h", "-o", "%t"), Duration.ofSeconds(30));
            String text = (sinfo.out() + sinfo.err()).strip();
            if (!sinfo.ended() || sinfo.exitValue() != 0 || text.isEmpty()) {
                problem = "sinfo does not answer (" + (sinfo.ended() ? text : "no answer in 30 s") + "); start the cluster with .ci/slurm-up";
            }
        }
        Prerequisite.check("s3gd.slurm", problem == null, problem);
    }
}
