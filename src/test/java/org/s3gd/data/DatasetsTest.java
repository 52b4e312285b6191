package org.s3gd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.parallel.Workers;

class DatasetsTest {
    @TempDir
    Path root;

    @Test
    void theSyntheticTaskNeedsNoFiles() {
        DataLocator nowhere = new DataLocator(null, null, root.resolve("user"), root.resolve("cache"));
        DatasetSplit split = Datasets.load(DatasetId.SYNTHETIC, nowhere, DatasetOptions.paper(DatasetId.SYNTHETIC), Workers.serial());
        assertThat(split.train().size()).isEqualTo(2000);
        assertThat(split.classes()).isEqualTo(10);
        assertThat(root.resolve("cache")).doesNotExist();
    }

    @Test
    void compressedShdFilesAreDecompressedIntoTheCacheOnlyAndOnce() throws Exception {
        Path data = Files.createDirectories(root.resolve("data/shd"));
        Path fixture = Path.of(DatasetsTest.class.getResource("shd/shd_small.h5").toURI());
        gzip(fixture, data.resolve("shd_train.h5.gz"));
        gzip(fixture, data.resolve("shd_test.h5.gz"));
        DataLocator locator = new DataLocator(root.resolve("data"), null, root.resolve("user"), root.resolve("cache"));

        DatasetSplit split = Datasets.load(DatasetId.SHD, locator, DatasetOptions.paper(DatasetId.SHD), Workers.serial());
        assertThat(split.train().size()).isEqualTo(4);
        assertThat(split.test().sample(1).label()).isEqualTo(19);
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("shd_train.h5.gz", "shd_test.h5.gz");
        }
        Path decompressed;
        try (var files = Files.list(root.resolve("cache/shd"))) {
            decompressed = files.filter(p -> p.getFileName().toString().startsWith("shd_train-")).findFirst().orElseThrow();
        }
        long stamp = Files.getLastModifiedTime(decompressed).toMillis();
        Datasets.load(DatasetId.SHD, locator, DatasetOptions.paper(DatasetId.SHD), Workers.serial());
        assertThat(Files.getLastModifiedTime(decompressed).toMillis()).isEqualTo(stamp);
    }

    @Test
    void aReplacedCompressedFileIsDecompressedAgainEvenWithAnOlderTimeStamp() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path small = Path.of(DatasetsTest.class.getResource("shd/shd_small.h5").toURI());
        Path other = Path.of(DatasetsTest.class.getResource("shd/shd_bad_label.h5").toURI());
        gzip(small, data.resolve("shd_train.h5.gz"));
        gzip(small, data.resolve("shd_test.h5.gz"));
        DataLocator locator = new DataLocator(data, null, root.resolve("user"), root.resolve("cache"));
        assertThat(Datasets.load(DatasetId.SHD, locator, DatasetOptions.paper(DatasetId.SHD), Workers.serial()).train().size()).isEqualTo(4);

        FileTime before = Files.getLastModifiedTime(data.resolve("shd_train.h5.gz"));
        gzip(other, data.resolve("shd_train.h5.gz"));
        Files.setLastModifiedTime(data.resolve("shd_train.h5.gz"), FileTime.fromMillis(before.toMillis() - 60_000));
        assertThatThrownBy(() -> Datasets.load(DatasetId.SHD, locator, DatasetOptions.paper(DatasetId.SHD), Workers.serial()))
            .hasMessageContaining("sample 1: label 20 out of range [0, 20)");
        try (var files = Files.list(root.resolve("cache/shd"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("shd_train-")))
                .as("the old copy is gone, and the new one, which does not read, is not kept").isEmpty();
        }
    }

    @Test
    void aGzipHoldingGarbageIsReportedUnderTheUsersFileAndItsCopyIsDroppedFromTheCache() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path fixture = Path.of(DatasetsTest.class.getResource("shd/shd_small.h5").toURI());
        Path garbage = Files.writeString(root.resolve("garbage"), "not HDF5 at all\n".repeat(1000));
        gzip(garbage, data.resolve("shd_train.h5.gz"));
        Files.copy(fixture, data.resolve("shd_test.h5"));
        DataLocator locator = new DataLocator(data, null, root.resolve("user"), root.resolve("cache"));

        assertThatThrownBy(() -> Datasets.load(DatasetId.SHD, locator, DatasetOptions.paper(DatasetId.SHD), Workers.serial()))
            .isInstanceOf(DatasetException.class)
            .hasMessageStartingWith(data.resolve("shd_train.h5.gz") + " (decompressed): not a readable HDF5 file")
            .hasMessageNotContaining(root.resolve("cache").toString());
        try (var files = Files.list(root.resolve("cache/shd"))) {
            assertThat(files).as("no bad copy left in the cache").isEmpty();
        }
    }

    @Test
    void aTruncatedGzipIsAClearErrorAndLeavesNoPartialFile() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path fixture = Path.of(DatasetsTest.class.getResource("shd/shd_small.h5").toURI());
        gzip(fixture, data.resolve("shd_train.h5.gz"));
        byte[] gz = Files.readAllBytes(data.resolve("shd_train.h5.gz"));
        Files.write(data.resolve("shd_train.h5.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        Files.copy(fixture, data.resolve("shd_test.h5"));
        DataLocator locator = new DataLocator(data, null, root.resolve("user"), root.resolve("cache"));
        assertThatThrownBy(() -> Datasets.load(DatasetId.SHD, locator, DatasetOptions.paper(DatasetId.SHD), Workers.serial()))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("shd_train.h5.gz: corrupt or truncated gzip file");
        try (var files = Files.list(root.resolve("cache/shd"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void nmnistLoadsThroughTheLocatorWithItsCacheInTheCacheFolder() throws Exception {
        Path data = RealData.nmnistSmall();
        DataLocator locator = new DataLocator(data, null, root.resolve("user"), root.resolve("cache"));
        DatasetSplit split = Datasets.load(DatasetId.NMNIST, locator, DatasetOptions.paper(DatasetId.NMNIST), Workers.serial());
        assertThat(split.train().size()).isEqualTo(1000);
        assertThat(split.test().size()).isEqualTo(100);
        assertThat(split.inputs()).isEqualTo(1156);
        assertThat(split.steps()).isEqualTo(300);
        try (var files = Files.list(root.resolve("cache"))) {
            assertThat(files.count()).isEqualTo(2);
        }
    }

    private static void gzip(Path from, Path to) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            Files.copy(from, out);
        }
    }
}
