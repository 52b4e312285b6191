package org.s3gd.data.nmnist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.s3gd.data.DatasetException;

/**
 * One split of N-MNIST as published: {@code Train.zip} / {@code Test.zip} holding
 * {@code <Split>/<label>/<id>.bin}, read in place, or the folder they extract to. Sample files are
 * listed in name order, so sample {@code i} is the same on every machine. Nothing is extracted;
 * entry names that would leave the archive ({@code ..}, absolute paths) are refused all the same,
 * since they mark a damaged or hostile file.
 */
public final class NmnistArchive implements AutoCloseable {
    /** Larger than any real sample (about 7,000 events, 35 KB): a bound against zip bombs. */
    static final int MAX_SAMPLE_BYTES = 16 << 20;

    private final Path path;
    private final ZipFile zip;
    private final List<String> names;
    private final int[] labels;

    private NmnistArchive(Path path, ZipFile zip, List<String> names) {
        this.path = path;
        this.zip = zip;
        this.names = names;
        this.labels = new int[names.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labelOf(names.get(i));
        }
    }

    /** Opens a zip file or a folder; the caller closes it. */
    public static NmnistArchive open(Path path) {
        if (Files.isDirectory(path)) {
            return new NmnistArchive(path, null, listFolder(path));
        }
        if (!Files.isRegularFile(path)) {
            throw DatasetException.in(path, "no such file or folder");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw DatasetException.in(path, "not a readable zip file: " + e.getMessage());
        } catch (IOException e) {
            throw DatasetException.in(path, "cannot read: " + e.getMessage());
        }
        try {
            return new NmnistArchive(path, zip, listZip(path, zip));
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static List<String> listZip(Path path, ZipFile zip) {
        List<String> names = new ArrayList<>();
        try {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                checkName(path, name);
                if (!entry.isDirectory() && name.endsWith(".bin")) {
                    names.add(name);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw DatasetException.in(path, "corrupt zip directory: " + e.getMessage());
        }
        names.sort(null);
        return names;
    }

    private static List<String> listFolder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<String> names = new ArrayList<>();
            files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".bin"))
                .forEach(f -> names.add(folder.relativize(f).toString().replace('\\', '/')));
            names.sort(null);
            return names;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw DatasetException.in(folder, "cannot list: " + e.getMessage());
        }
    }

    static void checkName(Path path, String name) {
        String normal = name.replace('\\', '/');
        if (normal.startsWith("/") || normal.matches("^[A-Za-z]:.*")
            || ("/" + normal + "/").contains("/../") || normal.indexOf('\0') >= 0) {
            throw DatasetException.in(path, "entry '" + name + "': path leaves the archive; expected <split>/<label>/<id>.bin");
        }
    }

    private int labelOf(String name) {
        String[] parts = name.split("/");
        String folder = parts.length >= 2 ? parts[parts.length - 2] : "";
        if (folder.length() != 1 || folder.charAt(0) < '0' || folder.charAt(0) > '9') {
            throw DatasetException.in(path, "entry '" + name + "': folder '" + folder + "' is not a label 0…9; expected <split>/<label>/<id>.bin");
        }
        return folder.charAt(0) - '0';
    }

    public Path path() {
        return path;
    }

    /** Number of sample files. */
    public int size() {
        return names.size();
    }

    /** Name of sample {@code i} inside the archive, e.g. {@code Train/5/00001.bin}. */
    public String name(int i) {
        return names.get(i);
    }

    /** Label of sample {@code i}, from its folder. */
    public int label(int i) {
        return labels[i];
    }

    /** The bytes of sample {@code i}. Safe to call from several threads. */
    public byte[] read(int i) {
        String name = names.get(i);
        try (InputStream in = open(name)) {
            byte[] bytes = in.readNBytes(MAX_SAMPLE_BYTES + 1);
            if (bytes.length > MAX_SAMPLE_BYTES) {
                throw DatasetException.in(path, "entry '" + name + "': larger than " + MAX_SAMPLE_BYTES
                    + " bytes; no N-MNIST sample is nearly that long");
            }
            return bytes;
        } catch (ZipException e) {
            throw DatasetException.in(path, "entry '" + name + "': corrupt compressed data: " + e.getMessage());
        } catch (IOException e) {
            throw DatasetException.in(path, "entry '" + name + "': cannot read: " + e.getMessage());
        }
    }

    private InputStream open(String name) throws IOException {
        if (zip == null) {
            return Files.newInputStream(path.resolve(name));
        }
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("entry vanished");
        }
        return zip.getInputStream(entry);
    }

    @Override
    public void close() {
        if (zip != null) {
            closeQuietly(zip);
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only use: nothing to lose
        }
    }
}
