package org.s3gd.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.s3gd.Prerequisite;

/**
 * Where tests find real data, and the skip messages when it is absent. The shared test data lives
 * in {@code ../shared/data} from the repository root, or wherever the system property
 * {@code s3gd.shared} points. {@code -Ds3gd.data=required}, which {@code .ci/run} passes, turns
 * missing data into a failure instead of a skipped test.
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
        Path found = Stream.of(candidates).filter(c -> Files.isDirectory(c.resolve("nmnist-small")))
            .map(c -> c.toAbsolutePath().normalize()).findFirst().orElse(null);
        Prerequisite.check("s3gd.data", found != null, "the shared test data (nmnist-small/) is not in "
            + (property != null ? property : "../shared/data")
            + "; point the system property s3gd.shared at the folder that holds it");
        return found;
    }

    /** The N-MNIST subset in the official zip layout. */
    public static Path nmnistSmall() {
        return sharedData().resolve("nmnist-small");
    }

    /** Debian's Fashion-MNIST folder, or a skipped test. */
    public static Path fashionMnist() {
        Path dir = Path.of(System.getProperty("s3gd.fashion-mnist", "/usr/share/datasets/fashion-mnist"));
        Prerequisite.check("s3gd.data", Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")),
            "Fashion-MNIST is not installed in " + dir + "; install it with "
                + "'apt-get install dataset-fashion-mnist' (Debian/Ubuntu) or set -Ds3gd.fashion-mnist=<folder>");
        return dir;
    }
}
