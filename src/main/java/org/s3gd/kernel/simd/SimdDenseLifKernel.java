package org.s3gd.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.s3gd.kernel.DenseLifKernel;
import org.s3gd.kernel.ScalarDenseLifKernel;

/**
 * The dense method's element-wise passes, a vector of neurons at a time, so that the dense
 * baseline is a fair one; the tail of each row goes to the scalar kernel. The same expressions as
 * {@link ScalarDenseLifKernel} lane by lane: the results are equal bit for bit.
 */
public final class SimdDenseLifKernel implements DenseLifKernel {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;
    private final ScalarDenseLifKernel tail = new ScalarDenseLifKernel();

    public SimdDenseLifKernel() {
        Simd.requireWideVectors();
    }

    @Override
    public String name() {
        return Simd.name();
    }

    @Override
    public long integrateStep(float[] history, float[] spikes, int row, int n, float beta, float threshold, float band,
                              float[] v, int vOffset, int[] counts, int countOffset) {
        long active = 0;
        int j = 0;
        FloatVector betas = FloatVector.broadcast(SPECIES, beta);
        for (int upper = SPECIES.loopBound(n); j < upper; j += LANES) {
            FloatVector vt = FloatVector.fromArray(SPECIES, v, vOffset + j);
            FloatVector current = FloatVector.fromArray(SPECIES, history, row + j);
            vt.intoArray(history, row + j);
            VectorMask<Float> fired = vt.compare(VectorOperators.GT, threshold);
            FloatVector.zero(SPECIES).blend(1f, fired).intoArray(spikes, row + j);
            active += VectorSurrogate.active(vt, threshold, band).trueCount();
            // v[t+1] = β·v[t] + I[t] − θ·s[t], as LifStep.next
            vt.fma(betas, current).lanewise(VectorOperators.SUB, threshold, fired).intoArray(v, vOffset + j);
            long bits = fired.toLong();
            while (bits != 0) {
                counts[countOffset + j + Long.numberOfTrailingZeros(bits)]++;
                bits &= bits - 1;
            }
        }
        if (j < n) {
            active += tail.integrateStep(history, spikes, row + j, n - j, beta, threshold, band, v, vOffset + j, counts,
                countOffset + j);
        }
        return active;
    }

    @Override
    public void epsilon(float[] grad, float[] membrane, int offset, int steps, int n, float beta, float threshold,
                        float surrogateScale, float[] nextDelta) {
        FloatVector betas = FloatVector.broadcast(SPECIES, beta);
        int vectorWidth = SPECIES.loopBound(n);
        for (int t = steps - 1; t >= 0; t--) {
            int row = offset + t * n;
            boolean last = t == steps - 1;
            for (int j = 0; j < vectorWidth; j += LANES) {
                FloatVector g = FloatVector.fromArray(SPECIES, grad, row + j);
                FloatVector delta = g.mul(VectorSurrogate.derivative(FloatVector.fromArray(SPECIES, membrane, row + j), threshold,
                    surrogateScale));
                FloatVector eps = last ? FloatVector.zero(SPECIES)
                    : FloatVector.fromArray(SPECIES, grad, row + n + j).fma(betas, FloatVector.fromArray(SPECIES, nextDelta, j));
                eps.intoArray(grad, row + j);
                delta.intoArray(nextDelta, j);
            }
        }
        if (vectorWidth < n) {
            tailEpsilon(grad, membrane, offset, steps, n, vectorWidth, beta, threshold, surrogateScale, nextDelta);
        }
    }

    // The columns [from, n) of every row: the scalar kernel's loop on a column range.
    private static void tailEpsilon(float[] grad, float[] membrane, int offset, int steps, int n, int from, float beta,
                                    float threshold, float surrogateScale, float[] nextDelta) {
        for (int t = steps - 1; t >= 0; t--) {
            int row = offset + t * n;
            boolean last = t == steps - 1;
            for (int j = from; j < n; j++) {
                float delta = grad[row + j] * org.s3gd.model.Surrogate.derivative(membrane[row + j], threshold, surrogateScale);
                grad[row + j] = last ? 0f : Math.fma(beta, grad[row + n + j], nextDelta[j]);
                nextDelta[j] = delta;
            }
        }
    }

    @Override
    public void carry(float[] grad, int next, float[] nextDelta, int deltaOffset, int n, float beta, float[] eps,
                      int epsOffset) {
        int j = 0;
        FloatVector betas = FloatVector.broadcast(SPECIES, beta);
        for (int upper = SPECIES.loopBound(n); j < upper; j += LANES) {
            FloatVector e = next < 0 ? FloatVector.zero(SPECIES)
                : FloatVector.fromArray(SPECIES, grad, next + j).fma(betas, FloatVector.fromArray(SPECIES, nextDelta, deltaOffset + j));
            e.intoArray(eps, epsOffset + j);
        }
        if (j < n) {
            tail.carry(grad, next < 0 ? next : next + j, nextDelta, deltaOffset + j, n - j, beta, eps, epsOffset + j);
        }
    }

    @Override
    public void delta(float[] grad, float[] membrane, int row, float[] recurrent, int recurrentOffset, float[] eps,
                      int epsOffset, int n, float threshold, float surrogateScale, float[] nextDelta, int deltaOffset) {
        int j = 0;
        for (int upper = SPECIES.loopBound(n); j < upper; j += LANES) {
            FloatVector total = FloatVector.fromArray(SPECIES, grad, row + j)
                .add(FloatVector.fromArray(SPECIES, recurrent, recurrentOffset + j));
            total.mul(VectorSurrogate.derivative(FloatVector.fromArray(SPECIES, membrane, row + j), threshold, surrogateScale))
                .intoArray(nextDelta, deltaOffset + j);
            FloatVector.fromArray(SPECIES, eps, epsOffset + j).intoArray(grad, row + j);
        }
        if (j < n) {
            tail.delta(grad, membrane, row + j, recurrent, recurrentOffset + j, eps, epsOffset + j, n - j, threshold,
                surrogateScale, nextDelta, deltaOffset + j);
        }
    }
}
