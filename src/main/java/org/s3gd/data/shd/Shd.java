package org.s3gd.data.shd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.s3gd.data.DatasetException;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.SpikeCache;

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
        return new DatasetSplit(
            ShdReader.read(locate(directory, TRAIN, cache), "shd/train", encoding),
            ShdReader.read(locate(directory, TEST, cache), "shd/test", encoding));
    }

    /** Whether both files, compressed or not, are in {@code directory}. */
    public static boolean isPresent(Path directory) {
        for (String name : new String[] {TRAIN, TEST}) {
            if (!Files.isRegularFile(directory.resolve(name)) && !Files.isRegularFile(directory.resolve(name + ".gz"))) {
                return false;
            }
        }
        return true;
    }

    /** The readable {@code .h5} for {@code name}: in {@code directory}, else decompressed from its {@code .gz}. */
    public static Path locate(Path directory, String name, SpikeCache cache) {
        Path plain = directory.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = directory.resolve(name + ".gz");
        if (!Files.isRegularFile(gz)) {
            throw DatasetException.in(directory, "no " + name + " (or " + name + ".gz) here");
        }
        if (cache == null) {
            throw DatasetException.in(gz, "compressed; give a cache folder to decompress it into, or gunzip it");
        }
        return decompressed(gz, cache.folder().resolve("shd").resolve(name));
    }

    private static Path decompressed(Path gz, Path target) {
        try {
            if (Files.isRegularFile(target)
                && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(gz)) >= 0) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path part = target.resolveSibling(target.getFileName() + ".part");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
                 OutputStream out = Files.newOutputStream(part)) {
                in.transferTo(out);
            } catch (ZipException | java.io.EOFException e) {
                Files.deleteIfExists(part);
                throw DatasetException.in(gz, "corrupt or truncated gzip file: " + e.getMessage());
            }
            Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw DatasetException.in(gz, "cannot decompress into " + target + ": " + e.getMessage());
        }
    }
}
