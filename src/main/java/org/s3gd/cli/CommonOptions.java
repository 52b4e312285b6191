package org.s3gd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.s3gd.data.DataLocator;
import org.s3gd.data.DataSource;
import org.s3gd.data.DatasetException;
import org.s3gd.data.DatasetId;
import org.s3gd.train.output.RunSetup;
import picocli.CommandLine.Option;

/** Options every command that reads data shares. */
final class CommonOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Folder holding the data sets (each in its own subfolder, or directly); when given, the data "
            + "set must be there. Without it: /usr/share/datasets/fashion-mnist, then $XDG_DATA_HOME/s3gd or "
            + "~/.local/share/s3gd; for a resumed or evaluated run, the folder it read.")
    Path dataDir;

    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "Where binned spike trains are cached (default $XDG_CACHE_HOME/s3gd or ~/.cache/s3gd; "
            + "for a resumed or evaluated run, the cache it used).")
    Path cacheDir;

    DataLocator locator() {
        return DataLocator.standard(dataDir, cacheDir);
    }

    /**
     * Where {@code dataset} is read from: {@code --data-dir} when given; else, for a run that
     * recorded its data folder, that folder; else the standard places.
     */
    DataSource source(DatasetId dataset, Optional<RunSetup> recorded) {
        Optional<Path> folder = recorded.map(RunSetup::data).filter(d -> d.dataset() == dataset).map(d -> d.folder());
        if (dataDir != null || folder.isEmpty()) {
            return locator().locate(dataset);
        }
        try {
            return DataSource.in(dataset, folder.get(), DataLocator.Origin.RUN);
        } catch (DatasetException e) {
            throw new DatasetException(dataset.folder() + ": the run read its data from " + folder.get() + ", which "
                + (Files.isDirectory(folder.get()) ? "now lacks " + String.join(", ", dataset.missingIn(folder.get()))
                    : "no longer exists")
                + "; give the folder that holds it with --data-dir", e);
        }
    }

    /** The cache: {@code --cache-dir} when given, else the one the run recorded, else the standard one. */
    Path cacheFolder(Optional<RunSetup> recorded) {
        if (cacheDir != null) {
            return cacheDir;
        }
        return recorded.map(RunSetup::cacheFolder).orElseGet(() -> locator().cacheDir());
    }
}
