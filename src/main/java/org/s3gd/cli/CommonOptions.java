package org.s3gd.cli;

import java.nio.file.Path;
import org.s3gd.data.DataLocator;
import picocli.CommandLine.Option;

/** Options every command that reads data shares. */
final class CommonOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Folder holding the data sets (each in its own subfolder, or directly). "
            + "Also searched: /usr/share/datasets/fashion-mnist, $XDG_DATA_HOME/s3gd or ~/.local/share/s3gd.")
    Path dataDir;

    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "Where binned spike trains are cached (default $XDG_CACHE_HOME/s3gd or ~/.cache/s3gd).")
    Path cacheDir;

    DataLocator locator() {
        return DataLocator.standard(dataDir, cacheDir);
    }
}
