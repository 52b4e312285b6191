package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line started without {@code --add-modules jdk.incubator.vector}: it runs on the
 * plain-loop kernels and says once how to get the fast ones, instead of dying with
 * {@code NoClassDefFoundError}.
 */
class WithoutVectorModuleTest {
    @TempDir
    Path folder;

    @Test
    void evalRunsWithoutTheIncubatorModuleAndSaysHowToEnableTheFastKernels() throws Exception {
        Path checkpoint = folder.resolve("v1.s3gd");
        try (var in = WithoutVectorModuleTest.class.getResourceAsStream("/org/s3gd/train/format-v1.s3gd")) {
            Files.copy(in, checkpoint);
        }
        Result eval = run("eval", checkpoint.toString());
        assertThat(eval.exitCode()).as(eval.output()).isZero();
        assertThat(eval.output()).contains("accuracy 44.60% (223 of 500)", "--add-modules jdk.incubator.vector")
            .doesNotContain("NoClassDefFoundError", "Exception", "\tat ");
        assertThat(eval.output().split("Vector API module", -1)).as("said once").hasSize(2);

        Result help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).doesNotContain("Vector API module");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), S3gd.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
