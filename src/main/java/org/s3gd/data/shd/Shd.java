package org.s3gd.data.shd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.s3gd.data.DatasetException;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.GzipFiles;
import org.s3gd.data.InMemoryDataset;
import org.s3gd.data.SpikeCache;
import org.s3gd.io.AtomicFile;

/**
 * The Spiking Heidelberg Digits from a folder holding {@code shd_train.h5} and {@code shd_test.h5},
 * or the compressed {@code .h5.gz} files as published. HDF5 needs random access, so a compressed
 * file is first decompressed once into the cache folder (never next to the user's files).
 */
public final class Shd {
    public static final String TRAIN = "shd_train.h5";
    public static final String TEST = "shd_test.h5";

    private Shd() {
    }

    /** @param cache where to decompress {@code .h5.gz} files; may be null when they are not compressed */
    public static DatasetSplit load(Path directory, ShdEncoding encoding, SpikeCache cache) {
        return new DatasetSplit(read(directory, TRAIN, "shd/train", encoding, cache), read(directory, TEST, "shd/test", encoding, cache));
    }

    /**
     * One split. A decompressed copy is named after the user's {@code .gz} in messages, and a copy
     * that does not read is removed from the cache, so the next attempt decompresses anew.
     */
    private static InMemoryDataset read(Path directory, String file, String name, ShdEncoding encoding, SpikeCache cache) {
        Path source = source(directory, file);
        Path readable = locate(directory, file, cache);
        if (readable.equals(source)) {
            return ShdReader.read(readable, name, encoding);
        }
        try {
            return ShdReader.read(readable, source + " (decompressed)", name, encoding);
        } catch (DatasetException e) {
            try {
                Files.deleteIfExists(readable);
            } catch (IOException ignored) {
                // the copy's name carries the .gz's size and time: a replaced .gz never reuses it
            }
            throw e;
        }
    }

    /** The files {@code directory} lacks of the two (each compressed or not). */
    public static List<String> missing(Path directory) {
        List<String> missing = new ArrayList<>();
        for (String name : new String[] {TRAIN, TEST}) {
            if (!Files.isRegularFile(directory.resolve(name)) && !Files.isRegularFile(directory.resolve(name + ".gz"))) {
                missing.add(name + "(.gz)");
            }
        }
        return missing;
    }

    /** The user's file for {@code name} in {@code directory}: the {@code .h5} if there, else its {@code .h5.gz}. */
    public static Path source(Path directory, String name) {
        Path plain = directory.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = directory.resolve(name + ".gz");
        if (!Files.isRegularFile(gz)) {
            throw DatasetException.in(directory, "no " + name + " (or " + name + ".gz) here");
        }
        return gz;
    }

    /** The readable {@code .h5} for {@code name}: in {@code directory}, else decompressed from its {@code .gz}. */
    public static Path locate(Path directory, String name, SpikeCache cache) {
        Path gz = source(directory, name);
        if (!gz.getFileName().toString().endsWith(".gz")) {
            return gz;
        }
        if (cache == null) {
            throw DatasetException.in(gz, "compressed; give a cache folder to decompress it into, or gunzip it");
        }
        return decompressed(gz, cache.folder().resolve("shd"), name.substring(0, name.length() - ".h5".length()));
    }

    /**
     * The decompressed copy of {@code gz} in {@code folder}, made if needed. Its name carries a
     * hash of the source's path, size and modification time, so a replaced {@code .gz} gets a new
     * copy (whatever its time stamp); older copies of the same file are removed.
     */
    private static Path decompressed(Path gz, Path folder, String stem) {
        Path target;
        try {
            String version = gz.toAbsolutePath().normalize() + " " + Files.size(gz) + " " + Files.getLastModifiedTime(gz).toMillis();
            target = folder.resolve(stem + "-" + hash(version) + ".h5");
        } catch (IOException e) {
            throw DatasetException.in(gz, "cannot read: " + e.getMessage());
        }
        try {
            if (Files.isRegularFile(target)) {
                return target;
            }
            Files.createDirectories(folder);
            removeOlderCopies(folder, stem);
            AtomicFile.write(target, out -> GzipFiles.decompress(gz, out));
            return target;
        } catch (IOException e) {
            throw DatasetException.in(gz, "cannot decompress into " + target + ": " + AtomicFile.reason(e));
        }
    }

    private static void removeOlderCopies(Path folder, String stem) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path old : files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(stem) + "-[0-9a-f]{16}\\.h5")).toList()) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
