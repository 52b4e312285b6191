package org.s3gd.data.nmnist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.InMemoryDataset;
import org.s3gd.data.RealData;
import org.s3gd.data.SpikeCache;
import org.s3gd.parallel.Workers;

class NmnistCacheTest {
    @TempDir
    Path dir;

    @Test
    void theSecondLoadComesFromTheCacheFasterAndEqual() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.copy(RealData.nmnistSmall().resolve("Train.zip"), data.resolve("Train.zip"));
        Files.copy(RealData.nmnistSmall().resolve("Test.zip"), data.resolve("Test.zip"));
        SpikeCache cache = new SpikeCache(dir.resolve("cache"));

        long start = System.nanoTime();
        DatasetSplit first = Nmnist.load(data, NmnistEncoding.paper(), cache, Workers.serial());
        long decode = System.nanoTime() - start;
        start = System.nanoTime();
        DatasetSplit second = Nmnist.load(data, NmnistEncoding.paper(), cache, Workers.serial());
        long cached = System.nanoTime() - start;

        assertThat(second.train().size()).isEqualTo(1000);
        for (int i = 0; i < first.train().size(); i++) {
            assertThat(second.train().sample(i)).isEqualTo(first.train().sample(i));
        }
        assertThat(cached).isLessThan(decode / 2);
        try (var files = Files.list(dir.resolve("cache"))) {
            assertThat(files.count()).as("one entry per split").isEqualTo(2);
        }
    }

    @Test
    void aChangedSourceMakesTheCacheStale() throws Exception {
        SpikeCache cache = new SpikeCache(dir.resolve("cache"));
        Path zip = NmnistZips.zip(dir.resolve("Test.zip"),
            Map.of("Test/1/00001.bin", NmnistZips.events(NmnistZips.event(1, 0, 0, 0))));
        InMemoryDataset before = Nmnist.loadSplit(zip, "t", NmnistEncoding.paper(), cache, Workers.serial());
        assertThat(before.sample(0).spikes(1, 0)).isTrue();

        NmnistZips.zip(zip, Map.of("Test/1/00001.bin", NmnistZips.events(NmnistZips.event(2, 0, 0, 0))));
        Files.setLastModifiedTime(zip, FileTime.fromMillis(Files.getLastModifiedTime(zip).toMillis() + 5_000));
        InMemoryDataset after = Nmnist.loadSplit(zip, "t", NmnistEncoding.paper(), cache, Workers.serial());
        assertThat(after.sample(0).spikes(2, 0)).isTrue();
        assertThat(after.sample(0).spikes(1, 0)).isFalse();
    }

    @Test
    void anotherBinningIsAnotherCacheEntry() throws Exception {
        SpikeCache cache = new SpikeCache(dir.resolve("cache"));
        Path zip = NmnistZips.zip(dir.resolve("Test.zip"),
            Map.of("Test/1/00001.bin", NmnistZips.events(NmnistZips.event(1, 0, 1, 3_000))));
        InMemoryDataset merged = Nmnist.loadSplit(zip, "t", NmnistEncoding.paper(), cache, Workers.serial());
        InMemoryDataset polar = Nmnist.loadSplit(zip, "t", new NmnistEncoding(2000, 300, true), cache, Workers.serial());
        assertThat(merged.sample(0).spikes(1, 3)).isTrue();
        assertThat(polar.inputs()).isEqualTo(2312);
        assertThat(polar.sample(0).spikes(1157, 2)).isTrue();
    }
}
