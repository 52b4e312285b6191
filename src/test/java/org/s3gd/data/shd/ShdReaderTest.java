package org.s3gd.data.shd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetException;
import org.s3gd.data.InMemoryDataset;
import org.s3gd.data.SpikeSample;

/** Fixtures written by h5py with make_fixtures.py, which lists the samples asserted here. */
class ShdReaderTest {
    static Path fixture(String name) {
        try {
            return Path.of(ShdReaderTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InMemoryDataset read(String name) {
        return ShdReader.read(fixture(name), "shd/test", ShdEncoding.paper());
    }

    @Test
    void theOfficialLayoutIsReadAndBinnedToTwoMillisecondSteps() {
        InMemoryDataset d = read("shd_small.h5");
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.inputs()).isEqualTo(700);
        assertThat(d.classes()).isEqualTo(20);
        assertThat(d.steps()).isEqualTo(500);

        SpikeSample first = d.sample(0);
        assertThat(first.label()).isZero();
        assertThat(first.spikeCount()).isEqualTo(3);
        assertThat(first.spikes(0, 0)).isTrue();
        assertThat(first.spikes(699, 2)).as("4.9 ms rounds to step 2").isTrue();
        assertThat(first.spikes(10, 3)).as("5.0 ms (float16 5.001 ms) rounds up to step 3").isTrue();
    }

    @Test
    void spikesInOneBinCountOnceAndSpikesAfterTheLastStepAreDropped() {
        SpikeSample s = read("shd_small.h5").sample(1);
        assertThat(s.label()).isEqualTo(19);
        assertThat(s.spikeCount()).isEqualTo(2);
        assertThat(s.spikes(5, 5)).isTrue();
        assertThat(s.spikes(6, 499)).isTrue();
    }

    @Test
    void emptySamplesAreKept() {
        InMemoryDataset d = read("shd_small.h5");
        assertThat(d.sample(2).spikeCount()).isZero();
        assertThat(d.label(2)).isEqualTo(7);
        assertThat(d.sample(3).spikes(200, 250)).isTrue();
    }

    @Test
    void otherNumericTypesAndCompressedChunksReadTheSame() {
        InMemoryDataset official = read("shd_small.h5");
        InMemoryDataset other = read("shd_small_float32_chunked.h5");
        assertThat(other.size()).isEqualTo(official.size());
        for (int i = 1; i < official.size(); i++) {
            assertThat(other.sample(i)).isEqualTo(official.sample(i));
        }
        // 5 ms is a half step: float16 stores 5.001 ms (step 3), float32 4.99999989 ms (step 2).
        assertThat(other.sample(0).spikes(10, 2)).isTrue();
        assertThat(other.label(0)).isZero();
    }

    @Test
    void aUnitIdOutOfRangeNamesFileSampleAndSpike() {
        assertThatThrownBy(() -> read("shd_bad_unit.h5"))
            .isInstanceOf(DatasetException.class)
            .hasMessageEndingWith("shd_bad_unit.h5: sample 1: spike 1: unit id 700 out of range [0, 700)");
    }

    @Test
    void negativeAndNanTimesAreRefused() {
        assertThatThrownBy(() -> read("shd_bad_negative_time.h5"))
            .hasMessageMatching(".*shd_bad_negative_time.h5: sample 0: spike 1: time -0.00100[0-9]* s; expected a finite time >= 0");
        assertThatThrownBy(() -> read("shd_bad_nan_time.h5"))
            .hasMessageEndingWith("shd_bad_nan_time.h5: sample 1: spike 1: time NaN s; expected a finite time >= 0");
    }

    @Test
    void aLabelOutOfRangeIsRefused() {
        assertThatThrownBy(() -> read("shd_bad_label.h5"))
            .hasMessageEndingWith("shd_bad_label.h5: sample 1: label 20 out of range [0, 20)");
    }

    @Test
    void timesAndUnitsOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> read("shd_bad_length.h5"))
            .hasMessageEndingWith("shd_bad_length.h5: sample 0: 3 spike times but 2 unit ids; expected one unit id per spike time");
    }

    @Test
    void differentSampleCountsAreRefused() {
        assertThatThrownBy(() -> read("shd_bad_count.h5"))
            .hasMessageEndingWith("shd_bad_count.h5: /spikes/times has 3 samples, /spikes/units 3, /labels 2; "
                + "expected the same number in all three");
    }

    @Test
    void aMissingDatasetIsNamed() {
        assertThatThrownBy(() -> read("shd_bad_missing_units.h5"))
            .hasMessageEndingWith("shd_bad_missing_units.h5: no dataset /spikes/units; expected the official SHD layout "
                + "(/spikes/times, /spikes/units, /labels)");
        assertThatThrownBy(() -> read("shd_bad_missing_labels.h5"))
            .hasMessageContaining("shd_bad_missing_labels.h5: no dataset /labels");
    }

    @Test
    void fixedLengthSpikeArraysAreNotTheOfficialLayout() {
        assertThatThrownBy(() -> read("shd_bad_units_not_ragged.h5"))
            .hasMessageEndingWith("shd_bad_units_not_ragged.h5: /spikes/times has shape [2, 3] of fixed-length values; "
                + "expected one variable-length array per sample");
    }

    @Test
    void truncatedAndForeignFilesAreClearErrors(@TempDir Path dir) throws Exception {
        // Cuts inside the spike data; the file's last 2 KB hold only /extra, which the loader does not read.
        byte[] bytes;
        try (InputStream in = ShdReaderTest.class.getResourceAsStream("shd_small.h5")) {
            bytes = in.readAllBytes();
        }
        for (int cut : new int[] {0, 7, 100, 1000, 4000, 8000}) {
            Path truncated = Files.write(dir.resolve("cut" + cut + ".h5"), Arrays.copyOf(bytes, cut));
            assertThatThrownBy(() -> ShdReader.read(truncated, "t", ShdEncoding.paper()))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(truncated.toString() + ": ");
        }
        Path text = Files.writeString(dir.resolve("notes.h5"), "these are not spikes\n".repeat(100));
        assertThatThrownBy(() -> ShdReader.read(text, "t", ShdEncoding.paper()))
            .isInstanceOf(DatasetException.class)
            .hasMessageStartingWith(text + ": not a readable HDF5 file");
        assertThatThrownBy(() -> ShdReader.read(dir.resolve("absent.h5"), "t", ShdEncoding.paper()))
            .hasMessageEndingWith("absent.h5: no such file");
    }

    @Test
    void aTruncatedFileIsReportedAsTruncatedWithTheSizesOnBothReadPaths(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(fixture("shd_small.h5"));
        for (int cut : new int[] {100, 1000, 4000, 8000, bytes.length - 1}) {
            byte[] part = Arrays.copyOf(bytes, cut);
            Path truncated = Files.write(dir.resolve("cut" + cut + ".h5"), part);
            String expected = ": truncated: its HDF5 superblock says the file is " + bytes.length + " bytes long, it has " + cut;
            assertThatThrownBy(() -> ShdReader.read(truncated, "shd/train", ShdEncoding.paper()))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith(truncated + expected);
            assertThatThrownBy(() -> ShdReader.read(part, "shd_train.h5", "shd/train", ShdEncoding.paper()))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith("shd_train.h5" + expected);
        }
        Path cutInSuperblock = Files.write(dir.resolve("cut20.h5"), Arrays.copyOf(bytes, 20));
        assertThatThrownBy(() -> ShdReader.read(cutInSuperblock, "shd/train", ShdEncoding.paper()))
            .hasMessage(cutInSuperblock + ": truncated: the file (20 bytes) ends inside its HDF5 superblock");
    }

    @Test
    void aDatasetDeclaringMoreValuesThanItsFileCanHoldIsRefusedBeforeAnythingIsAllocated() throws Exception {
        // Found by a 10-minute fuzz run: /labels declares billions of values, and jHDF allocated them (OutOfMemoryError).
        byte[] finding = Files.readAllBytes(Path.of(ShdReaderTest.class.getResource(
            "/org/s3gd/data/fuzz/ParsersFuzzTestInputs/anyInputGivesSpikesOrADatasetException/shd_huge_labels").toURI()));
        byte[] file = Arrays.copyOfRange(finding, 1, finding.length); // the first byte picks the parser

        assertThatThrownBy(() -> ShdReader.read(file, "shd_train.h5", "shd/train", ShdEncoding.paper()))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("shd_train.h5: /labels declares")
            .hasMessageContaining("more than a file of " + file.length + " bytes can hold");
    }
}
