package org.s3gd.train;

import java.util.List;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;

/** Small, fast training configurations for tests. */
final class TestRuns {
    private TestRuns() {
    }

    /** The synthetic task with a reduced training set and a small two-layer network, two threads. */
    static TrainingConfig small() {
        TrainingConfig preset = TrainingConfig.preset(org.s3gd.data.DatasetId.SYNTHETIC);
        var task = preset.synthetic();
        return preset.withSynthetic(task.withSize(task.inputs(), 50, task.classes(), 40, 10))
            .withHidden(List.of(48, 32)).withBatchSize(32).withThreads(2);
    }

    static DatasetSplit data(TrainingConfig config) {
        return Datasets.load(config.dataset(), null, config.datasetOptions(), null);
    }
}
