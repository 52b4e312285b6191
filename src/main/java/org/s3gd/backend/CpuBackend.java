package org.s3gd.backend;

import org.s3gd.kernel.DenseLifKernel;
import org.s3gd.kernel.Gemm;
import org.s3gd.kernel.LifKernels;
import org.s3gd.kernel.ReadoutKernels;
import org.s3gd.kernel.SparseKernels;
import org.s3gd.kernel.VectorOps;

/** The CPU backend: one kernel of each family, chosen by {@link Backends}. */
record CpuBackend(String name, LifKernels lif, ReadoutKernels readout, SparseKernels sparse, DenseLifKernel denseLif, VectorOps vectors,
                  Gemm gemm) implements Backend {
}
