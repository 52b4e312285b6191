package org.s3gd.data.fmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetException;

class IdxReaderTest {
    private static final byte[] LABELS = IdxFiles.labels(3, 1, 4, 1, 5);

    @Test
    void rawAndGzipFilesGiveTheSameValuesAndContentChecksum(@TempDir Path dir) throws Exception {
        Path raw = Files.write(dir.resolve("labels"), LABELS);
        Path gz = Files.write(dir.resolve("labels.bin"), IdxFiles.gzip(LABELS));
        IdxArray a = IdxReader.read(raw, 1);
        IdxArray b = IdxReader.read(gz, 1);
        assertThat(a.dimensions()).containsExactly(5);
        assertThat(a.values()).containsExactly(3, 1, 4, 1, 5);
        assertThat(b.values()).isEqualTo(a.values());
        assertThat(b.sha256()).isEqualTo(a.sha256()).hasSize(64);
    }

    @Test
    void aWrongMagicNumberIsNamedWithItsBytes() {
        byte[] bad = LABELS.clone();
        bad[0] = 0x50;
        assertThatThrownBy(() -> IdxReader.read(bad, "labels.idx", 1))
            .isInstanceOf(DatasetException.class)
            .hasMessage("labels.idx: offset 0: not an IDX file: magic number starts 50 00, expected 00 00");
    }

    @Test
    void aValueTypeOtherThanUnsignedByteIsRefused() {
        byte[] bad = LABELS.clone();
        bad[2] = 0x0D;
        assertThatThrownBy(() -> IdxReader.read(bad, "x", 1))
            .hasMessage("x: offset 2: IDX value type 0x0d, expected 0x08 (unsigned byte)");
    }

    @Test
    void anImageFileWhereLabelsAreExpectedIsRefused() {
        byte[] images = IdxFiles.images(new byte[1][784]);
        assertThatThrownBy(() -> IdxReader.read(images, "t10k-labels", 1))
            .hasMessage("t10k-labels: offset 3: 3 dimensions, expected 1");
    }

    @Test
    void truncatedValuesAreReportedWithTheCountsExpectedAndFound() {
        byte[] cut = Arrays.copyOf(LABELS, LABELS.length - 2);
        assertThatThrownBy(() -> IdxReader.read(cut, "labels", 1))
            .hasMessage("labels: offset 11: truncated: expected 5 values after the header, found 3");
    }

    @Test
    void aFileEndingInsideTheHeaderIsTruncated() {
        assertThatThrownBy(() -> IdxReader.read(new byte[] {0, 0}, "f", 1))
            .hasMessage("f: offset 2: file ends inside the 4-byte IDX magic number");
        assertThatThrownBy(() -> IdxReader.read(Arrays.copyOf(LABELS, 6), "f", 1))
            .hasMessage("f: offset 6: file ends inside the dimension sizes");
    }

    @Test
    void hugeClaimedSizesFailWithoutAllocatingThem() {
        byte[] claim = ByteBuffer.allocate(16).putInt(0x803).putInt(3_000_000).putInt(28).putInt(28).array();
        assertThatThrownBy(() -> IdxReader.read(claim, "f", 3))
            .hasMessageContaining("dimensions multiply to more than");
        byte[] big = ByteBuffer.allocate(16).putInt(0x803).putInt(1_000_000).putInt(28).putInt(28).array();
        assertThatThrownBy(() -> IdxReader.read(big, "f", 3))
            .hasMessage("f: offset 16: truncated: expected 784000000 values after the header, found 0");
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] longer = Arrays.copyOf(LABELS, LABELS.length + 1);
        assertThatThrownBy(() -> IdxReader.read(longer, "f", 1))
            .hasMessage("f: offset 13: unexpected bytes after the 5 values the header announces");
    }

    @Test
    void corruptAndTruncatedGzipStreamsAreReportedAsSuch() {
        byte[] gz = IdxFiles.gzip(LABELS);
        byte[] cut = Arrays.copyOf(gz, gz.length - 10);
        assertThatThrownBy(() -> IdxReader.read(cut, "f.gz", 1))
            .isInstanceOf(DatasetException.class)
            .hasMessageStartingWith("f.gz: ");
        byte[] corrupt = gz.clone();
        corrupt[3] = (byte) 0xff;
        assertThatThrownBy(() -> IdxReader.read(corrupt, "f.gz", 1))
            .isInstanceOf(DatasetException.class)
            .hasMessageStartingWith("f.gz: corrupt gzip stream");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("nothing.gz"), 1))
            .isInstanceOf(DatasetException.class)
            .hasMessageEndingWith("nothing.gz: no such file");
    }
}
