package org.s3gd.backend;

import org.s3gd.kernel.DenseLifKernel;
import org.s3gd.kernel.Gemm;
import org.s3gd.kernel.LifKernels;
import org.s3gd.kernel.ReadoutKernels;
import org.s3gd.kernel.SparseKernels;
import org.s3gd.kernel.VectorOps;

/**
 * Where a network's arithmetic runs: the kernels its layers call. A network gets one backend when
 * its runner is built ({@link Backends#standard()} unless told otherwise), and every layer asks it
 * for its kernels; a layer never picks a kernel itself. The CPU backend comes in a Vector API and a
 * plain-loop variant; another device would be another implementation of this interface, and the
 * layers' callers would not change.
 */
public interface Backend {
    /** In words, for reports and run.json: e.g. {@code cpu vector-512}. */
    String name();

    /** Event-driven LIF forward walks. */
    LifKernels lif();

    /** The event-driven readout's forward and backward. */
    ReadoutKernels readout();

    /** The sparse backward's row sums and walks. */
    SparseKernels sparse();

    /** The dense method's element-wise recurrences. */
    DenseLifKernel denseLif();

    /** Small vector operations (row additions, dot products). */
    VectorOps vectors();

    /** Dense matrix products. */
    Gemm gemm();
}
