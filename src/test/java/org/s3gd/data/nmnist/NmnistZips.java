package org.s3gd.data.nmnist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small N-MNIST files for tests: events in the official 40-bit layout, zips as published. */
final class NmnistZips {
    private NmnistZips() {
    }

    /** One event: pixel (x, y), polarity bit, timestamp in µs (23 bits). */
    static byte[] event(int x, int y, int polarity, int micros) {
        return new byte[] {
            (byte) x, (byte) y, (byte) ((polarity << 7) | ((micros >>> 16) & 0x7f)), (byte) (micros >>> 8), (byte) micros};
    }

    static byte[] events(byte[]... events) {
        byte[] all = new byte[events.length * 5];
        for (int k = 0; k < events.length; k++) {
            System.arraycopy(events[k], 0, all, 5 * k, 5);
        }
        return all;
    }

    /** A zip with the given entries (name → content), written with the JDK's zip writer. */
    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
