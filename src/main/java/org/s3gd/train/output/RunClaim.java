package org.s3gd.train.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.s3gd.io.AtomicFile;
import org.s3gd.train.Checkpoint;

/**
 * A run folder held by one run while it trains, so that two runs never write into one folder.
 *
 * <p>A new run claims its folder by creating it ({@code mkdir} fails if it exists) or, for a folder
 * that exists and is empty, by creating the lock file {@value #LOCK} in it ({@code O_EXCL}): of two
 * processes only one succeeds either way. A folder that holds anything is never claimed for a new
 * run. A resumed run claims its folder by locking {@value #LOCK}; the lock is held until
 * {@link #close()}, and the operating system drops it when the process dies, so a killed run's
 * folder can be resumed at once.
 */
public final class RunClaim implements AutoCloseable {
    /** The lock file in a run folder; it stays after the run (removing it could let two runs in). */
    public static final String LOCK = ".lock";

    private static final int MAX_SUFFIX = 10_000;

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean createdFolder;

    private RunClaim(Path folder, FileChannel channel, FileLock lock, boolean createdFolder) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
        this.createdFolder = createdFolder;
    }

    /**
     * Claims {@code folder} for a new run: it is created, or it exists and is empty.
     *
     * @throws RunFolderException if it holds anything, is a file, or another process claimed it first
     */
    public static RunClaim newRun(Path folder) {
        boolean created = createFolder(folder);
        if (!created) {
            requireEmpty(folder);
        }
        try {
            return lock(folder, FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                created);
        } catch (FileAlreadyExistsException e) {
            throw new RunFolderException(folder + " was just claimed by another s3gd run; choose another folder");
        } catch (IOException e) {
            throw cannotWrite(folder, e);
        }
    }

    /**
     * Claims a new folder for a new run: {@code parent/name}, else {@code parent/name-2},
     * {@code parent/name-3}, …, the first that does not exist yet. Two runs started in the same
     * second with the same name get different folders.
     */
    public static RunClaim newRunNamed(Path parent, String name) {
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw cannotWrite(parent, e);
        }
        for (int n = 1; n <= MAX_SUFFIX; n++) {
            Path folder = parent.resolve(n == 1 ? name : name + "-" + n);
            try {
                Files.createDirectory(folder);
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (IOException e) {
                throw cannotWrite(folder, e);
            }
            try {
                return lock(folder, FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), true);
            } catch (FileAlreadyExistsException taken) {
                // another run took the empty folder in the instant after it was made: it is theirs now
            } catch (IOException e) {
                throw cannotWrite(folder, e);
            }
        }
        throw new RunFolderException(parent + ": " + name + " and " + MAX_SUFFIX + " numbered variants all exist; "
            + "give a folder with --out");
    }

    /**
     * Claims the folder of an existing run to continue it.
     *
     * @throws RunFolderException if another process is training in it
     */
    public static RunClaim existingRun(Path folder) {
        try {
            return lock(folder, FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ), false);
        } catch (IOException e) {
            throw cannotWrite(folder, e);
        }
    }

    public Path folder() {
        return folder;
    }

    /**
     * Releases the folder. A folder that holds nothing but the lock (the run failed before writing
     * anything) is removed again if this claim created it, or left empty, so it can be used again.
     */
    @Override
    public void close() {
        try {
            if (!holdsMoreThanTheLock(folder)) {
                Files.deleteIfExists(folder.resolve(LOCK));
                if (createdFolder) {
                    Files.deleteIfExists(folder);
                }
            }
        } catch (IOException | RunFolderException ignored) {
            // an empty folder or a lock file left behind is harmless
        } finally {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // closing the channel drops the lock whatever happens
            }
        }
    }

    private static boolean createFolder(Path folder) {
        try {
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(folder);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) {
                throw new RunFolderException(folder + " is a file; a run needs a folder");
            }
            return false;
        } catch (IOException e) {
            throw cannotWrite(folder, e);
        }
    }

    private static void requireEmpty(Path folder) {
        boolean empty;
        try (Stream<Path> entries = Files.list(folder)) {
            empty = entries.findAny().isEmpty();
        } catch (IOException e) {
            throw cannotWrite(folder, e);
        }
        if (empty) {
            return;
        }
        if (Files.exists(folder.resolve(Checkpoint.LATEST)) || Files.exists(folder.resolve(RunManifest.FILE))) {
            throw new RunFolderException(folder + " already holds a run; continue it with --resume " + folder
                + " or choose another folder");
        }
        if (Files.exists(folder.resolve(LOCK)) && !holdsMoreThanTheLock(folder)) {
            throw new RunFolderException(folder + " is claimed by another s3gd run that is starting, or by one killed "
                + "before it wrote anything; choose another folder");
        }
        throw new RunFolderException(folder + " is not empty; a new run needs a new or empty folder");
    }

    private static boolean holdsMoreThanTheLock(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(p -> !p.getFileName().toString().equals(LOCK));
        } catch (IOException e) {
            throw cannotWrite(folder, e);
        }
    }

    private static RunClaim lock(Path folder, FileChannel channel, boolean created) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(folder);
            channel.close();
            throw new RunFolderException(folder + " is in use by another s3gd run" + holder + "; wait for it to end");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new RunClaim(folder, channel, lock, created);
    }

    private static String holder(Path folder) {
        try {
            String pid = Files.readString(folder.resolve(LOCK), StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d+") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static RunFolderException cannotWrite(Path folder, IOException e) {
        return new RunFolderException(folder + ": cannot use as a run folder: " + AtomicFile.reason(e), e);
    }
}
