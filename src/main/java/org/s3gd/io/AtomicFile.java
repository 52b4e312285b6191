package org.s3gd.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way s3gd writes a result file (checkpoint, CSV, run.json, plot, cache entry): the content
 * goes to a temporary sibling ({@code <name>.<random>.tmp}), is forced to disk and renamed over the
 * target, so a reader — or a run resumed after a kill — sees the old file or the new one, never a
 * part. When anything fails (a full disk, a write error, the rename) the temporary file is removed
 * and the target keeps its old content; the exception is the one the file system raised.
 */
public final class AtomicFile {
    /** Suffix of the temporary files; a kill can leave one behind, which its folder's owner may remove. */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    /** Writes the content to a stream; the stream is buffered and closed by {@link AtomicFile}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Replaces {@code file} with what {@code content} writes, creating its folder if needed. */
    public static void write(Path file, Content content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = createTemporary(folder, file.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                deleteAfterFailure(temporary);
            }
        }
    }

    /** Replaces {@code file} with {@code bytes}. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** Replaces {@code file} with {@code text} in UTF-8. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code file} is a temporary file this class made (and a kill left behind). */
    public static boolean isTemporary(Path file) {
        return file.getFileName().toString().matches(".+\\.[0-9a-f]{8}\\" + TEMPORARY_SUFFIX);
    }

    /**
     * What went wrong, in the file system's words ("No space left on device", "Read-only file
     * system"), found however deep a library wrapped it.
     */
    public static String reason(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException && (t.getMessage() != null || t instanceof FileSystemException)) {
                deepest = t;
            }
        }
        return switch (deepest) {
            case NoSuchFileException e -> "no such file or folder: " + e.getFile();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case DirectoryNotEmptyException e -> "a folder is in the way: " + e.getFile();
            case FileAlreadyExistsException e -> "already exists: " + e.getFile();
            case FileSystemException e when e.getReason() != null -> e.getReason();
            default -> deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
        };
    }

    private static Path createTemporary(Path folder, String name) throws IOException {
        while (true) {
            String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            Path temporary = folder.resolve(name + "." + random + TEMPORARY_SUFFIX);
            try {
                return Files.createFile(temporary);
            } catch (FileAlreadyExistsException taken) {
                // another writer's: draw again
            }
        }
    }

    // The write has failed already; that failure is what the caller must hear about.
    private static void deleteAfterFailure(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // nothing more can be done; the folder's owner removes stale temporary files
        }
    }
}
