package org.s3gd;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * A thing from outside the repository that some tests need: a SLURM cluster, the reference NIR
 * package with Python, the shared real data. A plain {@code ./mvnw verify} skips those tests where
 * it is missing, so that the build runs anywhere; {@code .ci/run} passes {@code -D<property>=required}
 * for each, so that CI, which installs them all, fails instead of going green with the tests
 * silently skipped.
 */
public final class Prerequisite {
    private Prerequisite() {
    }

    /**
     * Returns where {@code present}; otherwise skips the test, saying {@code problem}, or fails it
     * when the system property {@code property} is {@code required}.
     */
    public static void check(String property, boolean present, String problem) {
        if (present) {
            return;
        }
        if ("required".equals(System.getProperty(property))) {
            fail("-D" + property + "=required, but " + problem);
        }
        Assumptions.abort("skipped: " + problem + " (-D" + property + "=required makes this a failure)");
    }
}
