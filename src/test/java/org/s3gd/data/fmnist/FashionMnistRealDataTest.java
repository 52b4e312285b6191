package org.s3gd.data.fmnist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.RealData;
import org.s3gd.data.SpikeDataset;
import org.s3gd.data.SpikeSample;

/** The installed official files (Debian's dataset-fashion-mnist); skipped when absent. */
class FashionMnistRealDataTest {
    private static DatasetSplit split;
    private static long loadMillis;

    @BeforeAll
    static void load() {
        long start = System.nanoTime();
        split = FashionMnist.load(RealData.fashionMnist(), LatencyEncoding.paper(1.0, 100), true);
        loadMillis = (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void theOfficialSplitsHave60000And10000BalancedSamples() {
        assertThat(split.train().size()).isEqualTo(60_000);
        assertThat(split.test().size()).isEqualTo(10_000);
        assertThat(labelCounts(split.train())).containsOnly(6_000);
        assertThat(labelCounts(split.test())).containsOnly(1_000);
    }

    @Test
    void knownPixelsOfTheFirstTrainingImageFireAtTheirLatency() {
        // Independent reference: Python/numpy on the decompressed file (pixel 100 = 73, pixel 417 = 255).
        SpikeSample first = split.train().sample(0);
        assertThat(first.label()).isEqualTo(9);
        assertThat(first.spikes(100, 23)).isTrue();
        assertThat(first.spikes(417, 4)).isTrue();
        assertThat(first.spikes(99, 13)).as("pixel 99 = 13 is below threshold").isFalse();
        assertThat(first.spikeCount()).isEqualTo(390);
        assertThat(first.spikesAt(4)).isEqualTo(43);
        assertThat(first.spikesAt(5)).isEqualTo(210);
        assertThat(split.train().sample(1).spikeCount()).isEqualTo(430);
        assertThat(split.train().sample(2).spikeCount()).isEqualTo(293);
    }

    @Test
    void totalSpikeCountsMatchAnIndependentEncoding() {
        assertThat(totalSpikes(split.train())).isEqualTo(19_841_634L);
        assertThat(totalSpikes(split.test())).isEqualTo(3_331_412L);
    }

    @Test
    void loadingAndVerifyingBothSplitsTakesSeconds() {
        assertThat(loadMillis).isLessThan(15_000);
    }

    private static int[] labelCounts(SpikeDataset d) {
        int[] counts = new int[d.classes()];
        for (int i = 0; i < d.size(); i++) {
            counts[d.label(i)]++;
        }
        return counts;
    }

    private static long totalSpikes(SpikeDataset d) {
        long total = 0;
        for (int i = 0; i < d.size(); i++) {
            total += d.sample(i).spikeCount();
        }
        return total;
    }
}
