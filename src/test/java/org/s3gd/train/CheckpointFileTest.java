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
        assertThat(read.trainAccuracy()).isEqualTo(checkpoint.trainAccuracy()).isBetween(0.0, 1.0);
        assertThat(read.validationAccuracy()).isEqualTo(checkpoint.validationAccuracy()).isBetween(0.0, 1.0);
        assertThat(read.testAccuracy()).isEqualTo(checkpoint.testAccuracy());
        assertThat(read.bestAccuracy()).isEqualTo(checkpoint.validationAccuracy());
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
    void everySettingOfTheConfigurationSurvivesTheFile() {
        TrainingConfig unusual = checkpoint.config().withSurrogateScale(37.5f).withValidation(0.25).withDtMillis(0.5)
            .withTauMemMillis(7.25).withInitializer(org.s3gd.model.Initializer.UNIFORM).withInitFrom("models/start.nir")
            .withRegularizer(new org.s3gd.model.RegularizerParameters(0.5f, 3f, 7f, 0.01f));
        Checkpoint changed = new Checkpoint(unusual, checkpoint.provenance(), checkpoint.inputs(), checkpoint.classes(),
            checkpoint.epochsDone(), checkpoint.adamSteps(), checkpoint.trainAccuracy(), Double.NaN, checkpoint.testAccuracy(),
            checkpoint.trainAccuracy(), checkpoint.parameters());
        Path file = folder.resolve("c.s3gd");
        changed.save(file);

        Checkpoint read = Checkpoint.load(file);

        assertThat(read.config()).isEqualTo(unusual);
        assertThat(read.validationAccuracy()).isNaN();
        assertThat(read.chosenAccuracy()).as("without a validation set, the training accuracy").isEqualTo(read.trainAccuracy());
    }

    @Test
    void bestIsChosenOnValidationAccuracyNeverOnTestAccuracy() throws IOException {
        Path run = folder.resolve("run");
        try (var writer = new org.s3gd.train.output.RunFolder(org.s3gd.train.output.RunClaim.newRun(run),
            checkpoint.networkConfig(), new org.s3gd.train.output.RunSetup(org.s3gd.data.DataSource.generated(), null, false),
            note -> { })) {
            writer.started(checkpoint.config(), checkpoint.provenance(), 0, 1);
            double[][] epochs = {{0.50, 0.60, 0.30}, {0.70, 0.50, 0.90}, {0.80, 0.55, 0.95}}; // train, validation, test
            double best = Double.NEGATIVE_INFINITY;
            for (int e = 0; e < epochs.length; e++) {
                double[] a = epochs[e];
                best = Math.max(best, Checkpoint.chosen(a[0], a[1]));
                Checkpoint c = new Checkpoint(checkpoint.config(), checkpoint.provenance(), checkpoint.inputs(),
                    checkpoint.classes(), e + 1, checkpoint.adamSteps(), a[0], a[1], a[2], best, checkpoint.parameters());
                writer.epochDone(new EpochSummary(e, 3, 1, a[0], 1, a[1], 1, a[2], new double[2], 1, 1, 1, 1), c);
            }
        }
        assertThat(Checkpoint.load(run.resolve(Checkpoint.BEST)).epochsDone()).as("the epoch of the best validation accuracy")
            .isEqualTo(1);
        assertThat(Checkpoint.load(run).epochsDone()).isEqualTo(3);
    }

    @Test
    void formatVersionThreeIsNotReadHere() throws IOException {
        Path file = folder.resolve("c.s3gd");
        checkpoint.save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[11] = 3;
        Files.write(file, bytes);

        assertThatThrownBy(() -> Checkpoint.load(file)).hasMessageStartingWith(file.toString()).hasMessageContaining("version 3");
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

        assertThatThrownBy(() -> Checkpoint.load(file)).hasMessageContaining("version 9").hasMessageContaining("versions 1, 2 and 4");
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
        assertThat(old.config().validation()).as("runs of format 1 held no validation set out").isZero();
        assertThat(old.config().surrogateScale()).isEqualTo(100f);

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
    void aCheckpointOfTheSecondFormatStillLoadsEvaluatesAsItDidAndResumes() throws IOException {
        // Written by s3gd before configurations were stored as JSON (format version 2); see resources/org/s3gd/train/README.md.
        Path file = folder.resolve("v2.s3gd");
        try (var in = CheckpointFileTest.class.getResourceAsStream("/org/s3gd/train/format-v2.s3gd")) {
            Files.copy(in, file);
        }
        Checkpoint old = Checkpoint.load(file);
        assertThat(old.config().layers()).containsExactly(StackLayer.rlif(24, org.s3gd.model.BackwardMethod.SPARSE),
            StackLayer.lif(16, org.s3gd.model.BackwardMethod.DENSE));
        assertThat(old.parameters()).extracting(ParameterState::name).containsExactly("W1", "V1", "W2", "Wout");
        assertThat(old.config().validation()).isZero();
        assertThat(old.config().regularizer()).isEqualTo(org.s3gd.model.RegularizerParameters.paper(1f));
        assertThat(old.testAccuracy()).isEqualTo(0.138);

        TrainedModel model = old.model();
        try (var workers = new org.s3gd.parallel.Workers(2)) {
            DatasetSplit data = org.s3gd.data.Datasets.load(model.config().dataset(), null, model.config().datasetOptions(),
                workers);
            Evaluation evaluation = Evaluation.of(model, data.test(), 256, workers);
            assertThat(evaluation.confusion().correct()).isBetween(67L, 71L);
            assertThat(evaluation.loss()).isCloseTo(2.2967, org.assertj.core.data.Offset.offset(1e-3));
            TrainedModel resumed = new Trainer(old.config().withEpochs(3), data, old.provenance()).resume(old,
                new TrainingListener() { });
            assertThat(resumed.epochs()).isEqualTo(3);
            assertThat(resumed.weights(0)).isNotEqualTo(model.weights(0));
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
