package org.s3gd.data.nmnist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.InMemoryDataset;
import org.s3gd.data.RealData;
import org.s3gd.data.SpikeSample;
import org.s3gd.parallel.Workers;

/**
 * The real 1,000 + 100 sample subset in the official zip layout, against an independent decoding
 * in Python ({@code nmnist_small_reference.py} beside the reference table).
 */
class NmnistRealDataTest {
    /** One row of the reference table. */
    record Reference(int label, int events, int spikes, long keySum, int polarSpikes) {
    }

    private static Map<String, Reference> reference;
    private static Path folder;

    @BeforeAll
    static void readReference() throws Exception {
        folder = RealData.nmnistSmall();
        reference = new HashMap<>();
        try (InputStream in = NmnistRealDataTest.class.getResourceAsStream("nmnist-small-reference.csv");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.readLine();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] f = line.split(",");
                reference.put(f[1], new Reference(Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), Long.parseLong(f[5]), Integer.parseInt(f[6])));
            }
        }
    }

    @Test
    void everyTrainingSampleMatchesTheIndependentDecoding() {
        Path zip = folder.resolve("Train.zip");
        InMemoryDataset train;
        try (Workers workers = new Workers(2)) {
            train = NmnistReader.read(zip, "nmnist/train", NmnistEncoding.paper(), workers);
        }
        assertThat(train.size()).isEqualTo(1000);
        int[] labels = new int[10];
        try (NmnistArchive archive = NmnistArchive.open(zip)) {
            for (int i = 0; i < train.size(); i++) {
                Reference r = reference.get(archive.name(i));
                SpikeSample s = train.sample(i);
                assertThat(s.label()).as(archive.name(i)).isEqualTo(r.label());
                assertThat(archive.read(i).length / 5).as(archive.name(i)).isEqualTo(r.events());
                assertThat(s.spikeCount()).as(archive.name(i)).isEqualTo(r.spikes());
                assertThat(keySum(s, 1156)).as(archive.name(i)).isEqualTo(r.keySum());
                labels[s.label()]++;
            }
        }
        assertThat(labels).containsExactly(97, 116, 99, 93, 105, 92, 94, 117, 87, 100);
    }

    @Test
    void theTestSplitWithPolarityKeptMatchesTooWithItsLabelCounts() {
        InMemoryDataset test = NmnistReader.read(folder.resolve("Test.zip"), "nmnist/test",
            new NmnistEncoding(1000, 300, true), Workers.serial());
        assertThat(test.size()).isEqualTo(100);
        assertThat(test.inputs()).isEqualTo(2312);
        int[] labels = new int[10];
        try (NmnistArchive archive = NmnistArchive.open(folder.resolve("Test.zip"))) {
            for (int i = 0; i < test.size(); i++) {
                assertThat(test.sample(i).spikeCount()).isEqualTo(reference.get(archive.name(i)).polarSpikes());
                labels[test.label(i)]++;
            }
        }
        assertThat(labels).containsExactly(8, 14, 8, 11, 14, 7, 10, 15, 2, 11);
    }

    @Test
    void anExtractedFolderReadsTheSameAsItsZip(@TempDir Path dir) throws Exception {
        extract(folder.resolve("Test.zip"), dir);
        InMemoryDataset fromZip = NmnistReader.read(folder.resolve("Test.zip"), "z", NmnistEncoding.paper(), Workers.serial());
        InMemoryDataset fromFolder = NmnistReader.read(dir.resolve("Test"), "f", NmnistEncoding.paper(), Workers.serial());
        assertThat(fromFolder.size()).isEqualTo(fromZip.size());
        for (int i = 0; i < fromZip.size(); i++) {
            assertThat(fromFolder.sample(i)).isEqualTo(fromZip.sample(i));
        }
    }

    @Test
    void theFullTrainingSetFitsAFourGibHeap() {
        InMemoryDataset train = NmnistReader.read(folder.resolve("Train.zip"), "t", NmnistEncoding.paper(), Workers.serial());
        long bytes = 0;
        for (int i = 0; i < train.size(); i++) {
            bytes += train.sample(i).payloadBytes() + 64;
        }
        long projected = bytes * 60_000 / train.size();
        assertThat(projected).as("bytes for 60,000 samples, extrapolated").isLessThan(1L << 30);
    }

    private static long keySum(SpikeSample s, int inputs) {
        long sum = 0;
        for (int t = 0; t < s.steps(); t++) {
            for (int k = s.stepStart(t); k < s.stepStart(t + 1); k++) {
                sum += (long) t * inputs + s.unitAt(k);
            }
        }
        return sum;
    }

    private static void extract(Path zip, Path into) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                assertThat(target.startsWith(into)).isTrue();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }
}
