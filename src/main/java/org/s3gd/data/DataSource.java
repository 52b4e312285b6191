package org.s3gd.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a data set is read from: its folder, how that folder was chosen, and the files in it that
 * are read. What every load reports and what a run records, so that resuming or evaluating it
 * reads the same files. The synthetic task has no folder and no files.
 *
 * @param dataset the data set
 * @param folder  the folder holding its files, or null for the synthetic task
 * @param origin  how the folder came to be used
 * @param files   the files read, in the order they are read
 */
public record DataSource(DatasetId dataset, Path folder, DataLocator.Origin origin, List<Path> files) {
    public DataSource {
        files = List.copyOf(files);
        if ((folder == null) != (dataset == DatasetId.SYNTHETIC)) {
            throw new IllegalArgumentException(dataset.folder() + (folder == null ? " needs a folder" : " has no folder"));
        }
    }

    /** The synthetic task: generated in-process. */
    public static DataSource generated() {
        return new DataSource(DatasetId.SYNTHETIC, null, DataLocator.Origin.BUILT_IN, List.of());
    }

    /**
     * The data set's files in {@code folder}.
     *
     * @throws DatasetException naming the folder and the files it lacks
     */
    public static DataSource in(DatasetId dataset, Path folder, DataLocator.Origin origin) {
        if (dataset == DatasetId.SYNTHETIC) {
            return generated();
        }
        List<String> missing = dataset.missingIn(folder);
        if (!missing.isEmpty()) {
            throw DatasetException.in(folder, dataset.folder() + " needs " + String.join(", ", missing) + " here");
        }
        return new DataSource(dataset, folder.toAbsolutePath().normalize(), origin, dataset.filesIn(folder));
    }

    /** E.g. {@code /data/nmnist (--data-dir): Train.zip, Test.zip}. */
    public String describe() {
        if (folder == null) {
            return "built in, generated from a seed";
        }
        StringBuilder names = new StringBuilder();
        for (Path file : files) {
            names.append(names.isEmpty() ? "" : ", ").append(folder.relativize(file.toAbsolutePath().normalize()));
        }
        return folder + " (" + origin.description() + "): " + names;
    }
}
