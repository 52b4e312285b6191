package org.s3gd.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.s3gd.kernel.VectorOpsKernel;

/** Vector API kernels with the preferred species; tails are handled with scalar loops. */
public final class SimdVectorOps implements VectorOpsKernel {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;

    public SimdVectorOps() {
        Simd.requireWideVectors();
    }

    @Override
    public String name() {
        return Simd.name();
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector va = FloatVector.broadcast(SPECIES, a);
        int k = 0;
        for (int upper = SPECIES.loopBound(n); k < upper; k += LANES) {
            FloatVector vx = FloatVector.fromArray(SPECIES, x, xOff + k);
            FloatVector vy = FloatVector.fromArray(SPECIES, y, yOff + k);
            vx.fma(va, vy).intoArray(y, yOff + k);
        }
        if (k < n) {
            // Masked tail: one vector operation instead of up to LANES − 1 scalar ones.
            VectorMask<Float> m = SPECIES.indexInRange(k, n);
            FloatVector vx = FloatVector.fromArray(SPECIES, x, xOff + k, m);
            FloatVector vy = FloatVector.fromArray(SPECIES, y, yOff + k, m);
            vx.fma(va, vy).intoArray(y, yOff + k, m);
        }
    }

    @Override
    public void scale(float a, float[] x, int off, int n) {
        scaleInto(a, x, off, x, off, n);
    }

    @Override
    public void scaleInto(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        int k = 0;
        for (int upper = SPECIES.loopBound(n); k < upper; k += LANES) {
            FloatVector.fromArray(SPECIES, x, xOff + k).mul(a).intoArray(y, yOff + k);
        }
        if (k < n) {
            VectorMask<Float> m = SPECIES.indexInRange(k, n);
            FloatVector.fromArray(SPECIES, x, xOff + k, m).mul(a).intoArray(y, yOff + k, m);
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        // Two accumulators hide the FMA latency; the lane sum order is fixed, so results repeat.
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int k = 0;
        for (int upper = n - 2 * LANES; k <= upper; k += 2 * LANES) {
            acc0 = FloatVector.fromArray(SPECIES, x, xOff + k).fma(FloatVector.fromArray(SPECIES, y, yOff + k), acc0);
            acc1 = FloatVector.fromArray(SPECIES, x, xOff + k + LANES)
                .fma(FloatVector.fromArray(SPECIES, y, yOff + k + LANES), acc1);
        }
        for (int upper = SPECIES.loopBound(n); k < upper; k += LANES) {
            acc0 = FloatVector.fromArray(SPECIES, x, xOff + k).fma(FloatVector.fromArray(SPECIES, y, yOff + k), acc0);
        }
        float sum = sumLanes(acc0.add(acc1));
        for (; k < n; k++) {
            sum = Math.fma(x[xOff + k], y[yOff + k], sum);
        }
        return sum;
    }

    /**
     * The sum of the lanes in a fixed pairwise order. Not {@code reduceLanes(ADD)}: its order is
     * left open, and C2's intrinsic and the interpreter's fallback use different ones, so the same
     * run gave different sums before and after the JIT compiled it — results then depended on
     * timing. Slices and lane-wise adds are exact in both.
     */
    static float sumLanes(FloatVector v) {
        FloatVector sum = v;
        for (int half = LANES / 2; half >= 1; half /= 2) {
            sum = sum.add(sum.slice(half));
        }
        return sum.lane(0);
    }

    @Override
    public int indicesAbove(float[] x, int n, float level, int[] out) {
        // Almost every neuron is far below threshold: test a whole vector at once, scan rare hits.
        int count = 0;
        int k = 0;
        for (int upper = SPECIES.loopBound(n); k < upper; k += LANES) {
            long bits = FloatVector.fromArray(SPECIES, x, k).compare(VectorOperators.GT, level).toLong();
            while (bits != 0) {
                out[count++] = k + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        for (; k < n; k++) {
            if (x[k] > level) {
                out[count++] = k;
            }
        }
        return count;
    }
}
