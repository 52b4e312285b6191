package org.s3gd.train;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.SpikeDataset;
import org.s3gd.data.SpikeSample;

/**
 * A SHA-256 of a data set as the network sees it: shape, then every sample's label and spikes,
 * train split then test split. Two runs with the same fingerprint trained on the same spike
 * trains, whatever files they came from.
 */
public final class DatasetFingerprint {
    private DatasetFingerprint() {
    }

    /** {@code sha256:<hex>} of both splits. */
    public static String of(DatasetSplit split) {
        MessageDigest digest = sha256();
        add(split.train(), digest);
        add(split.test(), digest);
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static void add(SpikeDataset dataset, MessageDigest digest) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        buffer.putInt(dataset.inputs()).putInt(dataset.steps()).putInt(dataset.classes()).putInt(dataset.size());
        for (int i = 0; i < dataset.size(); i++) {
            SpikeSample sample = dataset.sample(i);
            flushIfFull(buffer, digest, 8);
            buffer.putInt(sample.label()).putInt(sample.spikeCount());
            for (int t = 0; t < sample.steps(); t++) {
                flushIfFull(buffer, digest, 4);
                buffer.putInt(sample.stepStart(t + 1));
            }
            for (int k = 0; k < sample.spikeCount(); k++) {
                flushIfFull(buffer, digest, 4);
                buffer.putInt(sample.unitAt(k));
            }
        }
        buffer.flip();
        digest.update(buffer);
    }

    private static void flushIfFull(ByteBuffer buffer, MessageDigest digest, int needed) {
        if (buffer.remaining() < needed) {
            buffer.flip();
            digest.update(buffer);
            buffer.clear();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
