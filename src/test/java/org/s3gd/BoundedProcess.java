package org.s3gd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A child process that tests wait for at most a given time: its output goes to files, not pipes,
 * so that waiting for the limit never waits on a read, nor the process on a full pipe, and one
 * that hangs is killed at its limit instead of hanging the build.
 *
 * @param ended     whether it ended within its limit (else it was killed)
 * @param exitValue its exit code, -1 where it was killed
 * @param out       what it wrote to standard output
 * @param err       what it wrote to standard error
 */
public record BoundedProcess(boolean ended, int exitValue, String out, String err) {
    /**
     * Starts {@code builder} (its command and environment as the caller set them; its output is
     * redirected here) and waits for it at most {@code limit}.
     *
     * @throws IOException where the process cannot be started
     */
    public static BoundedProcess run(ProcessBuilder builder, Duration limit) throws IOException, InterruptedException {
        Path out = Files.createTempFile("s3gd-process", ".out");
        Path err = Files.createTempFile("s3gd-process", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            return new BoundedProcess(ended, ended ? process.exitValue() : -1, text(out), text(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** What a process wrote, undecodable bytes replaced rather than failing the read. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
