package org.s3gd.kernel;

import org.s3gd.model.LifStep;
import org.s3gd.model.Surrogate;

/** Plain loops over {@link LifStep} and {@link Surrogate}: the reference for the vector twin and the fallback. */
public final class ScalarDenseLifKernel implements DenseLifKernel {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public long integrateStep(float[] history, float[] spikes, int row, int n, float beta, float threshold, float band,
                              float[] v, int vOffset, int[] counts, int countOffset) {
        long active = 0;
        for (int j = 0; j < n; j++) {
            float vt = v[vOffset + j];
            float current = history[row + j];
            history[row + j] = vt;
            boolean spike = LifStep.spikes(vt, threshold);
            spikes[row + j] = spike ? 1f : 0f;
            if (spike) {
                counts[countOffset + j]++;
            }
            if (Surrogate.isActive(vt, threshold, band)) {
                active++;
            }
            v[vOffset + j] = LifStep.next(vt, current, beta, threshold);
        }
        return active;
    }

    @Override
    public void epsilon(float[] grad, float[] membrane, int offset, int steps, int n, float beta, float threshold,
                        float surrogateScale, float[] nextDelta) {
        for (int t = steps - 1; t >= 0; t--) {
            int row = offset + t * n;
            boolean last = t == steps - 1;
            for (int j = 0; j < n; j++) {
                float delta = grad[row + j] * Surrogate.derivative(membrane[row + j], threshold, surrogateScale);
                grad[row + j] = last ? 0f : Math.fma(beta, grad[row + n + j], nextDelta[j]);
                nextDelta[j] = delta;
            }
        }
    }

    @Override
    public void carry(float[] grad, int next, float[] nextDelta, int deltaOffset, int n, float beta, float[] eps,
                      int epsOffset) {
        for (int j = 0; j < n; j++) {
            eps[epsOffset + j] = next < 0 ? 0f : Math.fma(beta, grad[next + j], nextDelta[deltaOffset + j]);
        }
    }

    @Override
    public void delta(float[] grad, float[] membrane, int row, float[] recurrent, int recurrentOffset, float[] eps,
                      int epsOffset, int n, float threshold, float surrogateScale, float[] nextDelta, int deltaOffset) {
        for (int j = 0; j < n; j++) {
            float total = grad[row + j] + recurrent[recurrentOffset + j];
            nextDelta[deltaOffset + j] = total * Surrogate.derivative(membrane[row + j], threshold, surrogateScale);
            grad[row + j] = eps[epsOffset + j];
        }
    }
}
