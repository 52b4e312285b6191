package org.s3gd.backend;

import java.util.Optional;
import java.util.function.Supplier;
import org.s3gd.kernel.DenseLifKernel;
import org.s3gd.kernel.Gemm;
import org.s3gd.kernel.GemmKernel;
import org.s3gd.kernel.LifKernel;
import org.s3gd.kernel.LifKernels;
import org.s3gd.kernel.ReadoutKernel;
import org.s3gd.kernel.ReadoutKernels;
import org.s3gd.kernel.ScalarDenseLifKernel;
import org.s3gd.kernel.ScalarGemmKernel;
import org.s3gd.kernel.ScalarLifKernel;
import org.s3gd.kernel.ScalarReadoutKernel;
import org.s3gd.kernel.ScalarSparseKernel;
import org.s3gd.kernel.ScalarVectorOps;
import org.s3gd.kernel.SparseKernel;
import org.s3gd.kernel.SparseKernels;
import org.s3gd.kernel.VectorOps;
import org.s3gd.kernel.VectorOpsKernel;
import org.s3gd.kernel.simd.SimdKernels;

/**
 * The backends this JVM can run, and the one place that decides which is standard (the Lucene
 * {@code VectorizationProvider} pattern): the Vector API kernels where the
 * {@code jdk.incubator.vector} module is present, the plain loops otherwise or when the system
 * property {@value #KERNEL_PROPERTY}{@code =scalar} asks for them. The plain loops never touch the
 * incubator module, so s3gd runs, slower, on a JVM started without
 * {@code --add-modules jdk.incubator.vector}.
 */
public final class Backends {
    /** The system property that can force the plain loops; the only recognised value is {@code scalar}. */
    public static final String KERNEL_PROPERTY = "s3gd.kernel";
    /** The JVM option that makes the Vector API kernels available. */
    public static final String VECTOR_OPTION = "--add-modules jdk.incubator.vector";

    private static final Backend SCALAR = new CpuBackend("cpu scalar", new LifKernels(new ScalarLifKernel()),
        new ReadoutKernels(new ScalarReadoutKernel()), new SparseKernels(new ScalarSparseKernel()), new ScalarDenseLifKernel(), new VectorOps(new ScalarVectorOps()),
        new Gemm(new ScalarGemmKernel()));

    private Backends() {
    }

    /** The backend networks get unless told otherwise: vector where possible, unless the switch says scalar. */
    public static Backend standard() {
        return Standard.BACKEND;
    }

    /** The plain loops: the reference for every vector kernel, and the fallback. */
    public static Backend scalar() {
        return SCALAR;
    }

    /** The Vector API kernels, or empty where this JVM lacks the incubator module. */
    public static Optional<Backend> vector() {
        return Vector.BACKEND;
    }

    /** Whether this JVM was started with the incubator vector module. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Whether the standard backend runs the plain loops because the module is missing (not because it was asked to). */
    public static boolean scalarForLackOfModule() {
        return !vectorModulePresent() && !"scalar".equals(System.getProperty(KERNEL_PROPERTY));
    }

    // Holders: each backend is built on first use only, and the vector one only where the module is.
    private static final class Standard {
        static final Backend BACKEND = "scalar".equals(System.getProperty(KERNEL_PROPERTY))
            ? SCALAR : Vector.BACKEND.orElse(SCALAR);
    }

    private static final class Vector {
        static final Optional<Backend> BACKEND = vectorModulePresent() ? Optional.of(build()) : Optional.empty();

        private static Backend build() {
            LifKernel lif = orScalar(SimdKernels::lif, new ScalarLifKernel());
            ReadoutKernel readout = orScalar(SimdKernels::readout, new ScalarReadoutKernel());
            SparseKernel sparse = orScalar(SimdKernels::sparse, new ScalarSparseKernel());
            DenseLifKernel dense = orScalar(SimdKernels::denseLif, new ScalarDenseLifKernel());
            VectorOpsKernel ops = orScalar(SimdKernels::vectorOps, new ScalarVectorOps());
            GemmKernel gemm = orScalar(SimdKernels::gemm, new ScalarGemmKernel());
            String name = "cpu " + SimdKernels.shape() + (gemm instanceof ScalarGemmKernel ? " (scalar matmul)" : "");
            return new CpuBackend(name, new LifKernels(lif), new ReadoutKernels(readout), new SparseKernels(sparse), dense, new VectorOps(ops),
                new Gemm(gemm));
        }

        // A vector kernel, or the scalar one where the preferred vectors are too narrow to pay.
        private static <K> K orScalar(Supplier<K> vector, K scalar) {
            try {
                return vector.get();
            } catch (UnsupportedOperationException e) {
                return scalar;
            }
        }
    }
}
