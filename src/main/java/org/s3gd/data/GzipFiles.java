package org.s3gd.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Decompression of the {@code .gz} files data sets come in. */
public final class GzipFiles {
    private GzipFiles() {
    }

    /**
     * Decompresses {@code gz} into {@code part} (a scratch file the caller moves into place). A
     * corrupt or truncated {@code gz} leaves no {@code part} behind and is reported naming {@code gz}.
     */
    public static void decompress(Path gz, Path part) throws IOException {
        try (OutputStream out = Files.newOutputStream(part)) {
            decompress(gz, out);
        } catch (DatasetException e) {
            Files.deleteIfExists(part);
            throw e;
        }
    }

    /** Decompresses {@code gz} into {@code out}; a corrupt or truncated {@code gz} is reported naming it. */
    public static void decompress(Path gz, OutputStream out) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            in.transferTo(out);
        } catch (ZipException | EOFException e) {
            throw DatasetException.in(gz, "corrupt or truncated gzip file: " + e.getMessage());
        }
    }
}
