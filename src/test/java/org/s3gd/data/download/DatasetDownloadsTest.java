package org.s3gd.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetException;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.RealData;
import org.s3gd.data.fmnist.FashionMnist;
import org.s3gd.data.fmnist.FashionMnistFile;
import org.s3gd.data.fmnist.LatencyEncoding;
import org.s3gd.data.shd.ShdReader;
import org.s3gd.data.shd.ShdEncoding;

class DatasetDownloadsTest {
    @TempDir
    Path dir;

    private FixtureServer server;
    private final DatasetDownloads downloads = new DatasetDownloads(Downloader.standard(null));

    @BeforeEach
    void start() throws Exception {
        server = new FixtureServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void officialSourcesAreTheAuthorsAddressesOverHttps() {
        assertThat(OfficialSources.files(DatasetId.FASHION_MNIST)).extracting(RemoteFile::fileName)
            .containsExactly("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        assertThat(OfficialSources.files(DatasetId.NMNIST)).extracting(f -> f.url().getHost()).containsOnly("data.mendeley.com");
        assertThat(OfficialSources.files(DatasetId.SHD)).extracting(f -> f.url().toString())
            .containsExactly("https://zenkelab.org/datasets/shd_train.h5.gz", "https://zenkelab.org/datasets/shd_test.h5.gz");
        for (DatasetId id : DatasetId.values()) {
            assertThat(OfficialSources.files(id)).allSatisfy(f -> assertThat(f.url().getScheme()).isEqualTo("https"));
        }
        assertThat(OfficialSources.files(DatasetId.SYNTHETIC)).isEmpty();
    }

    @Test
    void fashionMnistFromAMirrorIsCheckedByContentAndLoads() throws Exception {
        Path installed = RealData.fashionMnist();
        for (FashionMnistFile f : FashionMnistFile.values()) {
            server.serve(f.gzipName(), Files.readAllBytes(installed.resolve(f.gzipName())));
        }
        List<Path> saved = downloads.download(DatasetId.FASHION_MNIST, dir.resolve("fashion-mnist"), server.base());
        assertThat(saved).hasSize(4);
        DatasetSplit split = FashionMnist.load(dir.resolve("fashion-mnist"), LatencyEncoding.paper(1, 100), true);
        assertThat(split.test().size()).isEqualTo(10_000);
    }

    @Test
    void fashionMnistFilesWithOtherContentAreRejected() throws Exception {
        for (FashionMnistFile f : FashionMnistFile.values()) {
            server.serve(f.gzipName(), gzip(new byte[] {0, 0, 8, 1, 0, 0, 0, 0}));
        }
        assertThatThrownBy(() -> downloads.download(DatasetId.FASHION_MNIST, dir, server.base()))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("decompressed content SHA-256")
            .hasMessageContaining("differs from the expected c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888");
        assertThat(dir.resolve("train-images-idx3-ubyte.gz")).doesNotExist();
    }

    @Test
    void shdIsCheckedAgainstThePublishersMd5ListAndDecompressedBesideIt() throws Exception {
        byte[] h5 = Files.readAllBytes(Path.of(getClass().getResource("/org/s3gd/data/shd/shd_small.h5").toURI()));
        byte[] gz = gzip(h5);
        server.serve("shd_train.h5.gz", gz).serve("shd_test.h5.gz", gz)
            .serve("md5sums.txt", (md5(gz) + "  shd_train.h5.gz\n" + md5(gz) + "  shd_test.h5.gz\n").getBytes());
        // The fixture is not the official test file, whose decompressed MD5 s3gd knows: that check must fail.
        assertThatThrownBy(() -> downloads.download(DatasetId.SHD, dir, server.base()))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("shd_test.h5: decompressed file fails its check")
            .hasMessageContaining("differs from the expected 207ad1295a0ab611e22d1734989c254e (the official shd_test.h5)");
        assertThat(ShdReader.read(dir.resolve("shd_train.h5"), "shd/train", ShdEncoding.paper()).size()).isEqualTo(4);
        assertThat(dir.resolve("shd_test.h5")).doesNotExist();
        assertThat(server.requests).contains("md5sums.txt", "shd_train.h5.gz", "shd_test.h5.gz");
    }

    @Test
    void shdFilesThatDoNotMatchThePublishedMd5AreRejected() throws Exception {
        byte[] gz = gzip(new byte[100]);
        server.serve("shd_train.h5.gz", gz).serve("md5sums.txt", "0123456789abcdef0123456789abcdef  shd_train.h5.gz\n".getBytes());
        assertThatThrownBy(() -> downloads.download(DatasetId.SHD, dir, server.base()))
            .hasMessageContaining("differs from the expected 0123456789abcdef0123456789abcdef (md5sums.txt of the publisher)");
        assertThat(dir.resolve("shd_train.h5.gz")).doesNotExist();
    }

    @Test
    void nmnistZipsOtherThanTheOfficialOnesAreRejected() throws Exception {
        Path small = RealData.nmnistSmall();
        server.serve("Train.zip", Files.readAllBytes(small.resolve("Train.zip")));
        assertThatThrownBy(() -> downloads.download(DatasetId.NMNIST, dir, server.base()))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("differs from the expected 20959b8e626244a1b502305a9e6e2031");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void withoutANetworkTheMessageNamesTheOfficialAddressAndTheTargetFile() {
        server.close();
        assertThatThrownBy(() -> downloads.download(DatasetId.NMNIST, dir.resolve("nmnist"), server.base()))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("download https://data.mendeley.com/public-files/datasets/468j46mzdv/files/"
                + "39c25547-014b-4137-a934-9d29fa53c7a0/file_downloaded by hand and save it as " + dir.resolve("nmnist/Train.zip"));
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
