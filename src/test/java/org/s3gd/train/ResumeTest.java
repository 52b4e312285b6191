package org.s3gd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.s3gd.data.DataSource;
import org.s3gd.data.DatasetSplit;
import org.s3gd.model.BackwardMethod;
import org.s3gd.train.output.MetricsCsv;
import org.s3gd.train.output.RunClaim;
import org.s3gd.train.output.RunFolder;
import org.s3gd.train.output.RunSetup;

class ResumeTest {
    private static final RunSetup NO_PLOTS = new RunSetup(DataSource.generated(), null, false);

    @TempDir
    Path folder;

    /** Stands for a kill: stops the run in the middle of an epoch. */
    private static final class Interruption extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest
    @EnumSource(BackwardMethod.class)
    void aRunInterruptedMidEpochAndResumedEndsWithTheWeightsOfAnUninterruptedRun(BackwardMethod method) throws IOException {
        TrainingConfig config = TestRuns.small().withMethod(method).withEpochs(3);
        DatasetSplit data = TestRuns.data(config);
        Provenance provenance = Provenance.now("test", DatasetFingerprint.of(data));

        TrainedModel uninterrupted = new Trainer(config, data, provenance).train(new TrainingListener() { });

        Path run = folder.resolve("run");
        TrainingListener killMidSecondEpoch = new TrainingListener() {
            @Override
            public void batchDone(BatchProgress progress) {
                if (progress.epoch() == 1 && progress.batch() == progress.batches() / 2) {
                    throw new Interruption();
                }
            }
        };
        try (RunFolder writer = new RunFolder(RunClaim.newRun(run), config.network(data.inputs(), data.classes()), NO_PLOTS,
            note -> { })) {
            assertThatThrownBy(() -> new Trainer(config, data, provenance).train(TrainingListener.all(writer, killMidSecondEpoch)))
                .isInstanceOf(Interruption.class);
        }
        Checkpoint saved = Checkpoint.load(run);
        assertThat(saved.epochsDone()).as("the last finished epoch survives").isEqualTo(1);

        TrainedModel resumed;
        try (RunFolder writer = new RunFolder(RunClaim.existingRun(run), saved.networkConfig(), NO_PLOTS, note -> { })) {
            resumed = new Trainer(saved.config(), data, saved.provenance()).resume(saved, writer);
        }

        for (int p = 0; p < uninterrupted.weights().size(); p++) {
            assertThat(resumed.weights(p)).as("parameter %d", p).containsExactly(uninterrupted.weights(p));
        }
        assertThat(resumed.testAccuracy()).isEqualTo(uninterrupted.testAccuracy());
        assertThat(Checkpoint.load(run).epochsDone()).isEqualTo(3);
        List<String> epochRows = Files.readAllLines(run.resolve(MetricsCsv.EPOCHS));
        assertThat(epochRows).hasSize(1 + 3);
        assertThat(epochRows.subList(1, 4)).extracting(row -> row.substring(0, row.indexOf(','))).containsExactly("1", "2", "3");
        int trained = new Trainer(config, data, provenance).parts().train().size();
        assertThat(trained).as("a tenth is held out for validation").isLessThan(data.train().size());
        int batchesPerEpoch = (trained + config.batchSize() - 1) / config.batchSize();
        assertThat(Files.readAllLines(run.resolve(MetricsCsv.BATCHES))).as("no rows of the interrupted epoch remain twice")
            .hasSize(1 + 3 * batchesPerEpoch);
    }

    @ParameterizedTest
    @EnumSource(BackwardMethod.class)
    void sameSeedAndThreadsGiveBitIdenticalRuns(BackwardMethod method) {
        TrainingConfig config = TestRuns.small().withMethod(method).withEpochs(1);
        DatasetSplit data = TestRuns.data(config);
        Provenance provenance = Provenance.now("test", "none");
        TrainedModel first = new Trainer(config, data, provenance).train(new TrainingListener() { });
        TrainedModel second = new Trainer(config, data, provenance).train(new TrainingListener() { });
        TrainedModel otherSeed = new Trainer(config.withSeed(2), data, provenance).train(new TrainingListener() { });
        assertThat(second.weights(0)).containsExactly(first.weights(0));
        assertThat(otherSeed.weights(0)).isNotEqualTo(first.weights(0));
    }
}
