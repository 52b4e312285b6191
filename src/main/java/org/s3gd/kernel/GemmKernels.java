package org.s3gd.kernel;

import java.util.Optional;

/**
 * Chooses the {@link GemmKernel} once, when this class is first used (the Lucene
 * {@code VectorizationProvider} pattern): the Vector API kernel when the
 * {@code jdk.incubator.vector} module is present and the preferred vector holds at least 8 floats,
 * the scalar kernel otherwise. The system property {@code s3gd.kernel=scalar} forces the scalar
 * kernel, to measure or rule out the vectorised one.
 */
public final class GemmKernels {
    /** The system property that can force a kernel; the only recognised value is {@code scalar}. */
    public static final String KERNEL_PROPERTY = "s3gd.kernel";

    private static final int MIN_LANES = 8;
    private static final GemmKernel SCALAR = new ScalarGemmKernel();
    private static final Optional<GemmKernel> VECTOR = loadVectorKernel();
    private static final GemmKernel SELECTED =
            "scalar".equals(System.getProperty(KERNEL_PROPERTY)) ? SCALAR : VECTOR.orElse(SCALAR);

    private GemmKernels() {
    }

    /** The kernel {@link Gemm} uses. */
    public static GemmKernel selected() {
        return SELECTED;
    }

    public static GemmKernel scalar() {
        return SCALAR;
    }

    /** The Vector API kernel, or empty where this JVM cannot run it well. */
    public static Optional<GemmKernel> vector() {
        return VECTOR;
    }

    private static Optional<GemmKernel> loadVectorKernel() {
        // Without the module, touching VectorGemmKernel would fail to link: check first.
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        try {
            if (VectorMicroKernel.LANES < MIN_LANES) {
                // 128-bit vectors: the scalar loops are about as fast and simpler to trust.
                return Optional.empty();
            }
            return Optional.of(new VectorGemmKernel());
        } catch (LinkageError e) {
            return Optional.empty();
        }
    }
}
