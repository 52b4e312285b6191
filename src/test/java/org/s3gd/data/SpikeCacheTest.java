package org.s3gd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikeCacheTest {
    @TempDir
    Path dir;

    private final InMemoryDataset data = TestDatasets.random(40, 300, 20, 4, 7);

    @Test
    void aWrittenEntryReadsBackEqual() {
        SpikeCache cache = new SpikeCache(dir.resolve("cache"));
        cache.write("x", "source A", "v1", data);
        InMemoryDataset back = cache.read("x", "source A", "v1").orElseThrow();
        assertThat(back.name()).isEqualTo(data.name());
        assertThat(back.size()).isEqualTo(40);
        assertThat(back.inputs()).isEqualTo(300);
        assertThat(back.steps()).isEqualTo(20);
        assertThat(back.classes()).isEqualTo(4);
        for (int i = 0; i < data.size(); i++) {
            assertThat(back.sample(i)).isEqualTo(data.sample(i));
        }
    }

    @Test
    void anEntryOfAnotherSourceVersionIsStale() {
        SpikeCache cache = new SpikeCache(dir);
        cache.write("x", "source A", "v1", data);
        assertThat(cache.read("x", "source A", "v2")).isEmpty();
        assertThat(cache.read("x", "source B", "v1")).isEmpty();
        cache.write("x", "source A", "v2", data);
        assertThat(cache.read("x", "source A", "v2")).isPresent();
        assertThat(cache.read("x", "source A", "v1")).as("replaced in place").isEmpty();
    }

    @Test
    void aDamagedOrTruncatedEntryIsIgnored() throws Exception {
        SpikeCache cache = new SpikeCache(dir);
        Path file = cache.write("x", "s", "v", data);
        byte[] bytes = Files.readAllBytes(file);
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        Files.write(file, flipped);
        assertThat(cache.read("x", "s", "v")).isEmpty();
        for (int cut : new int[] {0, 3, 11, bytes.length / 2, bytes.length - 1}) {
            Files.write(file, Arrays.copyOf(bytes, cut));
            assertThat(cache.read("x", "s", "v")).isEmpty();
        }
        Files.write(file, bytes);
        assertThat(cache.read("x", "s", "v")).isPresent();
    }

    @Test
    void nothingButTheEntryIsLeftInTheCacheFolder() throws Exception {
        SpikeCache cache = new SpikeCache(dir);
        cache.write("x", "s", "v", data);
        cache.write("x", "s", "w", data);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().matches("x-[0-9a-f]{16}\\.spikes");
        }
    }

    @Test
    void anUnwritableCacheFolderIsAClearError() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        SpikeCache cache = new SpikeCache(notAFolder);
        assertThatThrownBy(() -> cache.write("x", "s", "v", data))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("cannot write the cache entry");
        Optional<InMemoryDataset> none = cache.read("x", "s", "v");
        assertThat(none).isEmpty();
    }
}
