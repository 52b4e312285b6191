package org.s3gd.train.output;

import java.nio.file.Path;
import org.s3gd.data.DataSource;

/**
 * What a run records in {@value RunManifest#FILE} besides its configuration, so that resuming or
 * evaluating it needs no option repeated: where its data came from, the cache it used, and
 * whether it draws plots.
 *
 * @param data        the data set's folder and files
 * @param cacheFolder the cache of binned and decompressed data, or null when none was used
 * @param plots       whether the run draws its PNG plots
 */
public record RunSetup(DataSource data, Path cacheFolder, boolean plots) {
}
