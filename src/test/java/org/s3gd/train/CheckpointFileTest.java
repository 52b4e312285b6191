package org.s3gd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetSplit;

class CheckpointFileTest {
    private static Checkpoint checkpoint;

    @TempDir
    Path folder;

    @BeforeAll
    static void trainOneEpoch() {
        TrainingConfig config = TestRuns.small().withEpochs(1);
        DatasetSplit data = TestRuns.data(config);
        Checkpoint[] last = new Checkpoint[1];
        new Trainer(config, data, Provenance.now("test", "sha256:00")).train(new TrainingListener() {
            @Override
            public void epochDone(EpochSummary summary, Checkpoint saved) {
                last[0] = saved;
            }
        });
        checkpoint = last[0];
    }

    @Test
    void aCheckpointReadBackEqualsTheOneWritten() {
        Path file = folder.resolve("c.s3gd");
        checkpoint.save(file);

        Checkpoint read = Checkpoint.load(file);

        assertThat(read.config()).isEqualTo(checkpoint.config());
        assertThat(read.provenance()).isEqualTo(checkpoint.provenance());
        assertThat(read.epochsDone()).isEqualTo(1);
        assertThat(read.adamSteps()).isEqualTo(checkpoint.adamSteps()).isPositive();
        assertThat(read.testAccuracy()).isEqualTo(checkpoint.testAccuracy());
        for (int p = 0; p < checkpoint.parameters().size(); p++) {
            ParameterState expected = checkpoint.parameters().get(p);
            ParameterState actual = read.parameters().get(p);
            assertThat(actual.name()).isEqualTo(expected.name());
            assertThat(actual.value()).containsExactly(expected.value());
            assertThat(actual.firstMoment()).containsExactly(expected.firstMoment());
            assertThat(actual.secondMoment()).containsExactly(expected.secondMoment());
        }
        assertThat(folder.resolve("c.s3gd.tmp")).doesNotExist();
    }

    @Test
    void aFlippedByteIsReportedAsDamageNamingTheFile() throws IOException {
        Path file = folder.resolve("c.s3gd");
        checkpoint.save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);

        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(CheckpointException.class)
            .hasMessageStartingWith(file.toString()).hasMessageContaining("damaged");
    }

    @Test
    void aTruncatedFileIsReportedAsTruncated() throws IOException {
        Path file = folder.resolve("c.s3gd");
        checkpoint.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(CheckpointException.class).hasMessageContaining("truncated");
    }

    @Test
    void anotherFileIsNotTakenForACheckpoint() throws IOException {
        Path file = folder.resolve("notes.txt");
        Files.writeString(file, "these are not the weights you are looking for");

        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(CheckpointException.class)
            .hasMessageContaining("not an s3gd checkpoint");
    }

    @Test
    void aNewerFormatVersionIsRefusedWithBothVersions() throws IOException {
        Path file = folder.resolve("c.s3gd");
        checkpoint.save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[11] = 9;
        Files.write(file, bytes);

        assertThatThrownBy(() -> Checkpoint.load(file)).hasMessageContaining("version 9").hasMessageContaining("version 1");
    }

    @Test
    void savingReplacesTheOldCheckpointWholly() {
        Path file = folder.resolve("c.s3gd");
        checkpoint.save(file);
        checkpoint.save(file);
        assertThat(Checkpoint.load(file).parameters()).hasSize(checkpoint.parameters().size());
        assertThat(List.of(folder.toFile().list())).containsExactly("c.s3gd");
    }
}
