package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCommandTest {
    @TempDir
    Path folder;

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Cli result = Cli.run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("train", "eval", "data", "Exit codes:", "0   success", "1   failure", "2   usage error");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"train", "eval", "data"}) {
            Cli result = Cli.run(command, "--help");
            assertThat(result.exitCode()).as(command).isZero();
            assertThat(result.out()).as(command).contains("Usage: s3gd " + command, "Exit codes:");
        }
    }

    @Test
    void everyHelpTextFormatsWithoutAWarning() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String[] command : List.of(new String[] {"--help"}, new String[] {"train", "--help"},
                new String[] {"eval", "--help"}, new String[] {"data", "--help"}, new String[] {"data", "verify", "--help"},
                new String[] {"data", "download", "--help"}, new String[] {"bench", "--help"})) {
                Cli result = Cli.run(command);
                assertThat(result.exitCode()).as(String.join(" ", command)).isZero();
                assertThat(result.out()).as(String.join(" ", command)).doesNotContain("%n");
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theVersionFlagPrintsTheVersion() {
        Cli result = Cli.run("--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("s3gd ");
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertThat(Cli.run().exitCode()).isEqualTo(2);
        Cli unknown = Cli.run("trian");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("train");
    }

    @Test
    void dataListsWhereEachDataSetWasLooked() {
        Cli result = Cli.run("data", "--data-dir", folder.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("synthetic: embedded", "nmnist: ", "shd: not found", folder.resolve("shd").toString());
    }

    @Test
    void dataVerifyNamesTheFolderAndTheFilesItRead() throws Exception {
        Path data = RecordedSetupTest.shdFolder(folder.resolve("shd"));

        Cli result = Cli.run("data", "verify", "shd", "--data-dir", folder.toString(), "--cache-dir", folder.resolve("cache").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("shd: reading " + data.toAbsolutePath() + " (--data-dir): shd_train.h5, shd_test.h5",
            "shd: ok, 4 training and 4 test samples");
    }

    @Test
    void dataVerifyReadsTheSyntheticTask() {
        Cli result = Cli.run("data", "verify", "synthetic");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("synthetic: ok, 2000 training and 500 test samples", "sha256:");
    }
}
