package org.s3gd.data.fmnist;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.s3gd.data.DatasetException;

/**
 * Reads IDX files (LeCun's MNIST format, also Fashion-MNIST's), raw or gzip-compressed: the
 * compression is recognised by its magic bytes, not by the file name.
 *
 * <p>Layout: bytes 0–1 zero, byte 2 the value type ({@code 0x08} = unsigned byte, the only one
 * Fashion-MNIST uses), byte 3 the number of dimensions, then each dimension as a big-endian
 * 32-bit integer, then the values. Memory grows with the bytes actually present, never with the
 * sizes a header claims, so a corrupt header cannot exhaust the heap.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_VALUES = Integer.MAX_VALUE - 16;

    private IdxReader() {
    }

    /**
     * Reads {@code file}, which must have {@code expectedDimensions} dimensions.
     *
     * @throws DatasetException if the file is missing, truncated, corrupt or of another shape
     */
    public static IdxArray read(Path file, int expectedDimensions) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), expectedDimensions);
        } catch (NoSuchFileException e) {
            throw DatasetException.in(file, "no such file");
        } catch (IOException e) {
            throw DatasetException.in(file, "cannot read: " + e.getMessage());
        }
    }

    /** Reads an IDX array from {@code bytes}; {@code source} names it in messages. */
    public static IdxArray read(byte[] bytes, String source, int expectedDimensions) {
        try {
            return read(new ByteArrayInputStream(bytes), source, expectedDimensions);
        } catch (IOException e) {
            throw DatasetException.in(source, "cannot read: " + e.getMessage());
        }
    }

    private static IdxArray read(InputStream raw, String source, int expectedDimensions) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            } catch (ZipException | EOFException e) {
                throw DatasetException.in(source, "corrupt gzip stream: " + e.getMessage());
            }
        }
        MessageDigest digest = sha256();
        try {
            return parse(new DigestInputStream(in, digest), source, expectedDimensions, digest);
        } catch (ZipException e) {
            throw DatasetException.in(source, "corrupt gzip stream: " + e.getMessage());
        } catch (EOFException e) {
            throw DatasetException.in(source, "truncated gzip stream");
        }
    }

    private static IdxArray parse(InputStream in, String source, int expectedDimensions, MessageDigest digest) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw DatasetException.atOffset(source, header.length, "file ends inside the 4-byte IDX magic number");
        }
        if (header[0] != 0 || header[1] != 0) {
            throw DatasetException.atOffset(source, 0, String.format(
                "not an IDX file: magic number starts %02x %02x, expected 00 00", header[0] & 0xff, header[1] & 0xff));
        }
        if ((header[2] & 0xff) != UNSIGNED_BYTE) {
            throw DatasetException.atOffset(source, 2, String.format(
                "IDX value type 0x%02x, expected 0x08 (unsigned byte)", header[2] & 0xff));
        }
        int dims = header[3] & 0xff;
        if (dims != expectedDimensions) {
            throw DatasetException.atOffset(source, 3, dims + " dimensions, expected " + expectedDimensions);
        }
        byte[] sizeBytes = in.readNBytes(4 * dims);
        if (sizeBytes.length < 4 * dims) {
            throw DatasetException.atOffset(source, 4 + sizeBytes.length, "file ends inside the dimension sizes");
        }
        int[] dimensions = new int[dims];
        long total = 1;
        for (int d = 0; d < dims; d++) {
            int o = 4 * d;
            dimensions[d] = ((sizeBytes[o] & 0xff) << 24) | ((sizeBytes[o + 1] & 0xff) << 16)
                | ((sizeBytes[o + 2] & 0xff) << 8) | (sizeBytes[o + 3] & 0xff);
            if (dimensions[d] < 0) {
                throw DatasetException.atOffset(source, 4 + o, "dimension " + d + " has negative size " + dimensions[d]);
            }
            total *= dimensions[d];
            if (total > MAX_VALUES) {
                throw DatasetException.atOffset(source, 4 + o, "dimensions multiply to more than " + MAX_VALUES + " values");
            }
        }
        long dataStart = 4L + 4L * dims;
        byte[] values = in.readNBytes((int) total);
        if (values.length < total) {
            throw DatasetException.atOffset(source, dataStart + values.length,
                "truncated: expected " + total + " values after the header, found " + values.length);
        }
        if (in.read() != -1) {
            throw DatasetException.atOffset(source, dataStart + total,
                "unexpected bytes after the " + total + " values the header announces");
        }
        return new IdxArray(source, dimensions, values, HexFormat.of().formatHex(digest.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
