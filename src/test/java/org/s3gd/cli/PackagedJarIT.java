package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.BoundedProcess;
import org.s3gd.backend.Backends;
import org.s3gd.train.Checkpoint;

/**
 * The runnable jar that {@code package} builds, started as {@code java -jar} without
 * {@code --add-modules jdk.incubator.vector}: what a user gets who runs it without ./s3gd. The class
 * path the other tests run on is not the jar's, which shading assembles on its own (manifest, merged
 * service files, dropped signatures), so only the jar itself can show that it falls back to the
 * plain loops. Runs in the build's integration-test phase, after the jar exists; the pom passes its
 * path as {@value #JAR_PROPERTY}.
 */
@Tag("packaged-jar")
class PackagedJarIT {
    private static final String JAR_PROPERTY = "s3gd.jar";
    private static final String NOTE = "s3gd: note: this JVM lacks the Vector API module, so s3gd runs on its plain-loop kernels";

    @TempDir
    static Path folder;

    private static Path run;
    private static String accuracyLine;

    @BeforeAll
    static void trainATinySyntheticRunInThisJvm() {
        run = folder.resolve("run");
        Cli train = Cli.run("train", "--out", run.toString(), "--epochs", "1", "--hidden", "32", "--threads", "2", "--no-plots");
        assertThat(train.exitCode()).as(train.err()).isZero();
        accuracyLine = String.format(Locale.ROOT, "accuracy %.2f%%", 100 * Checkpoint.load(run).testAccuracy());
    }

    @Test
    void theJarEvaluatesWithoutTheIncubatorModuleAndSaysOnceHowToEnableTheFastKernels() throws Exception {
        Jar eval = runJar(List.of(), "eval", run.toString(), "--threads", "2");

        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains(accuracyLine, "confusion matrix");
        assertThat(eval.err()).contains(NOTE, Backends.VECTOR_OPTION + " (./s3gd does) for the fast ones");
        assertThat(eval.err().split("Vector API module", -1)).as("said once").hasSize(2);
        assertThatNothingWasThrown(eval);
    }

    @Test
    void theJarAskedForTheScalarKernelsWithoutTheIncubatorModuleEvaluatesWithoutTheNote() throws Exception {
        Jar eval = runJar(List.of("-D" + Backends.KERNEL_PROPERTY + "=scalar"), "eval", run.toString(), "--threads", "2");

        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains(accuracyLine);
        assertThat(eval.err()).as("asked for, so nothing to explain").doesNotContain("Vector API module");
        assertThatNothingWasThrown(eval);
    }

    private static void assertThatNothingWasThrown(Jar result) {
        assertThat(result.out() + result.err()).doesNotContain("NoClassDefFoundError", "Exception", "\tat ");
    }

    private record Jar(int exitCode, String out, String err) {
    }

    /** {@code java [jvmOptions] -jar s3gd.jar args} with this JVM's java (JDK 25) and nothing else on its command line. */
    private static Jar runJar(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty(JAR_PROPERTY);
        assertThat(jar).as("the system property " + JAR_PROPERTY + ", which the build sets: run ./mvnw verify").isNotNull();
        assertThat(Path.of(jar)).as("the packaged jar").isRegularFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        BoundedProcess process = BoundedProcess.run(builder, Duration.ofMinutes(2));
        if (!process.ended()) {
            throw new AssertionError("java -jar did not end within two minutes; stderr: " + process.err());
        }
        return new Jar(process.exitValue(), process.out(), process.err());
    }
}
