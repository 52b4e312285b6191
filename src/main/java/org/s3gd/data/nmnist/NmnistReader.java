package org.s3gd.data.nmnist;

import java.nio.file.Path;
import java.util.Arrays;
import org.s3gd.data.DatasetException;
import org.s3gd.data.InMemoryDataset;
import org.s3gd.data.SpikeSample;
import org.s3gd.data.SpikeTrainBuilder;
import org.s3gd.parallel.Workers;

/** Reads and bins one N-MNIST split straight from its zip (or folder), in parallel. */
public final class NmnistReader {
    public static final int CLASSES = 10;

    private NmnistReader() {
    }

    /**
     * @param source  {@code Train.zip}, {@code Test.zip} or the folder either extracts to
     * @param name    the data set's name, e.g. {@code nmnist/train}
     * @param workers threads to decode with
     */
    public static InMemoryDataset read(Path source, String name, NmnistEncoding encoding, Workers workers) {
        try (NmnistArchive archive = NmnistArchive.open(source)) {
            if (archive.size() == 0) {
                throw DatasetException.in(source, "no <split>/<label>/<id>.bin sample files inside");
            }
            SpikeSample[] samples = new SpikeSample[archive.size()];
            workers.forEachChunk(samples.length, (chunk, from, to) -> {
                SpikeTrainBuilder builder = new SpikeTrainBuilder(encoding.steps(), encoding.inputs());
                for (int i = from; i < to; i++) {
                    byte[] bytes = archive.read(i);
                    String where = source + ": sample " + i + " ('" + archive.name(i) + "')";
                    samples[i] = NmnistDecoder.decode(bytes, bytes.length, archive.label(i), encoding, builder, where);
                }
            });
            return new InMemoryDataset(name, encoding.inputs(), encoding.steps(), CLASSES, Arrays.asList(samples));
        }
    }
}
