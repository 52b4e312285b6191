package org.s3gd.data.fmnist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte, as the format's specification lays them out. */
final class IdxFiles {
    private IdxFiles() {
    }

    static byte[] images(byte[][] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length * 784);
        b.putInt(0x00000803).putInt(pixels.length).putInt(28).putInt(28);
        for (byte[] image : pixels) {
            b.put(image);
        }
        return b.array();
    }

    static byte[] labels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x00000801).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    static byte[] gzip(byte[] bytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
