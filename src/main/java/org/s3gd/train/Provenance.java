package org.s3gd.train;

import java.time.Instant;

/**
 * Where a trained model came from, besides its {@link TrainingConfig}: what produced it and on
 * what data.
 *
 * @param version         the s3gd version
 * @param dataset         the data set's training split name, e.g. {@code fashion-mnist/train}
 * @param datasetChecksum fingerprint of both splits as spike trains ({@link DatasetFingerprint})
 * @param jvm             the Java runtime
 * @param started         when the run began (the first start, not a resume)
 */
public record Provenance(String version, String dataset, String datasetChecksum, String jvm, String started) {
    /** The provenance of a run starting now on data with the given fingerprint. */
    public static Provenance now(String dataset, String datasetChecksum) {
        return new Provenance(BuildInfo.version(), dataset, datasetChecksum, BuildInfo.jvm(), Instant.now().toString());
    }
}
