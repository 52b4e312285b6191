package org.s3gd.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find real data, and the skip messages when it is absent. The shared test data lives
 * in {@code ../shared/data} from the repository root, or wherever the system property
 * {@code s3gd.shared} points.
 */
public final class RealData {
    private RealData() {
    }

    /** The shared test-data folder (holding {@code nmnist-small/}), or a skipped test. */
    public static Path sharedData() {
        String property = System.getProperty("s3gd.shared");
        Path[] candidates = property != null
            ? new Path[] {Path.of(property), Path.of(property, "data")}
            : new Path[] {Path.of("..", "shared", "data"), Path.of("shared", "data")};
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve("nmnist-small"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        assumeTrue(false, "skipped: the shared test data (nmnist-small/) is not in ../shared/data; "
            + "point the system property s3gd.shared at the folder that holds it");
        throw new AssertionError("unreachable");
    }

    /** The N-MNIST subset in the official zip layout. */
    public static Path nmnistSmall() {
        return sharedData().resolve("nmnist-small");
    }

    /** Debian's Fashion-MNIST folder, or a skipped test. */
    public static Path fashionMnist() {
        Path dir = Path.of(System.getProperty("s3gd.fashion-mnist", "/usr/share/datasets/fashion-mnist"));
        assumeTrue(Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")),
            "skipped: Fashion-MNIST is not installed in " + dir + "; install it with "
                + "'apt-get install dataset-fashion-mnist' (Debian/Ubuntu) or set -Ds3gd.fashion-mnist=<folder>");
        return dir;
    }
}
