package org.s3gd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3gd.tensor.EventBatch;

class BatchesTest {
    private final InMemoryDataset data = TestDatasets.random(23, 7, 5, 3, 42);

    @Test
    void everySampleAppearsOnceAndTheLastPartialBatchIsKept() {
        Batches batches = Batches.shuffled(data, 5, 1);
        EventBatch x = batches.newEventBatch();
        int[] labels = new int[5];
        assertThat(batches.count()).isEqualTo(5);
        List<Integer> seen = new ArrayList<>();
        int total = 0;
        for (int k = 0; k < batches.count(); k++) {
            int n = batches.fill(k, x, labels);
            assertThat(x.batchSize()).isEqualTo(n);
            for (int b = 0; b < n; b++) {
                seen.add(batches.sampleAt(k * 5 + b));
            }
            total += n;
        }
        assertThat(total).isEqualTo(23);
        assertThat(batches.sizeOf(4)).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().hasSize(23);
    }

    @Test
    void filledBatchHoldsTheSamplesSpikesAndLabels() {
        Batches batches = Batches.inOrder(data, 4);
        EventBatch x = batches.newEventBatch();
        int[] labels = new int[4];
        batches.fill(2, x, labels);
        for (int b = 0; b < 4; b++) {
            SpikeSample s = data.sample(8 + b);
            assertThat(labels[b]).isEqualTo(s.label());
            assertThat(x.count(b)).isEqualTo(s.spikeCount());
            for (int t = 0; t < data.steps(); t++) {
                assertThat(x.offsets(b)[t]).isEqualTo(s.stepStart(t));
            }
            for (int k = 0; k < s.spikeCount(); k++) {
                assertThat(x.unit(b)[k]).isEqualTo(s.unitAt(k));
            }
        }
    }

    @Test
    void batchesFilledByThreeThreadsEqualTheOnesFilledByOne() {
        Batches batches = Batches.shuffled(data, 5, 7);
        EventBatch serial = batches.newEventBatch();
        EventBatch threaded = batches.newEventBatch();
        int[] serialLabels = new int[5];
        int[] threadedLabels = new int[5];
        try (org.s3gd.parallel.Workers three = new org.s3gd.parallel.Workers(3)) {
            for (int k = 0; k < batches.count(); k++) {
                int n = batches.fill(k, serial, serialLabels);
                assertThat(batches.fill(k, threaded, threadedLabels, three)).isEqualTo(n);
                assertThat(threadedLabels).containsExactly(serialLabels);
                for (int b = 0; b < n; b++) {
                    assertThat(threaded.count(b)).isEqualTo(serial.count(b));
                    assertThat(java.util.Arrays.copyOf(threaded.unit(b), threaded.count(b)))
                        .containsExactly(java.util.Arrays.copyOf(serial.unit(b), serial.count(b)));
                    assertThat(threaded.offsets(b)).containsExactly(serial.offsets(b));
                }
            }
        }
    }

    @Test
    void sameSeedAndEpochGiveTheSameOrderAndEpochsDiffer() {
        Batches a = Batches.shuffled(data, 5, 99);
        Batches b = Batches.shuffled(data, 5, 99);
        a.startEpoch(3);
        b.startEpoch(1);
        b.startEpoch(3);
        int[] orderA = new int[23];
        int[] orderB = new int[23];
        for (int i = 0; i < 23; i++) {
            orderA[i] = a.sampleAt(i);
            orderB[i] = b.sampleAt(i);
        }
        assertThat(orderA).isEqualTo(orderB);
        a.startEpoch(4);
        int[] next = new int[23];
        for (int i = 0; i < 23; i++) {
            next[i] = a.sampleAt(i);
        }
        assertThat(next).isNotEqualTo(orderA);
    }

    @Test
    void droppingTheLastBatchIsOnlyOnRequest() {
        assertThat(new Batches(data, 5, true, 0, Batches.LastBatch.DROP).count()).isEqualTo(4);
        assertThat(Batches.inOrder(data, 5).count()).isEqualTo(5);
        assertThat(Batches.inOrder(data, 23).count()).isEqualTo(1);
    }

    @Test
    void aFullBatchAfterAPartialOneRestoresTheBatchSize() {
        Batches batches = Batches.inOrder(data, 5);
        EventBatch x = batches.newEventBatch();
        int[] labels = new int[5];
        batches.fill(4, x, labels);
        assertThat(x.batchSize()).isEqualTo(3);
        batches.fill(0, x, labels);
        assertThat(x.batchSize()).isEqualTo(5);
    }

    @Test
    void aBufferOfTheWrongShapeIsRefused() {
        Batches batches = Batches.inOrder(data, 5);
        assertThatThrownBy(() -> batches.fill(0, new EventBatch(5, 6, 7, false), new int[5]))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("6 steps x 7 units");
    }
}
