package org.s3gd.data.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.s3gd.data.DatasetException;
import org.s3gd.data.SpikeTrainBuilder;
import org.s3gd.data.fmnist.IdxReader;
import org.s3gd.data.nmnist.NmnistDecoder;
import org.s3gd.data.nmnist.NmnistEncoding;
import org.s3gd.data.nmnist.NmnistReader;
import org.s3gd.data.shd.ShdEncoding;
import org.s3gd.data.shd.ShdReader;
import org.s3gd.parallel.Workers;

/**
 * The three parsers under Jazzer: no input makes them hang, exhaust memory or throw anything but a
 * {@link DatasetException}. Anything else Jazzer reports as a finding, and the build fails.
 *
 * <p>One fuzz target for all, so that one JVM (Jazzer fuzzes one target per JVM) covers them: the
 * first byte of an input picks the parser, the rest is the file. The seeds in this class's Inputs
 * folder are written by {@code make_seeds.py} beside them. Run by the {@code fuzz} execution of
 * the Maven build with {@code JAZZER_FUZZ=1}; without it (e.g. from an IDE) Jazzer only replays
 * the seeds.
 */
class ParsersFuzzTest {
    private static final NmnistEncoding NMNIST = new NmnistEncoding(1000, 300, true);
    private static final SpikeTrainBuilder BUILDER = new SpikeTrainBuilder(NMNIST.steps(), NMNIST.inputs());

    @FuzzTest(maxDuration = "20s")
    void anyInputGivesSpikesOrADatasetException(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] file = Arrays.copyOfRange(input, 1, input.length);
        try {
            switch (Byte.toUnsignedInt(input[0]) % 4) {
                case 0 -> IdxReader.read(file, "fuzz.idx", 1 + (file.length & 2));
                case 1 -> NmnistDecoder.decode(file, file.length, 0, NMNIST, BUILDER, "fuzz.bin");
                case 2 -> readZip(file);
                default -> ShdReader.read(file, "fuzz.h5", "shd/fuzz", ShdEncoding.paper());
            }
        } catch (DatasetException expected) {
            // the only failure allowed
        }
    }

    /** The N-MNIST reader opens zip files, so the input goes through a temporary one. */
    private static void readZip(byte[] bytes) {
        Path zip;
        try {
            zip = Files.createTempFile("s3gd-fuzz-", ".zip");
            Files.write(zip, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            NmnistReader.read(zip, "nmnist/fuzz", NMNIST, Workers.serial());
        } finally {
            try {
                Files.deleteIfExists(zip);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }
}
