package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.train.Checkpoint;

class InterruptTest {
    @TempDir
    Path directory;

    @Test
    void ctrlCEndsARunSayingWhereTheLastCheckpointIsAndHowToResume() throws Exception {
        CliProcess training = CliProcess.start(directory, "train", "--epochs", "1000", "--hidden", "16", "--threads", "1",
            "--no-plots", "--out", "run");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!training.out().contains("epoch 2/1000") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(training.out()).as(training.err()).contains("epoch 2/1000");

        String signal = ignoresSigint(training.pid()) ? "-TERM" : "-INT";
        new ProcessBuilder("kill", signal, String.valueOf(training.pid())).start().waitFor();

        assertThat(training.waitFor()).as("killed by the signal").isIn(130, 143);
        Matcher said = Pattern.compile("s3gd: stopped; the last checkpoint \\(epoch (\\d+)\\) is (\\S+); "
            + "continue with: s3gd train --resume run").matcher(training.err());
        assertThat(said.find()).as(training.err()).isTrue();
        assertThat(Path.of(said.group(2))).isEqualTo(Path.of("run", Checkpoint.LATEST));
        assertThat(Checkpoint.load(directory.resolve("run")).epochsDone()).isGreaterThanOrEqualTo(Integer.parseInt(said.group(1)))
            .isGreaterThanOrEqualTo(2);
    }

    /** Whether the process ignores SIGINT, as processes started in the background of a script do. */
    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return new BigInteger(line.substring("SigIgn:".length()).strip(), 16).testBit(1);
            }
        }
        return false;
    }
}
