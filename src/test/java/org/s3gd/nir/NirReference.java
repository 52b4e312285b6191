package org.s3gd.nir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference NIR package, {@code nir}, run by Python as an independent oracle. It is kept in
 * {@code ../shared/tools/nir-reference} beside the repository (or where the system property
 * {@code s3gd.shared} points) and needs Debian's {@code python3-numpy} and {@code python3-h5py},
 * which {@code .ci/run} installs; without them the tests that use it are skipped, saying why.
 */
final class NirReference {
    private NirReference() {
    }

    /** The folder holding the {@code nir} package, or a skipped test. */
    static Path packageFolder() {
        String property = System.getProperty("s3gd.shared");
        Path[] candidates = property != null
            ? new Path[] {Path.of(property, "tools", "nir-reference"), Path.of(property)}
            : new Path[] {Path.of("..", "shared", "tools", "nir-reference"), Path.of("shared", "tools", "nir-reference")};
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("nir").resolve("__init__.py"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        assumeTrue(false, "skipped: the reference NIR package is not in ../shared/tools/nir-reference; "
            + "point the system property s3gd.shared at the folder that holds tools/nir-reference");
        throw new AssertionError("unreachable");
    }

    /** Runs the test resource {@code script} with {@code args}; its standard output, or a failed assertion with its error output. */
    static String run(String script, String... args) throws IOException, InterruptedException {
        Path folder = packageFolder();
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Path file = Files.createTempFile("s3gd-nir", ".py");
        try (InputStream in = NirReference.class.getResourceAsStream(script)) {
            Files.write(file, in.readAllBytes());
        }
        try {
            Process probe = new ProcessBuilder(python, "-c", "import numpy, h5py").redirectErrorStream(true).start();
            boolean ready = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
            assumeTrue(ready, "skipped: " + python + " lacks numpy or h5py (apt-get install python3-numpy python3-h5py)");
            List<String> command = new ArrayList<>(List.of(python, file.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("PYTHONPATH", folder.toString());
            Path err = Files.createTempFile("s3gd-nir", ".err");
            builder.redirectError(err.toFile());
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                String error = Files.readString(err);
                Files.deleteIfExists(err);
                throw new AssertionError("the reference package failed on " + String.join(" ", args) + ":\n" + error);
            }
            Files.deleteIfExists(err);
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
