package org.s3gd.data.shd;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.s3gd.data.DatasetException;
import org.s3gd.data.InMemoryDataset;
import org.s3gd.data.SpikeSample;
import org.s3gd.data.SpikeTrainBuilder;

/**
 * Reads a Spiking Heidelberg Digits file (Cramer et al. 2020) in its official HDF5 layout:
 * {@code /spikes/times} (seconds) and {@code /spikes/units} (0…699), both one-dimensional datasets
 * of variable-length arrays with one array per sample, and {@code /labels} (0…19).
 */
public final class ShdReader {
    public static final int INPUTS = 700;
    public static final int CLASSES = 20;
    /** Deflate expands at most about 1032-fold; a dataset declaring more than this × the file is damaged. */
    private static final long MAX_EXPANSION = 1100;
    /** Bytes read to find the superblock: it lies after a user block of at most this size in practice. */
    private static final long HEAD = 1 << 20;

    private ShdReader() {
    }

    /** Reads and bins {@code file}; {@code name} names the data set, e.g. {@code shd/train}. */
    public static InMemoryDataset read(Path file, String name, ShdEncoding encoding) {
        return read(file, file.toString(), name, encoding);
    }

    /**
     * Reads and bins {@code file}, naming it {@code source} in messages (the user's {@code .h5.gz}
     * when {@code file} is its decompressed copy).
     */
    public static InMemoryDataset read(Path file, String source, String name, ShdEncoding encoding) {
        if (!Files.isRegularFile(file)) {
            throw DatasetException.in(source, "no such file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            requireWhole(channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, HEAD)), size, source);
        } catch (IOException e) {
            throw DatasetException.in(source, "cannot read: " + e.getMessage());
        }
        return guarded(source, () -> {
            try (HdfFile hdf = new HdfFile(file)) {
                return read(hdf, source, name, encoding);
            }
        });
    }

    /** Reads and bins an SHD file held in memory; {@code source} names it in messages. */
    public static InMemoryDataset read(byte[] bytes, String source, String name, ShdEncoding encoding) {
        requireWhole(ByteBuffer.wrap(bytes), bytes.length, source);
        return guarded(source, () -> {
            try (HdfFile hdf = HdfFile.fromBytes(bytes)) {
                return read(hdf, source, name, encoding);
            }
        });
    }

    /**
     * Reads and bins an SHD file held in memory whose {@code /labels} may be missing, for
     * prediction: every sample then has label 0.
     */
    public static InMemoryDataset readUnlabelled(byte[] bytes, String source, String name, ShdEncoding encoding) {
        requireWhole(ByteBuffer.wrap(bytes), bytes.length, source);
        return guarded(source, () -> {
            try (HdfFile hdf = HdfFile.fromBytes(bytes)) {
                return read(hdf, source, name, encoding, hdf.getChildren().containsKey("labels"));
            }
        });
    }

    /** A file shorter than its superblock says is truncated, whatever jHDF would trip over first. */
    private static void requireWhole(ByteBuffer head, long size, String source) {
        switch (Hdf5Superblock.extent(head, size)) {
            case Hdf5Superblock.Extent.CutInSuperblock cut ->
                throw DatasetException.in(source, "truncated: the file (" + size + " bytes) ends inside its HDF5 superblock");
            case Hdf5Superblock.Extent.Declared declared when declared.length() > size ->
                throw DatasetException.in(source, "truncated: its HDF5 superblock says the file is " + declared.length()
                    + " bytes long, it has " + size + " (an interrupted download or copy?)");
            default -> {
                // whole, or not HDF5 at all: jHDF reports the latter
            }
        }
    }

    // jHDF reports corrupt structures with its own HdfException but also with whatever a bad offset
    // or size trips over (buffer underflows, negative sizes, …), and a B-tree whose node points back
    // at itself sends it into recursion without end: all mean the same.
    private static InMemoryDataset guarded(String source, Supplier<InMemoryDataset> reader) {
        try {
            return reader.get();
        } catch (DatasetException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(source, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), e);
        } catch (StackOverflowError e) {
            throw unreadable(source, "its structures refer to each other without end", e);
        }
    }

    private static DatasetException unreadable(String source, String why, Throwable cause) {
        return new DatasetException(source + ": not a readable HDF5 file: " + why, cause);
    }

    private static InMemoryDataset read(HdfFile hdf, String source, String name, ShdEncoding encoding) {
        return read(hdf, source, name, encoding, true);
    }

    private static InMemoryDataset read(HdfFile hdf, String source, String name, ShdEncoding encoding, boolean labelled) {
        Object[] times = ragged(hdf, source, "/spikes/times");
        Object[] units = ragged(hdf, source, "/spikes/units");
        Object labels = labelled ? flat(hdf, source, "/labels") : new long[times.length];
        int samples = times.length;
        if (units.length != samples || RaggedArrays.length(labels) != samples) {
            throw DatasetException.in(source, "/spikes/times has " + samples + " samples, /spikes/units "
                + units.length + ", /labels " + RaggedArrays.length(labels) + "; expected the same number in all three");
        }
        SpikeTrainBuilder builder = new SpikeTrainBuilder(encoding.steps(), INPUTS);
        List<SpikeSample> out = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            out.add(sample(source, i, times[i], units[i], RaggedArrays.longAt(labels, i), encoding, builder));
        }
        return new InMemoryDataset(name, INPUTS, encoding.steps(), CLASSES, out);
    }

    private static SpikeSample sample(String source, int i, Object times, Object units, long label,
                                      ShdEncoding encoding, SpikeTrainBuilder builder) {
        if (label < 0 || label >= CLASSES) {
            throw DatasetException.atSample(source, i, "label " + (label == Long.MIN_VALUE ? "not an integer" : label)
                + " out of range [0, " + CLASSES + ")");
        }
        if (!RaggedArrays.isNumeric(times) || !RaggedArrays.isNumeric(units)) {
            throw DatasetException.atSample(source, i, "spike times or units are not numeric arrays");
        }
        int n = RaggedArrays.length(times);
        if (RaggedArrays.length(units) != n) {
            throw DatasetException.atSample(source, i, n + " spike times but " + RaggedArrays.length(units)
                + " unit ids; expected one unit id per spike time");
        }
        builder.reset();
        for (int k = 0; k < n; k++) {
            double t = RaggedArrays.doubleAt(times, k);
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw DatasetException.atSample(source, i, "spike " + k + ": time " + t + " s; expected a finite time >= 0");
            }
            long unit = RaggedArrays.longAt(units, k);
            if (unit < 0 || unit >= INPUTS) {
                throw DatasetException.atSample(source, i, "spike " + k + ": unit id "
                    + (unit == Long.MIN_VALUE ? String.valueOf(RaggedArrays.doubleAt(units, k)) : String.valueOf(unit)) + " out of range [0, " + INPUTS + ")");
            }
            double step = encoding.step(t);
            if (step < encoding.steps()) {
                builder.add((int) unit, (int) step);
            }
        }
        return builder.build((int) label);
    }

    private static Dataset dataset(HdfFile hdf, String source, String path) {
        Node node;
        try {
            node = hdf.getByPath(path);
        } catch (HdfException e) {
            throw DatasetException.in(source, "no dataset " + path + "; expected the official SHD layout "
                + "(/spikes/times, /spikes/units, /labels)");
        }
        if (!(node instanceof Dataset dataset)) {
            throw DatasetException.in(source, path + " is a " + node.getType() + ", expected a dataset");
        }
        requireFits(dataset, hdf.size(), source, path);
        return dataset;
    }

    /**
     * A dataset must fit in its file, allowing for deflate's best ratio: jHDF allocates what a
     * header declares before it reads a byte, so a damaged header could otherwise claim billions
     * of values (found by the fuzz run: an OutOfMemoryError in /labels). Real SHD files are far
     * inside the bound.
     */
    private static void requireFits(Dataset dataset, long fileSize, String source, String path) {
        long values = dataset.getSize();
        long bytes;
        try {
            bytes = Math.multiplyExact(values, Math.max(1, dataset.getDataType().getSize()));
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        if (values < 0 || bytes / MAX_EXPANSION > fileSize) {
            throw DatasetException.in(source, path + " declares " + values + " values (" + bytes + " bytes), more than a "
                + "file of " + fileSize + " bytes can hold, even compressed; the file is damaged");
        }
    }

    private static Object[] ragged(HdfFile hdf, String source, String path) {
        Dataset dataset = dataset(hdf, source, path);
        if (!dataset.isVariableLength() || dataset.getDimensions().length != 1) {
            throw DatasetException.in(source, path + " has shape " + java.util.Arrays.toString(dataset.getDimensions())
                + (dataset.isVariableLength() ? "" : " of fixed-length values")
                + "; expected one variable-length array per sample");
        }
        Object data = dataset.getData();
        if (!(data instanceof Object[] arrays)) {
            throw DatasetException.in(source, path + ": unexpected data of type " + data.getClass().getSimpleName());
        }
        return arrays;
    }

    private static Object flat(HdfFile hdf, String source, String path) {
        Dataset dataset = dataset(hdf, source, path);
        if (dataset.getDimensions().length != 1 || dataset.isVariableLength()) {
            throw DatasetException.in(source, path + " has shape " + java.util.Arrays.toString(dataset.getDimensions())
                + "; expected one number per sample");
        }
        Object data = dataset.getData();
        if (!RaggedArrays.isNumeric(data)) {
            throw DatasetException.in(source, path + ": values of type " + data.getClass().getSimpleName() + ", expected integers");
        }
        return data;
    }
}
