package org.s3gd.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small random data sets for tests. */
final class TestDatasets {
    private TestDatasets() {
    }

    /** {@code size} samples where sample {@code i} has label {@code i % classes} and random spikes. */
    static InMemoryDataset random(int size, int inputs, int steps, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SpikeTrainBuilder builder = new SpikeTrainBuilder(steps, inputs);
        List<SpikeSample> samples = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            builder.reset();
            int spikes = random.nextInt(inputs * steps / 4 + 1);
            for (int k = 0; k < spikes; k++) {
                builder.add(random.nextInt(inputs), random.nextInt(steps));
            }
            samples.add(builder.build(i % classes));
        }
        return new InMemoryDataset("random", inputs, steps, classes, samples);
    }
}
