package org.s3gd.data.fmnist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.s3gd.data.DatasetException;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.InMemoryDataset;
import org.s3gd.data.SpikeDataset;
import org.s3gd.data.SpikeSample;
import org.s3gd.data.SpikeTrainBuilder;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017) as spike trains: 28×28 = 784 inputs, one per
 * pixel in row-major order, 10 classes, each pixel latency-coded ({@link LatencyEncoding}).
 */
public final class FashionMnist {
    public static final int ROWS = 28;
    public static final int COLUMNS = 28;
    public static final int INPUTS = ROWS * COLUMNS;
    public static final int CLASSES = 10;

    private FashionMnist() {
    }

    /**
     * Loads both splits from {@code directory}, which holds the four official files, each either
     * gzip-compressed ({@code .gz}, as published) or not.
     *
     * @param verify whether to check each file's content against the official checksum
     */
    public static DatasetSplit load(Path directory, LatencyEncoding encoding, boolean verify) {
        return new DatasetSplit(
            load(directory, FashionMnistFile.TRAIN_IMAGES, FashionMnistFile.TRAIN_LABELS, "fashion-mnist/train", encoding, verify),
            load(directory, FashionMnistFile.TEST_IMAGES, FashionMnistFile.TEST_LABELS, "fashion-mnist/test", encoding, verify));
    }

    /** The path of {@code file} in {@code directory}: the {@code .gz} if present, else the raw one. */
    public static Path locate(Path directory, FashionMnistFile file) {
        Path gz = directory.resolve(file.gzipName());
        Path raw = directory.resolve(file.baseName());
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw DatasetException.in(directory, "no " + file.gzipName() + " (or " + file.baseName() + ") here");
    }

    /** The files {@code directory} lacks of the four (each compressed or not). */
    public static List<String> missing(Path directory) {
        List<String> missing = new ArrayList<>();
        for (FashionMnistFile f : FashionMnistFile.values()) {
            if (!Files.isRegularFile(directory.resolve(f.gzipName())) && !Files.isRegularFile(directory.resolve(f.baseName()))) {
                missing.add(f.gzipName());
            }
        }
        return missing;
    }

    private static SpikeDataset load(Path directory, FashionMnistFile imageFile, FashionMnistFile labelFile,
                                     String name, LatencyEncoding encoding, boolean verify) {
        IdxArray images = read(locate(directory, imageFile), imageFile, verify);
        IdxArray labels = read(locate(directory, labelFile), labelFile, verify);
        return new InMemoryDataset(name, INPUTS, encoding.steps(), CLASSES, encode(images, labels, encoding));
    }

    private static IdxArray read(Path path, FashionMnistFile file, boolean verify) {
        IdxArray array = IdxReader.read(path, file.dimensions());
        if (verify && !array.sha256().equals(file.contentSha256())) {
            throw DatasetException.in(path, "content SHA-256 " + array.sha256() + " differs from the official "
                + file.contentSha256() + "; the file is damaged or not the official " + file.baseName()
                + " (load it with verification off to use it anyway)");
        }
        return array;
    }

    /** Latency-codes every image; images and labels are checked against each other first. */
    public static List<SpikeSample> encode(IdxArray images, IdxArray labels, LatencyEncoding encoding) {
        if (images.dimensions()[1] != ROWS || images.dimensions()[2] != COLUMNS) {
            throw DatasetException.in(images.source(), "images are " + images.dimensions()[1] + "x" + images.dimensions()[2]
                + " pixels, expected " + ROWS + "x" + COLUMNS);
        }
        if (images.count() != labels.count()) {
            throw DatasetException.in(images.source(), images.count() + " images but " + labels.source() + " has "
                + labels.count() + " labels; expected as many labels as images");
        }
        for (int i = 0; i < labels.count(); i++) {
            if (labels.unsigned(i) >= CLASSES) {
                throw DatasetException.atSample(labels.source(), i, "label " + labels.unsigned(i) + " out of range [0, " + CLASSES + ")");
            }
        }
        return encode(images, labels::unsigned, encoding);
    }

    /** Latency-codes every image of an IDX image file without labels (each sample gets label 0), for prediction. */
    public static List<SpikeSample> encodeImages(IdxArray images, LatencyEncoding encoding) {
        if (images.dimensions().length != 3 || images.dimensions()[1] != ROWS || images.dimensions()[2] != COLUMNS) {
            throw DatasetException.in(images.source(), "images are not " + ROWS + "x" + COLUMNS + " pixels: dimensions "
                + java.util.Arrays.toString(images.dimensions()));
        }
        return encode(images, i -> 0, encoding);
    }

    private static List<SpikeSample> encode(IdxArray images, java.util.function.IntUnaryOperator labelOf, LatencyEncoding encoding) {
        int[] stepOf = encoding.table();
        SpikeTrainBuilder builder = new SpikeTrainBuilder(encoding.steps(), INPUTS);
        List<SpikeSample> samples = new ArrayList<>(images.count());
        byte[] pixels = images.values();
        for (int i = 0; i < images.count(); i++) {
            int label = labelOf.applyAsInt(i);
            builder.reset();
            int base = i * INPUTS;
            for (int unit = 0; unit < INPUTS; unit++) {
                int step = stepOf[pixels[base + unit] & 0xff];
                if (step >= 0) {
                    builder.add(unit, step);
                }
            }
            samples.add(builder.build(label));
        }
        return samples;
    }
}
