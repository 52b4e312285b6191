package org.s3gd.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.s3gd.data.DatasetException;

/**
 * An expected digest of a file: of its bytes as stored, or, for gzip files, of the bytes they
 * decompress to (which survives re-compression, e.g. Debian's rewritten gzip headers).
 *
 * @param algorithm    a {@link MessageDigest} name, e.g. {@code MD5}, {@code SHA-256}
 * @param hex          the expected digest in hex
 * @param decompressed whether the digest is of the gzip content rather than the file
 * @param origin       where the value comes from, said in messages (e.g. "the official README")
 */
public record Checksum(String algorithm, String hex, boolean decompressed, String origin) {
    public Checksum {
        hex = hex.toLowerCase(Locale.ROOT);
        digest(algorithm);
    }

    public static Checksum ofFile(String algorithm, String hex, String origin) {
        return new Checksum(algorithm, hex, false, origin);
    }

    public static Checksum ofContent(String algorithm, String hex, String origin) {
        return new Checksum(algorithm, hex, true, origin);
    }

    /** @throws DatasetException if {@code file} does not have this digest */
    public void verify(Path file) {
        String actual = compute(file);
        if (!actual.equals(hex)) {
            throw DatasetException.in(file, (decompressed ? "decompressed content " : "") + algorithm + " " + actual
                + " differs from the expected " + hex + " (" + origin + "): the file is damaged or not the official one");
        }
    }

    /** The digest of {@code file} (or its decompressed content). */
    public String compute(Path file) {
        MessageDigest digest = digest(algorithm);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = decompressed ? new GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw DatasetException.in(file, "corrupt or truncated gzip file: " + e.getMessage());
        } catch (IOException e) {
            throw DatasetException.in(file, "cannot read: " + e.getMessage());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
        }
    }
}
