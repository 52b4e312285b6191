package org.s3gd.data;

import java.nio.file.Path;
import org.s3gd.data.fmnist.FashionMnist;
import org.s3gd.data.fmnist.LatencyEncoding;
import org.s3gd.data.nmnist.Nmnist;
import org.s3gd.data.nmnist.NmnistEncoding;
import org.s3gd.data.shd.Shd;
import org.s3gd.data.shd.ShdEncoding;
import org.s3gd.data.synthetic.RandomManifolds;
import org.s3gd.parallel.Workers;

/** Loads any known data set by its id: the single entry point for the command line. */
public final class Datasets {
    private Datasets() {
    }

    /**
     * Finds the data set's files with {@code locator} and loads both splits.
     *
     * @throws DatasetException if the files are missing (saying where to put them) or bad
     */
    public static DatasetSplit load(DatasetId dataset, DataLocator locator, DatasetOptions options, Workers workers) {
        if (dataset == DatasetId.SYNTHETIC) {
            return RandomManifolds.generate(options.synthetic());
        }
        return load(locator.locate(dataset), new SpikeCache(locator.cacheDir()), options, workers);
    }

    /** Loads both splits from {@code source}; {@code cache} holds binned N-MNIST and decompressed SHD files. */
    public static DatasetSplit load(DataSource source, SpikeCache cache, DatasetOptions options, Workers workers) {
        return load(source.dataset(), source.folder(), cache, options, workers);
    }

    /** Loads both splits from {@code directory}, which holds the data set's files. */
    public static DatasetSplit load(DatasetId dataset, Path directory, SpikeCache cache, DatasetOptions options, Workers workers) {
        return switch (dataset) {
            case SYNTHETIC -> RandomManifolds.generate(options.synthetic());
            case FASHION_MNIST -> FashionMnist.load(directory,
                LatencyEncoding.paper(options.dtMillis(), options.steps()), options.verify());
            case NMNIST -> Nmnist.load(directory,
                new NmnistEncoding(Math.round(options.dtMillis() * 1000), options.steps(), options.keepPolarity()), cache, workers);
            case SHD -> Shd.load(directory, new ShdEncoding(options.dtMillis() / 1000, options.steps()), cache);
        };
    }
}
