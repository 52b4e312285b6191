package org.s3gd.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetException;

class DownloaderTest {
    @TempDir
    Path dir;

    private FixtureServer server;
    private final Downloader downloader = Downloader.standard(null);
    private final byte[] content = new byte[200_000];

    @BeforeEach
    void start() throws Exception {
        new SplittableRandom(5).nextBytes(content);
        server = new FixtureServer().serve("Train.zip", content);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteFile file(String expectedMd5) {
        return new RemoteFile(server.base().resolve("Train.zip"), "Train.zip",
            Optional.of(Checksum.ofFile("MD5", expectedMd5, "test")));
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void aVerifiedFileArrivesUnderItsNameAndNothingElseIsLeft() throws Exception {
        Path saved = downloader.fetch(file(md5(content)), URI.create("https://example.org/Train.zip"), dir.resolve("nmnist"));
        assertThat(saved).isEqualTo(dir.resolve("nmnist/Train.zip"));
        assertThat(Files.readAllBytes(saved)).isEqualTo(content);
        try (var files = Files.list(dir.resolve("nmnist"))) {
            assertThat(files).containsExactly(saved);
        }
    }

    @Test
    void anInterruptedTransferResumesWithARangeRequest() throws Exception {
        server.cutOnce("Train.zip", 70_000);
        RemoteFile file = file(md5(content));
        assertThatThrownBy(() -> downloader.fetch(file, file.url(), dir))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("transfer failed")
            .hasMessageContaining(" bytes kept in " + dir.resolve("Train.zip.part") + " to resume from");
        assertThat(dir.resolve("Train.zip")).doesNotExist();
        long kept = Files.size(dir.resolve("Train.zip.part"));
        assertThat(kept).isBetween(1L, 70_000L);

        downloader.fetch(file, file.url(), dir);
        assertThat(Files.readAllBytes(dir.resolve("Train.zip"))).isEqualTo(content);
        assertThat(server.requests).containsExactly("Train.zip", "Train.zip bytes=" + kept + "-");
        assertThat(dir.resolve("Train.zip.part")).doesNotExist();
    }

    @Test
    void aServerWithoutRangesMakesTheTransferStartOver() throws Exception {
        server.withoutRanges().cutOnce("Train.zip", 50_000);
        RemoteFile file = file(md5(content));
        assertThatThrownBy(() -> downloader.fetch(file, file.url(), dir)).isInstanceOf(DatasetException.class);
        downloader.fetch(file, file.url(), dir);
        assertThat(Files.readAllBytes(dir.resolve("Train.zip"))).isEqualTo(content);
    }

    @Test
    void aFileThatFailsItsChecksumIsNotKept() {
        RemoteFile file = file("00000000000000000000000000000000");
        assertThatThrownBy(() -> downloader.fetch(file, file.url(), dir))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("downloaded file fails its check")
            .hasMessageContaining("differs from the expected 00000000000000000000000000000000 (test)");
        assertThat(dir.resolve("Train.zip")).doesNotExist();
        assertThat(dir.resolve("Train.zip.part")).doesNotExist();
    }

    @Test
    void aFilePresentAndValidIsNotFetchedAgain() throws Exception {
        Files.write(dir.resolve("Train.zip"), content);
        downloader.fetch(file(md5(content)), URI.create("https://example.org/x"), dir);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aMissingFileOnTheServerIsAnHttpError() {
        RemoteFile file = new RemoteFile(server.base().resolve("nothing.zip"), "nothing.zip", Optional.empty());
        assertThatThrownBy(() -> downloader.fetch(file, URI.create("https://example.org/nothing.zip"), dir))
            .hasMessageContaining("nothing.zip: HTTP status 404, expected 200.");
    }

    @Test
    void withoutANetworkTheMessageSaysWhereToPutTheFileByHand() throws Exception {
        server.close();
        RemoteFile file = file(md5(content));
        URI official = URI.create("https://data.example.org/Train.zip");
        assertThatThrownBy(() -> downloader.fetch(file, official, dir.resolve("nmnist")))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("transfer failed")
            .hasMessageEndingWith("Without network access, download https://data.example.org/Train.zip by hand and save it as "
                + dir.resolve("nmnist/Train.zip") + ".");
    }
}
