package org.s3gd.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.s3gd.io.AtomicFile;

/**
 * A folder of binned data sets in a compact binary form, so that a data set whose source is slow to
 * decode (N-MNIST: 60,000 small files in a zip) loads fast the second time.
 *
 * <p>Each entry is identified by its source path and binning ({@code identity}) and stamped with a
 * fingerprint of the source ({@code version}: sizes and modification times). An entry whose
 * stamp differs, or that is damaged (checked by CRC-32), is stale: {@link #read} ignores it and the
 * caller rebuilds and {@link #write}s it again, replacing it with {@link AtomicFile}.
 *
 * <p>Layout (big-endian): magic {@code S3GDSPK1}; identity, version and name (each an int byte count and UTF-8); inputs,
 * steps, classes, sample count (ints); per sample its label (int), its spike count (int), the
 * spikes per step (T unsigned varints) and the unit ids (unsigned 16-bit); then the CRC-32 of all
 * of the above (int).
 */
public final class SpikeCache {
    private static final byte[] MAGIC = "S3GDSPK1".getBytes(StandardCharsets.US_ASCII);

    private final Path folder;

    public SpikeCache(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The file that holds the entry for {@code identity}, e.g. {@code nmnist-<hash>.spikes}. */
    public Path fileFor(String prefix, String identity) {
        return folder.resolve(prefix + "-" + sha256(identity).substring(0, 16) + ".spikes");
    }

    /** The cached data set, if the entry exists, is intact and was made from the same source version. */
    public Optional<InMemoryDataset> read(String prefix, String identity, String version) {
        Path file = fileFor(prefix, identity);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < MAGIC.length + 4 || size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return parse(map.order(ByteOrder.BIG_ENDIAN), identity, version);
        } catch (IOException | RuntimeException e) {
            // damaged or foreign: the caller rebuilds it
            return Optional.empty();
        }
    }

    private static Optional<InMemoryDataset> parse(ByteBuffer buffer, String identity, String version) {
        int crcAt = buffer.limit() - 4;
        CRC32 crc = new CRC32();
        crc.update(buffer.duplicate().limit(crcAt));
        if ((int) crc.getValue() != buffer.getInt(crcAt)) {
            return Optional.empty();
        }
        buffer.limit(crcAt);
        byte[] magic = new byte[MAGIC.length];
        buffer.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC) || !identity.equals(utf(buffer)) || !version.equals(utf(buffer))) {
            return Optional.empty();
        }
        String name = utf(buffer);
        int inputs = buffer.getInt();
        int steps = buffer.getInt();
        int classes = buffer.getInt();
        int count = buffer.getInt();
        if (inputs < 1 || inputs > SpikeSample.MAX_UNITS || steps < 1 || classes < 1 || count < 0) {
            return Optional.empty();
        }
        List<SpikeSample> samples = new ArrayList<>(Math.min(count, buffer.remaining()));
        for (int i = 0; i < count; i++) {
            int label = buffer.getInt();
            int spikes = buffer.getInt();
            if (spikes < 0 || spikes > buffer.remaining() / 2) {
                return Optional.empty();
            }
            int[] stepStart = new int[steps + 1];
            for (int t = 0; t < steps; t++) {
                stepStart[t + 1] = stepStart[t] + varint(buffer);
            }
            if (stepStart[steps] != spikes) {
                return Optional.empty();
            }
            short[] units = new short[spikes];
            buffer.asShortBuffer().get(units);
            buffer.position(buffer.position() + 2 * spikes);
            samples.add(new SpikeSample(label, stepStart, units));
        }
        if (buffer.hasRemaining()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InMemoryDataset(name, inputs, steps, classes, samples));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Stores {@code dataset} as the entry for {@code identity} at {@code version}, atomically: a
     * reader sees the old entry or the new one, never half of one.
     *
     * @throws DatasetException if the cache folder cannot be written
     */
    public Path write(String prefix, String identity, String version, InMemoryDataset dataset) {
        Path file = fileFor(prefix, identity);
        try {
            AtomicFile.write(file, raw -> {
                CRC32 crc = new CRC32();
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
                writeBody(out, identity, version, dataset);
                out.flush();
                new DataOutputStream(raw).writeInt((int) crc.getValue());
            });
            return file;
        } catch (IOException e) {
            throw DatasetException.in(file, "cannot write the cache entry: " + AtomicFile.reason(e)
                + "; choose a writable cache folder");
        }
    }

    private static void writeBody(DataOutputStream out, String identity, String version, InMemoryDataset d) throws IOException {
        out.write(MAGIC);
        writeText(out, identity);
        writeText(out, version);
        writeText(out, d.name());
        out.writeInt(d.inputs());
        out.writeInt(d.steps());
        out.writeInt(d.classes());
        out.writeInt(d.size());
        byte[] unitBytes = new byte[0];
        for (int i = 0; i < d.size(); i++) {
            SpikeSample s = d.sample(i);
            out.writeInt(s.label());
            out.writeInt(s.spikeCount());
            for (int t = 0; t < s.steps(); t++) {
                writeVarint(out, s.spikesAt(t));
            }
            if (unitBytes.length < 2 * s.spikeCount()) {
                unitBytes = new byte[2 * s.spikeCount()];
            }
            ByteBuffer.wrap(unitBytes).asShortBuffer().put(s.unitArray());
            out.write(unitBytes, 0, 2 * s.spikeCount());
        }
    }

    private static void writeVarint(DataOutputStream out, int value) throws IOException {
        while ((value & ~0x7f) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    private static int varint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.get() & 0xff;
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalStateException("negative count");
                }
                return value;
            }
        }
        throw new IllegalStateException("varint too long");
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String utf(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalStateException("text length " + length + " beyond the file");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
