package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./s3gd} launcher's first run, with Maven and Java replaced by stubs that record how
 * they were called: what it says while it builds, and that it does not build the tests.
 */
class LauncherScriptTest {
    @TempDir
    Path checkout;

    @BeforeEach
    void copyTheLauncherBesideStubs() throws IOException {
        Files.copy(Path.of("s3gd"), checkout.resolve("s3gd"));
        Files.createDirectories(checkout.resolve("src/main/java"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        executable(checkout.resolve("mvnw"), """
            #!/usr/bin/env bash
            echo "$@" > "$(dirname "$0")/mvnw.args"
            echo "[INFO] --- compiler:3.14.0:compile (default-compile) @ s3gd ---"
            echo "[INFO] --- shade:3.6.0:shade (default) @ s3gd ---"
            mkdir -p "$(dirname "$0")/target" && echo jar > "$(dirname "$0")/target/s3gd.jar"
            """);
        executable(checkout.resolve("jdk/bin/java"), """
            #!/usr/bin/env bash
            if [[ "$1" == -XshowSettings:properties ]]; then echo "    java.specification.version = 25" >&2; exit 0; fi
            echo "java $*"
            """);
    }

    @Test
    void theFirstRunSaysItIsBuildingAndHowLongItTakesAndDoesNotBuildTheTests() throws Exception {
        Result first = launch("--version");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).contains("s3gd: first run: building target/s3gd.jar with Maven, about 30 s",
            "the tests are not built", "compiling the sources", "adding the libraries", "s3gd: built in");
        assertThat(Files.readString(checkout.resolve("mvnw.args"))).contains("-Dmaven.test.skip=true", "package")
            .doesNotContain("-DskipTests");
        assertThat(first.out()).contains("java --add-modules jdk.incubator.vector", "--version");

        Result second = launch("--version");
        assertThat(second.err()).as("built already").doesNotContain("building");
    }

    private record Result(int code, String out, String err) {
    }

    private Result launch(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = checkout.resolve("s3gd").toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(checkout.resolve("out").toFile())
            .redirectError(checkout.resolve("err").toFile());
        builder.environment().put("JAVA_HOME", checkout.resolve("jdk").toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not end");
        }
        return new Result(process.exitValue(), Files.readString(checkout.resolve("out"), StandardCharsets.UTF_8),
            Files.readString(checkout.resolve("err"), StandardCharsets.UTF_8));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
