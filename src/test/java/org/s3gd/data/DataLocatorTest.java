package org.s3gd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
    @TempDir
    Path root;

    private Path fmnistIn(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte.gz"}) {
            Files.writeString(dir.resolve(name), "x");
        }
        return dir;
    }

    @Test
    void theDataDirWinsThenTheSystemFolderThenTheUserFolder() throws Exception {
        Path system = fmnistIn(root.resolve("usr/share/datasets/fashion-mnist"));
        Path user = fmnistIn(root.resolve("home/.local/share/s3gd/fashion-mnist"));
        Path given = fmnistIn(root.resolve("data/fashion-mnist"));
        DataLocator withDir = new DataLocator(root.resolve("data"), system, root.resolve("home/.local/share/s3gd"), root.resolve("c"));
        DataLocator without = new DataLocator(null, system, root.resolve("home/.local/share/s3gd"), root.resolve("c"));
        DataLocator userOnly = new DataLocator(null, root.resolve("nowhere"), root.resolve("home/.local/share/s3gd"), root.resolve("c"));

        assertThat(withDir.require(DatasetId.FASHION_MNIST)).isEqualTo(given);
        assertThat(withDir.find(DatasetId.FASHION_MNIST).orElseThrow().origin()).isEqualTo(DataLocator.Origin.DATA_DIR);
        assertThat(without.find(DatasetId.FASHION_MNIST).orElseThrow().origin()).isEqualTo(DataLocator.Origin.SYSTEM);
        assertThat(without.require(DatasetId.FASHION_MNIST)).isEqualTo(system);
        assertThat(userOnly.require(DatasetId.FASHION_MNIST)).isEqualTo(user);
    }

    @Test
    void filesDirectlyInTheDataDirAreFoundToo() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Files.writeString(data.resolve("Train.zip"), "x");
        Files.createDirectories(data.resolve("Test"));
        DataLocator locator = new DataLocator(data, null, root.resolve("user"), root.resolve("c"));
        assertThat(locator.require(DatasetId.NMNIST)).isEqualTo(data);
        assertThat(locator.candidates(DatasetId.NMNIST)).extracting(DataLocator.Candidate::present).containsExactly(false, true);
    }

    @Test
    void theSystemFolderIsOnlyForFashionMnist() throws Exception {
        Path system = Files.createDirectories(root.resolve("sys"));
        Files.writeString(system.resolve("shd_train.h5"), "x");
        Files.writeString(system.resolve("shd_test.h5.gz"), "x");
        DataLocator locator = new DataLocator(null, system, root.resolve("user"), root.resolve("c"));
        assertThat(locator.find(DatasetId.SHD)).isEmpty();
    }

    @Test
    void anIncompleteDataDirIsAnErrorNamingWhatItLacksNeverAFallBackToAnotherFolder() throws Exception {
        Path system = fmnistIn(root.resolve("sys"));
        Path data = fmnistIn(root.resolve("data"));
        Files.delete(data.resolve("t10k-labels-idx1-ubyte.gz"));
        DataLocator locator = new DataLocator(data, system, root.resolve("user"), root.resolve("c"));

        assertThatThrownBy(() -> locator.locate(DatasetId.FASHION_MNIST))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("fashion-mnist: not in --data-dir " + data)
            .hasMessageContaining(data.resolve("fashion-mnist") + " does not exist")
            .hasMessageContaining(data + " lacks t10k-labels-idx1-ubyte.gz")
            .hasMessageNotContaining(system.toString());
        assertThat(locator.candidates(DatasetId.FASHION_MNIST)).extracting(DataLocator.Candidate::directory)
            .containsExactly(data.resolve("fashion-mnist"), data);
        assertThat(locator.withStandardPlaces().locate(DatasetId.FASHION_MNIST).folder()).as("the benchmarks' search")
            .isEqualTo(system.toAbsolutePath());
    }

    @Test
    void aLoadNamesTheFolderAndTheFilesItReads() throws Exception {
        Path data = fmnistIn(root.resolve("data/fashion-mnist"));
        DataSource source = new DataLocator(root.resolve("data"), null, root.resolve("user"), root.resolve("c"))
            .locate(DatasetId.FASHION_MNIST);

        assertThat(source.folder()).isEqualTo(data.toAbsolutePath());
        assertThat(source.files()).containsExactly(data.resolve("train-images-idx3-ubyte.gz"), data.resolve("train-labels-idx1-ubyte.gz"),
            data.resolve("t10k-images-idx3-ubyte"), data.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThat(source.describe()).isEqualTo(data.toAbsolutePath() + " (--data-dir): train-images-idx3-ubyte.gz, "
            + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte.gz");
    }

    @Test
    void aMissingDataSetInADataDirSaysWhereToPutIt() {
        DataLocator locator = new DataLocator(root.resolve("data"), root.resolve("sys"), root.resolve("user"), root.resolve("c"));
        assertThatThrownBy(() -> locator.require(DatasetId.SHD))
            .hasMessageContaining(root.resolve("data/shd") + " does not exist")
            .hasMessageContaining("Put shd_train.h5 and shd_test.h5 (or their .h5.gz) in " + root.resolve("data/shd"))
            .hasMessageContaining("leave out --data-dir");
    }

    @Test
    void aMissingDataSetSaysWhereItLookedAndWhatToPutWhere() {
        DataLocator locator = new DataLocator(null, root.resolve("sys"), root.resolve("user"), root.resolve("c"));
        assertThatThrownBy(() -> locator.require(DatasetId.FASHION_MNIST))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("fashion-mnist: not found. Looked in:")
            .hasMessageContaining(root.resolve("sys") + " (system package)")
            .hasMessageContaining(root.resolve("user/fashion-mnist") + " (user data directory)")
            .hasMessageContaining("Put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz")
            .hasMessageContaining("in " + root.resolve("user/fashion-mnist"))
            .hasMessageContaining("apt-get install dataset-fashion-mnist");
        assertThatThrownBy(() -> locator.require(DatasetId.SHD))
            .hasMessageContaining("shd_train.h5 and shd_test.h5 (or their .h5.gz)")
            .hasMessageContaining("s3gd data download shd");
    }

    @Test
    void theDescriptionSaysWhereEachDataSetIsOrWhereItWasSought() throws Exception {
        Path system = fmnistIn(root.resolve("sys"));
        DataLocator locator = new DataLocator(null, system, root.resolve("user"), root.resolve("cache"));
        assertThat(locator.describe()).containsExactly(
            "synthetic     built in (generated from a seed, no files)",
            "fashion-mnist " + system + " (system package)",
            "nmnist        not found; looked in " + root.resolve("user/nmnist"),
            "shd           not found; looked in " + root.resolve("user/shd"),
            "cache         " + root.resolve("cache"));
    }

    @Test
    void userFoldersFollowTheXdgVariables() {
        assertThat(DataLocator.userDataDir(Map.of("XDG_DATA_HOME", "/x/data"), "/home/u")).isEqualTo(Path.of("/x/data/s3gd"));
        assertThat(DataLocator.userDataDir(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.local/share/s3gd"));
        assertThat(DataLocator.userCacheDir(Map.of("XDG_CACHE_HOME", "/x/cache"), "/home/u")).isEqualTo(Path.of("/x/cache/s3gd"));
        assertThat(DataLocator.userCacheDir(Map.of("XDG_CACHE_HOME", " "), "/home/u")).isEqualTo(Path.of("/home/u/.cache/s3gd"));
    }

    @Test
    void dataSetsAreNamedAsOnTheCommandLine() {
        assertThat(DatasetId.byName("fashion-mnist")).isEqualTo(DatasetId.FASHION_MNIST);
        assertThat(DatasetId.byName("SHD")).isEqualTo(DatasetId.SHD);
        assertThatThrownBy(() -> DatasetId.byName("cifar"))
            .hasMessage("unknown data set 'cifar'; expected one of synthetic, fashion-mnist, nmnist, shd");
    }
}
