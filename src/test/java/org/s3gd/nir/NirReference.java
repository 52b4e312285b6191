package org.s3gd.nir;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.s3gd.BoundedProcess;
import org.s3gd.Prerequisite;

/**
 * The reference NIR package, {@code nir}, run by Python as an independent oracle. It is kept in
 * {@code ../shared/tools/nir-reference} beside the repository (or where the system property
 * {@code s3gd.shared} points) and needs Debian's {@code python3-numpy} and {@code python3-h5py},
 * which {@code .ci/run} installs; without them the tests that use it are skipped, saying why, or
 * fail under {@code -Ds3gd.nir=required}, which {@code .ci/run} passes.
 */
final class NirReference {
    /** Long enough for the reader on a test's small file; a Python that hangs fails the test instead of the build. */
    private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(2);
    private static final Duration PROBE_LIMIT = Duration.ofMinutes(1);
    /** Prints the modules the reference package needs that this Python cannot import. */
    private static final String PROBE = """
        import importlib
        missing = []
        for name in ("numpy", "h5py"):
            try:
                importlib.import_module(name)
            except Exception:
                missing.append(name)
        print(" ".join(missing))
        """;

    private NirReference() {
    }

    /** The folder holding the {@code nir} package, or a skipped test. */
    static Path packageFolder() {
        String property = System.getProperty("s3gd.shared");
        Path[] candidates = property != null
            ? new Path[] {Path.of(property, "tools", "nir-reference"), Path.of(property)}
            : new Path[] {Path.of("..", "shared", "tools", "nir-reference"), Path.of("shared", "tools", "nir-reference")};
        Path found = Stream.of(candidates).filter(c -> Files.isRegularFile(c.resolve("nir").resolve("__init__.py")))
            .map(c -> c.toAbsolutePath().normalize()).findFirst().orElse(null);
        Prerequisite.check("s3gd.nir", found != null, "the reference NIR package is not in "
            + (property != null ? Path.of(property, "tools", "nir-reference") : "../shared/tools/nir-reference")
            + "; point the system property s3gd.shared at the folder that holds tools/nir-reference");
        return found;
    }

    /** Runs the test resource {@code script} with {@code args}; its standard output, or a failed assertion with its error output. */
    static String run(String script, String... args) throws IOException, InterruptedException {
        Path folder = packageFolder();
        String python = pythonWithNumpyAndH5py();
        Path file = Files.createTempFile("s3gd-nir", ".py");
        try (InputStream in = NirReference.class.getResourceAsStream(script)) {
            Files.write(file, in.readAllBytes());
        }
        try {
            List<String> command = new ArrayList<>(List.of(python, file.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("PYTHONPATH", folder.toString());
            BoundedProcess outcome = BoundedProcess.run(builder, SCRIPT_LIMIT);
            if (!outcome.ended()) {
                fail("the reference package did not end within " + SCRIPT_LIMIT.toSeconds() + " s on "
                    + String.join(" ", args) + ":\n" + outcome.err());
            }
            if (outcome.exitValue() != 0) {
                fail("the reference package failed on " + String.join(" ", args) + ":\n" + outcome.err());
            }
            return outcome.out();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Debian's python3 where there is one, else the one on the PATH; a skipped test where it cannot import what the package needs. */
    private static String pythonWithNumpyAndH5py() throws InterruptedException {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        String install = " (apt-get install python3 python3-numpy python3-h5py)";
        String problem;
        try {
            BoundedProcess probe = BoundedProcess.run(new ProcessBuilder(python, "-c", PROBE), PROBE_LIMIT);
            if (!probe.ended()) {
                problem = python + " did not answer the probe for numpy and h5py within " + PROBE_LIMIT.toSeconds() + " s";
            } else if (probe.exitValue() != 0) {
                problem = "the probe for numpy and h5py failed in " + python + ":\n" + probe.err();
            } else {
                String missing = probe.out().strip();
                problem = missing.isEmpty() ? null : python + " lacks " + missing.replace(" ", " and ") + install;
            }
        } catch (IOException notThere) {
            problem = python + " cannot be run: " + notThere.getMessage() + install;
        }
        Prerequisite.check("s3gd.nir", problem == null, problem);
        return python;
    }
}
