package org.s3gd.kernel.simd;

import org.s3gd.kernel.DenseLifKernel;
import org.s3gd.kernel.GemmKernel;
import org.s3gd.kernel.LifKernel;
import org.s3gd.kernel.ReadoutKernel;
import org.s3gd.kernel.SparseKernel;
import org.s3gd.kernel.VectorOpsKernel;

/**
 * The Vector API kernels, created through their interfaces so that no class outside this package
 * links against {@code jdk.incubator.vector}. Call only where that module is present; each factory
 * throws {@link UnsupportedOperationException} where the preferred vectors are too narrow to pay.
 */
public final class SimdKernels {
    private SimdKernels() {
    }

    /** The vector shape, e.g. {@code vector-512}. */
    public static String shape() {
        return Simd.name();
    }

    public static LifKernel lif() {
        return new SimdLifKernel();
    }

    public static ReadoutKernel readout() {
        return new SimdReadoutKernel();
    }

    public static SparseKernel sparse() {
        return new SimdSparseKernel();
    }

    public static DenseLifKernel denseLif() {
        return new SimdDenseLifKernel();
    }

    public static VectorOpsKernel vectorOps() {
        return new SimdVectorOps();
    }

    public static GemmKernel gemm() {
        return new VectorGemmKernel();
    }
}
