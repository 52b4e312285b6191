package org.s3gd.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.s3gd.data.Batches;
import org.s3gd.data.DatasetSplit;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/** A trained model predicts an EventBatch without labels: the classes evaluation finds, with probabilities. */
class PredictionsTest {
    @Test
    void aModelPredictsABatchWithoutLabelsAsEvaluationDoesWithThem() {
        TrainingConfig config = TestRuns.small().withEpochs(1);
        DatasetSplit data = TestRuns.data(config);
        TrainedModel model = new Trainer(config, data, Provenance.now("test", "sha256:00")).train(new TrainingListener() { });
        Batches batches = Batches.inOrder(data.test(), data.test().size());
        EventBatch batch = batches.newEventBatch();
        batches.fill(0, batch, new int[data.test().size()]);

        try (Workers workers = new Workers(2)) {
            Predictions predictions = model.predict(batch, workers);
            Evaluation evaluation = Evaluation.of(model, data.test(), 7, workers);

            assertThat(predictions.classes()).containsExactly(evaluation.predictions());
            assertThat(predictions.samples()).hasSize(data.test().size()).startsWith("0", "1");
            for (int b = 0; b < predictions.classes().length; b++) {
                double[] p = predictions.probabilities()[b];
                assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
                int best = 0;
                for (int o = 1; o < p.length; o++) {
                    best = p[o] > p[best] ? o : best;
                }
                assertThat(best).as("the most probable class is the predicted one").isEqualTo(predictions.classes()[b]);
            }
            assertThat(predictions.csv().lines().findFirst().orElseThrow()).startsWith("sample,predicted,p_0,p_1");
        }
    }
}
