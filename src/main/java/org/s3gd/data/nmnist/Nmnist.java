package org.s3gd.data.nmnist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.s3gd.data.DatasetException;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.InMemoryDataset;
import org.s3gd.data.SpikeCache;
import org.s3gd.parallel.Workers;

/**
 * N-MNIST (Orchard et al. 2015) from a folder holding the official {@code Train.zip} and
 * {@code Test.zip} (or the {@code Train/} and {@code Test/} folders they extract to), with the
 * binned form kept in a {@link SpikeCache} so the second load skips decoding.
 */
public final class Nmnist {
    private static final String CACHE_PREFIX = "nmnist";
    private static final int CACHE_FORMAT = 1;

    private Nmnist() {
    }

    /**
     * @param cache where to keep the binned samples, or null for none
     */
    public static DatasetSplit load(Path directory, NmnistEncoding encoding, SpikeCache cache, Workers workers) {
        return new DatasetSplit(
            loadSplit(locate(directory, "Train"), "nmnist/train", encoding, cache, workers),
            loadSplit(locate(directory, "Test"), "nmnist/test", encoding, cache, workers));
    }

    /** {@code Train.zip} (or {@code Test.zip}) in {@code directory}, else the extracted folder. */
    public static Path locate(Path directory, String split) {
        Path zip = directory.resolve(split + ".zip");
        if (Files.isRegularFile(zip)) {
            return zip;
        }
        Path folder = directory.resolve(split);
        if (Files.isDirectory(folder)) {
            return folder;
        }
        throw DatasetException.in(directory, "no " + split + ".zip (or extracted " + split + "/ folder) here");
    }

    /** The files {@code directory} lacks of the two splits (each a zip or its extracted folder). */
    public static List<String> missing(Path directory) {
        List<String> missing = new ArrayList<>();
        for (String split : new String[] {"Train", "Test"}) {
            if (!Files.isRegularFile(directory.resolve(split + ".zip")) && !Files.isDirectory(directory.resolve(split))) {
                missing.add(split + ".zip");
            }
        }
        return missing;
    }

    /** One split from {@code source} (zip or folder), through the cache when one is given. */
    public static InMemoryDataset loadSplit(Path source, String name, NmnistEncoding encoding, SpikeCache cache, Workers workers) {
        if (cache == null) {
            return NmnistReader.read(source, name, encoding, workers);
        }
        String identity = "N-MNIST format " + CACHE_FORMAT + " " + source.toAbsolutePath().normalize() + " " + encoding;
        String version = fingerprint(source);
        Optional<InMemoryDataset> cached = cache.read(CACHE_PREFIX, identity, version);
        if (cached.isPresent()) {
            return cached.get();
        }
        InMemoryDataset dataset = NmnistReader.read(source, name, encoding, workers);
        cache.write(CACHE_PREFIX, identity, version, dataset);
        return dataset;
    }

    /**
     * What identifies a version of the source: size and modification time of a zip; number, total
     * size and latest modification of the sample files of a folder.
     */
    static String fingerprint(Path source) {
        try {
            if (Files.isRegularFile(source)) {
                return "file " + Files.size(source) + " bytes, modified " + Files.getLastModifiedTime(source).toMillis();
            }
            long[] summary = new long[3];
            try (Stream<Path> files = Files.walk(source)) {
                files.filter(f -> f.toString().endsWith(".bin") && Files.isRegularFile(f)).forEach(f -> {
                    try {
                        summary[0]++;
                        summary[1] += Files.size(f);
                        summary[2] = Math.max(summary[2], Files.getLastModifiedTime(f).toMillis());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return "folder " + summary[0] + " files, " + summary[1] + " bytes, modified " + summary[2];
        } catch (IOException | UncheckedIOException e) {
            throw DatasetException.in(source, "cannot read: " + e.getMessage());
        }
    }
}
