package org.s3gd.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * s3gd runs on its plain loops in a JVM started without {@code --add-modules jdk.incubator.vector}:
 * nothing outside {@code kernel.simd} links against the module, and the standard backend falls back.
 */
class ScalarKernelsWithoutVectorModuleTest {
    @Test
    void aJvmWithoutTheIncubatorModuleTrainsOnTheScalarKernelsAndGetsTheirExactWeights() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
            ScalarTraining.class.getName())).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        String output;
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child JVM finishes").isTrue();
        } finally {
            output = read(process);
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("vector module: false").contains("backend: cpu scalar").doesNotContain("Exception");
        // In this JVM (with the module) the scalar backend computes the very same weights.
        assertThat(output).contains("weights: " + ScalarTraining.fingerprint(Backends.scalar()));
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
