package org.s3gd.data.nmnist;

import org.s3gd.data.DatasetException;
import org.s3gd.data.SpikeSample;
import org.s3gd.data.SpikeTrainBuilder;

/**
 * Decodes one N-MNIST {@code .bin} file (Orchard et al. 2015): 5 bytes per event, byte 0 = x,
 * byte 1 = y, bit 7 of byte 2 = polarity, bits 6…0 of byte 2 and bytes 3–4 = the 23-bit
 * timestamp in µs, big-endian.
 */
public final class NmnistDecoder {
    public static final int EVENT_BYTES = 5;

    private NmnistDecoder() {
    }

    /**
     * Bins the events in {@code bytes[0, length)} into a sample.
     *
     * @param source names the file (and sample) in messages
     * @throws DatasetException for a partial event or a coordinate off the 34×34 sensor
     */
    public static SpikeSample decode(byte[] bytes, int length, int label, NmnistEncoding encoding,
                                     SpikeTrainBuilder builder, String source) {
        if (length % EVENT_BYTES != 0) {
            throw DatasetException.atOffset(source, length - length % EVENT_BYTES, "truncated: " + length
                + " bytes is not a whole number of 5-byte events (" + length % EVENT_BYTES + " bytes left over)");
        }
        builder.reset();
        for (int o = 0; o < length; o += EVENT_BYTES) {
            int x = bytes[o] & 0xff;
            int y = bytes[o + 1] & 0xff;
            int b2 = bytes[o + 2] & 0xff;
            if (x >= NmnistEncoding.SIDE || y >= NmnistEncoding.SIDE) {
                throw DatasetException.atOffset(source, o, "event " + o / EVENT_BYTES + ": coordinates (" + x + ", " + y
                    + ") out of range [0, " + NmnistEncoding.SIDE + ") x [0, " + NmnistEncoding.SIDE + ")");
            }
            long micros = ((long) (b2 & 0x7f) << 16) | ((bytes[o + 3] & 0xff) << 8) | (bytes[o + 4] & 0xff);
            long step = encoding.step(micros);
            if (step < encoding.steps()) {
                builder.add(encoding.unit(x, y, b2 >>> 7), (int) step);
            }
        }
        return builder.build(label);
    }
}
