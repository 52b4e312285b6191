package org.s3gd.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.s3gd.data.fmnist.FashionMnist;
import org.s3gd.data.fmnist.FashionMnistFile;
import org.s3gd.data.nmnist.Nmnist;
import org.s3gd.data.shd.Shd;

/** The data sets s3gd knows, with the folder name each has under a data directory. */
public enum DatasetId {
    /** The embedded random-manifold task: generated, no files. */
    SYNTHETIC("synthetic", "nothing: generated in-process from a seed"),
    FASHION_MNIST("fashion-mnist",
        "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"),
    NMNIST("nmnist", "Train.zip and Test.zip (or the Train/ and Test/ folders they extract to)"),
    SHD("shd", "shd_train.h5 and shd_test.h5 (or their .h5.gz)");

    private final String folder;
    private final String files;

    DatasetId(String folder, String files) {
        this.folder = folder;
        this.files = files;
    }

    /**
     * The shape of this data set's input with {@code inputs} units: F-MNIST an image of 1×28×28,
     * N-MNIST 1×34×34 with polarities merged or 2×34×34 with them kept; flat otherwise.
     */
    public org.s3gd.model.Shape shape(int inputs) {
        return switch (this) {
            case FASHION_MNIST -> inputs == 28 * 28 ? new org.s3gd.model.Shape(1, 28, 28) : org.s3gd.model.Shape.flat(inputs);
            case NMNIST -> inputs % (34 * 34) == 0 ? new org.s3gd.model.Shape(inputs / (34 * 34), 34, 34)
                : org.s3gd.model.Shape.flat(inputs);
            case SYNTHETIC, SHD -> org.s3gd.model.Shape.flat(inputs);
        };
    }

    /** The name on the command line and of the data set's folder, e.g. {@code fashion-mnist}. */
    public String folder() {
        return folder;
    }

    /** The files a folder must hold, in words. */
    public String files() {
        return files;
    }

    /** Whether {@code directory} holds this data set's files. */
    public boolean isPresentIn(Path directory) {
        return Files.isDirectory(directory) && missingIn(directory).isEmpty();
    }

    /**
     * The files of this data set in {@code directory} that a load reads (e.g. a {@code .gz} or the
     * raw file, whichever is there), in the order they are read.
     *
     * @throws DatasetException if one is missing
     */
    public List<Path> filesIn(Path directory) {
        return switch (this) {
            case SYNTHETIC -> List.of();
            case FASHION_MNIST -> Arrays.stream(FashionMnistFile.values()).map(f -> FashionMnist.locate(directory, f)).toList();
            case NMNIST -> List.of(Nmnist.locate(directory, "Train"), Nmnist.locate(directory, "Test"));
            case SHD -> List.of(Shd.source(directory, Shd.TRAIN), Shd.source(directory, Shd.TEST));
        };
    }

    /** The names of this data set's files that {@code directory} lacks; empty when it holds them all. */
    public List<String> missingIn(Path directory) {
        return switch (this) {
            case SYNTHETIC -> List.of();
            case FASHION_MNIST -> FashionMnist.missing(directory);
            case NMNIST -> Nmnist.missing(directory);
            case SHD -> Shd.missing(directory);
        };
    }

    /** The id whose {@link #folder()} is {@code name}. */
    public static DatasetId byName(String name) {
        for (DatasetId id : values()) {
            if (id.folder.equalsIgnoreCase(name)) {
                return id;
            }
        }
        throw new DatasetException("unknown data set '" + name + "'; expected one of synthetic, fashion-mnist, nmnist, shd");
    }
}
