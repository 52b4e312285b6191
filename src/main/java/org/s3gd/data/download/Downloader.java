package org.s3gd.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.s3gd.data.DatasetException;

/**
 * Fetches files over HTTP(S) safely: into {@code <name>.part}, resuming an interrupted transfer
 * with a {@code Range} request, checking the checksum, and only then moving the file to its name
 * atomically, so a file under its final name is always complete and verified.
 */
public final class Downloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

    private final HttpClient client;
    private final PrintWriter progress;

    /** @param progress where to report what is fetched; null for silence */
    public Downloader(HttpClient client, PrintWriter progress) {
        this.client = client;
        this.progress = progress;
    }

    /** A client that follows redirects (Mendeley and GitHub redirect to storage hosts). */
    public static Downloader standard(PrintWriter progress) {
        return new Downloader(HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build(), progress);
    }

    /**
     * Makes sure {@code directory/<fileName>} holds the verified file, fetching what is missing.
     *
     * @param officialUrl the address to tell the user when fetching fails (may equal {@code file.url()})
     * @return the file
     * @throws DatasetException when the transfer or the check fails; a partial transfer is kept
     *     for the next attempt, a file that fails its check is deleted
     */
    public Path fetch(RemoteFile file, URI officialUrl, Path directory) {
        Path target = directory.resolve(file.fileName());
        Path part = directory.resolve(file.fileName() + ".part");
        if (Files.isRegularFile(target)) {
            try {
                file.checksum().ifPresent(c -> c.verify(target));
            } catch (DatasetException e) {
                throw new DatasetException(e.getMessage() + "; delete it to download it again", e);
            }
            say("have " + target);
            return target;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw DatasetException.in(directory, "cannot create the data folder: " + e.getMessage());
        }
        transfer(file, officialUrl, target, part);
        if (file.checksum().isPresent()) {
            try {
                file.checksum().get().verify(part);
            } catch (DatasetException e) {
                deleteQuietly(part);
                throw new DatasetException(file.url() + ": downloaded file fails its check: " + e.getMessage(), e);
            }
        }
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target);
            }
        } catch (IOException e) {
            throw DatasetException.in(target, "cannot move the verified download into place: " + e.getMessage());
        }
        say("saved " + target);
        return target;
    }

    /** Fetches a small text file (e.g. a checksum list) into memory; empty if the server has none. */
    public Optional<String> fetchText(URI url) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException(url + ": interrupted");
        }
    }

    private void transfer(RemoteFile file, URI officialUrl, Path target, Path part) {
        long have = sizeOf(part);
        HttpRequest.Builder request = HttpRequest.newBuilder(file.url()).GET().timeout(Duration.ofMinutes(30));
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
            say("resuming " + file.url() + " at byte " + have);
        } else {
            say("fetching " + file.url());
        }
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            try (InputStream body = response.body()) {
                if (status == 416 && have > 0) {
                    return; // the partial file is already whole; the checksum decides
                }
                boolean append = status == 206 && have > 0 && rangeStart(response) == have;
                if (status != 200 && !append) {
                    if (status == 206) {
                        deleteQuietly(part);
                        throw new DatasetException(file.url() + ": server answered a range other than the one asked; "
                            + "the partial file was removed, try again");
                    }
                    throw new DatasetException(file.url() + ": HTTP status " + status + ", expected 200. "
                        + byHand(file, officialUrl, target));
                }
                try (OutputStream out = append
                    ? Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newOutputStream(part)) {
                    body.transferTo(out);
                }
            }
        } catch (IOException e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new DatasetException(file.url() + ": transfer failed (" + reason + "); "
                + (Files.exists(part) ? sizeOf(part) + " bytes kept in " + part + " to resume from. " : "")
                + byHand(file, officialUrl, target), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException(file.url() + ": interrupted; " + sizeOf(part) + " bytes kept in " + part);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(file.url() + ": not a usable address: " + e.getMessage());
        }
    }

    private static String byHand(RemoteFile file, URI officialUrl, Path target) {
        return "Without network access, download " + officialUrl + " by hand and save it as " + target + ".";
    }

    private static long rangeStart(HttpResponse<?> response) {
        Optional<String> range = response.headers().firstValue("Content-Range");
        if (range.isEmpty()) {
            return -1;
        }
        Matcher m = CONTENT_RANGE.matcher(range.get().trim());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // reported by the caller's exception; a stale .part is re-checked next time
        }
    }

    private void say(String line) {
        if (progress != null) {
            progress.println(line);
            progress.flush();
        }
    }
}
