package org.s3gd.data.nmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.s3gd.data.nmnist.NmnistZips.event;
import static org.s3gd.data.nmnist.NmnistZips.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetException;
import org.s3gd.data.InMemoryDataset;
import org.s3gd.data.SpikeSample;
import org.s3gd.parallel.Workers;

class NmnistReaderTest {
    @TempDir
    Path dir;

    private InMemoryDataset read(Map<String, byte[]> entries, NmnistEncoding encoding) throws Exception {
        return NmnistReader.read(NmnistZips.zip(dir.resolve("Train.zip"), entries), "nmnist/train", encoding, Workers.serial());
    }

    @Test
    void eventsAreBinnedByRoundedTimeAndMergedOverPolarity() throws Exception {
        byte[] sample = events(
            event(3, 2, 0, 0),          // step 0, unit 2*34+3 = 71
            event(3, 2, 1, 499),        // step 0 again, ON: merged into the same spike
            event(33, 33, 1, 1_500),    // 1.5 ms rounds up to step 2, unit 1155
            event(0, 0, 0, 299_499),    // step 299
            event(0, 0, 0, 299_500),    // step 300 >= T: dropped
            event(5, 0, 1, 0x7fffff));  // largest timestamp: dropped
        InMemoryDataset d = read(Map.of("Train/4/00001.bin", sample), NmnistEncoding.paper());
        SpikeSample s = d.sample(0);
        assertThat(s.label()).isEqualTo(4);
        assertThat(d.inputs()).isEqualTo(1156);
        assertThat(s.spikeCount()).isEqualTo(3);
        assertThat(s.spikes(71, 0)).isTrue();
        assertThat(s.spikes(1155, 2)).isTrue();
        assertThat(s.spikes(0, 299)).isTrue();
    }

    @Test
    void keepingPolarityDoublesTheInputsAndSeparatesOnFromOff() throws Exception {
        byte[] sample = events(event(3, 2, 0, 0), event(3, 2, 1, 0));
        InMemoryDataset d = read(Map.of("Train/4/00001.bin", sample), new NmnistEncoding(1000, 300, true));
        assertThat(d.inputs()).isEqualTo(2312);
        assertThat(d.sample(0).spikes(71, 0)).isTrue();
        assertThat(d.sample(0).spikes(1156 + 71, 0)).isTrue();
    }

    @Test
    void samplesAreOrderedByEntryNameAndLabelledByFolder() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("Train/9/00002.bin", events(event(0, 0, 0, 0)));
        entries.put("Train/1/00003.bin", events());
        entries.put("Train/", new byte[0]);
        entries.put("Train/README.txt", new byte[] {1, 2, 3});
        InMemoryDataset d = read(entries, NmnistEncoding.paper());
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.label(0)).isEqualTo(1);
        assertThat(d.label(1)).isEqualTo(9);
    }

    @Test
    void aPartialEventNamesTheSampleAndOffset() throws Exception {
        byte[] partial = Arrays.copyOf(events(event(1, 1, 0, 10), event(1, 1, 0, 20)), 8);
        assertThatThrownBy(() -> read(Map.of("Train/2/00007.bin", partial), NmnistEncoding.paper()))
            .isInstanceOf(DatasetException.class)
            .hasMessageEndingWith("Train.zip: sample 0 ('Train/2/00007.bin'): offset 5: truncated: "
                + "8 bytes is not a whole number of 5-byte events (3 bytes left over)");
    }

    @Test
    void coordinatesOffTheSensorAreRefusedWithTheEvent() throws Exception {
        byte[] bad = events(event(1, 1, 0, 10), event(34, 2, 0, 20));
        assertThatThrownBy(() -> read(Map.of("Train/2/00007.bin", bad), NmnistEncoding.paper()))
            .hasMessageEndingWith("sample 0 ('Train/2/00007.bin'): offset 5: event 1: coordinates (34, 2) out of range [0, 34) x [0, 34)");
    }

    @Test
    void entriesThatLeaveTheArchiveAreRefused() throws Exception {
        assertThatThrownBy(() -> read(Map.of("Train/../../evil/1/x.bin", events()), NmnistEncoding.paper()))
            .isInstanceOf(DatasetException.class)
            .hasMessageEndingWith("Train.zip: entry 'Train/../../evil/1/x.bin': path leaves the archive; expected <split>/<label>/<id>.bin");
        assertThatThrownBy(() -> read(Map.of("/abs/1/x.bin", events()), NmnistEncoding.paper()))
            .hasMessageContaining("entry '/abs/1/x.bin': path leaves the archive");
        assertThat(Files.exists(dir.getParent().resolve("evil"))).isFalse();
    }

    @Test
    void aFolderThatIsNotALabelIsRefused() throws Exception {
        assertThatThrownBy(() -> read(Map.of("Train/cat/00001.bin", events()), NmnistEncoding.paper()))
            .hasMessageEndingWith("entry 'Train/cat/00001.bin': folder 'cat' is not a label 0…9; expected <split>/<label>/<id>.bin");
    }

    @Test
    void aTruncatedZipAndAnEmptyOneAreClearErrors() throws Exception {
        Path zip = NmnistZips.zip(dir.resolve("Test.zip"), Map.of("Test/1/00001.bin", events(event(1, 1, 0, 1))));
        byte[] bytes = Files.readAllBytes(zip);
        Path cut = Files.write(dir.resolve("Cut.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> NmnistReader.read(cut, "t", NmnistEncoding.paper(), Workers.serial()))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("Cut.zip: not a readable zip file");
        Path empty = NmnistZips.zip(dir.resolve("Empty.zip"), Map.of("Test/", new byte[0]));
        assertThatThrownBy(() -> NmnistReader.read(empty, "t", NmnistEncoding.paper(), Workers.serial()))
            .hasMessageEndingWith("Empty.zip: no <split>/<label>/<id>.bin sample files inside");
        assertThatThrownBy(() -> NmnistReader.read(dir.resolve("Nope.zip"), "t", NmnistEncoding.paper(), Workers.serial()))
            .hasMessageEndingWith("Nope.zip: no such file or folder");
    }

    @Test
    void corruptCompressedDataInAnEntryIsAClearError() throws Exception {
        byte[] content = new byte[5000];
        for (int k = 0; k < 1000; k++) {
            System.arraycopy(event(k % 34, (k / 34) % 34, k & 1, k * 97), 0, content, 5 * k, 5);
        }
        Path zip = NmnistZips.zip(dir.resolve("Train.zip"), Map.of("Train/3/00001.bin", content));
        byte[] bytes = Files.readAllBytes(zip);
        for (int o = 60; o < 200; o++) {
            bytes[o] ^= (byte) 0x5a;
        }
        Path bad = Files.write(dir.resolve("Bad.zip"), bytes);
        assertThatThrownBy(() -> NmnistReader.read(bad, "t", NmnistEncoding.paper(), Workers.serial()))
            .isInstanceOf(DatasetException.class)
            .hasMessageStartingWith(bad.toString());
    }
}
