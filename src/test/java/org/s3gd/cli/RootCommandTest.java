package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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

    /**
     * picocli formats descriptions with {@code String.format}; an unescaped {@code %} makes it warn
     * on stderr and print the raw text, {@code %n} and all. Every command and subcommand of the
     * tree is rendered, hidden ones too, so that a new one is checked without being listed here.
     */
    @Test
    void everyHelpTextFormatsWithoutAWarning() {
        List<List<String>> commands = new ArrayList<>();
        collectCommands(S3gd.commandLine(), List.of(), commands);
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (List<String> command : commands) {
                List<String> args = new ArrayList<>(command);
                args.add("--help");
                Cli result = Cli.run(args.toArray(String[]::new));
                String name = String.join(" ", command);
                assertThat(result.exitCode()).as(name).isZero();
                assertThat(result.out()).as(name).contains(String.join(" ", "Usage: s3gd", name).strip()).doesNotContain("%n");
                assertThat(warnings.toString(StandardCharsets.UTF_8)).as(name).isEmpty();
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(commands).contains(List.of(), List.of("train"), List.of("data", "download"), List.of("sweep", "status"),
            List.of("sweep", "task"));
    }

    /** The argument paths to {@code command} and every command under it, each once however many aliases it has. */
    private static void collectCommands(CommandLine command, List<String> path, List<List<String>> commands) {
        commands.add(path);
        for (CommandLine sub : new LinkedHashSet<>(command.getSubcommands().values())) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getCommandName());
            collectCommands(sub, subPath, commands);
        }
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
