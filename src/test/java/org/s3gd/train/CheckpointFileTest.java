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

        assertThatThrownBy(() -> Checkpoint.load(file)).hasMessageContaining("version 9").hasMessageContaining("versions 1 and 2");
    }

    @Test
    void aCheckpointOfTheFirstFormatStillLoadsAndEvaluatesAsItDid() throws IOException {
        // Written by s3gd before layer stacks (format version 1); see resources/org/s3gd/train/README.md.
        Path file = folder.resolve("v1.s3gd");
        try (var in = CheckpointFileTest.class.getResourceAsStream("/org/s3gd/train/format-v1.s3gd")) {
            Files.copy(in, file);
        }
        Checkpoint old = Checkpoint.load(file);
        assertThat(old.config().layers()).containsExactly(StackLayer.lif(48, org.s3gd.model.BackwardMethod.SPARSE),
            StackLayer.lif(24, org.s3gd.model.BackwardMethod.SPARSE));
        assertThat(old.parameters()).extracting(ParameterState::name).containsExactly("W1", "W2", "Wout");
        assertThat(old.epochsDone()).isEqualTo(4);
        assertThat(old.testAccuracy()).isEqualTo(0.446);

        TrainedModel model = old.model();
        try (var workers = new org.s3gd.parallel.Workers(2)) {
            DatasetSplit data = org.s3gd.data.Datasets.load(model.config().dataset(), null, model.config().datasetOptions(),
                workers);
            Evaluation evaluation = Evaluation.of(model, data.test(), 256, workers);
            // The s3gd that wrote it evaluated 223 of 500 correct, cross-entropy 2.0625.
            assertThat(evaluation.confusion().correct()).isBetween(221L, 225L);
            assertThat(evaluation.loss()).isCloseTo(2.0625, org.assertj.core.data.Offset.offset(1e-3));
        }
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
