package org.s3gd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a JVM of its own, as a user starts it: for what one process cannot show
 * (two runs at once, Ctrl-C, what reaches the real stderr).
 */
final class CliProcess {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code s3gd args} in {@code directory}; output goes to files there. */
    static CliProcess start(Path directory, List<String> jvmOptions, String... args) throws IOException {
        return start(directory, Map.of(), jvmOptions, args);
    }

    /** As {@link #start(Path, List, String...)}, with {@code environment} changing the variables it inherits. */
    static CliProcess start(Path directory, Map<String, String> environment, List<String> jvmOptions, String... args)
        throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Xss4m", "-Xmx1g"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), S3gd.class.getName()));
        command.addAll(List.of(args));
        String name = "cli-" + System.nanoTime();
        Path out = directory.resolve(name + ".out");
        Path err = directory.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.directory(directory.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        return new CliProcess(process, out, err);
    }

    static CliProcess start(Path directory, String... args) throws IOException {
        return start(directory, List.of(), args);
    }

    /** Waits for the end (at most two minutes) and returns the exit code. */
    int waitFor() throws InterruptedException, IOException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("s3gd did not end within two minutes; stderr: " + err());
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    String out() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** Standard error without the JVM's announcement of the incubating Vector API. */
    String err() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8)
            .replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
    }
}
