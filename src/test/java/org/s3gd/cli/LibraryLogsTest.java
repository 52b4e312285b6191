package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reaches the terminal from the libraries s3gd uses (jHDF logs through SLF4J). */
class LibraryLogsTest {
    @TempDir
    Path directory;

    @Test
    void anShdCommandPrintsNoLoggingNoiseByDefault() throws Exception {
        RecordedSetupTest.shdFolder(directory.resolve("shd"));

        CliProcess verify = CliProcess.start(directory, "data", "verify", "shd", "--data-dir", ".", "--cache-dir", "cache");

        assertThat(verify.waitFor()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("shd: ok").doesNotContain("HdfFile", "INFO");
        assertThat(verify.err()).isEmpty();
    }

    @Test
    void theUserCanTurnTheLibrariesLogsOn() throws Exception {
        RecordedSetupTest.shdFolder(directory.resolve("shd"));

        CliProcess verify = CliProcess.start(directory, List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
            "data", "verify", "shd", "--data-dir", ".", "--cache-dir", "cache");

        assertThat(verify.waitFor()).as(verify.err()).isZero();
        assertThat(verify.err()).contains("DEBUG HdfFile").doesNotContain("SLF4J(W)");
        assertThat(verify.out()).as("logs go to stderr, the results to stdout").doesNotContain("HdfFile");
    }
}
