package org.s3gd.optim;

import java.util.List;
import org.s3gd.model.Parameter;
import org.s3gd.parallel.Workers;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction, as in PyTorch's {@code torch.optim.Adam}.
 *
 * <p>Life cycle: construct over a network's parameters (moments start at zero), call
 * {@link #step()} after each backward pass to update the weights in place from their gradients,
 * {@link #reset()} to forget the moments. The moments and the step count are state that a
 * checkpoint must save to resume exactly ({@link #firstMoment}, {@link #secondMoment},
 * {@link #stepCount}, {@link #restore}).
 */
public final class Adam {
    private final List<Parameter> parameters;
    private final AdamParameters settings;
    private final float[][] firstMoment;
    private final float[][] secondMoment;
    private long stepCount;

    public Adam(List<Parameter> parameters, AdamParameters settings) {
        this.parameters = List.copyOf(parameters);
        this.settings = settings;
        this.firstMoment = new float[this.parameters.size()][];
        this.secondMoment = new float[this.parameters.size()][];
        for (int p = 0; p < this.parameters.size(); p++) {
            firstMoment[p] = new float[this.parameters.get(p).size()];
            secondMoment[p] = new float[this.parameters.get(p).size()];
        }
    }

    public AdamParameters settings() {
        return settings;
    }

    /** One update of every parameter from its current gradient. */
    public void step() {
        try (Workers serial = Workers.serial()) {
            step(serial);
        }
    }

    /** {@link #step()} with each parameter's elements split over {@code workers} (element by element: the same bits). */
    public void step(Workers workers) {
        stepCount++;
        double lr = settings.learningRate();
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        double correction1 = 1.0 - Math.pow(b1, stepCount);
        double correction2 = 1.0 - Math.pow(b2, stepCount);
        float stepSize = (float) (lr / correction1);
        float sqrtCorrection2 = (float) Math.sqrt(correction2);
        float eps = (float) settings.epsilon();
        float fb1 = (float) b1;
        float fb2 = (float) b2;
        for (int p = 0; p < parameters.size(); p++) {
            float[] w = parameters.get(p).value();
            float[] g = parameters.get(p).gradient();
            float[] m = firstMoment[p];
            float[] v = secondMoment[p];
            workers.forEachChunk(w.length, (chunk, from, to) -> {
                for (int k = from; k < to; k++) {
                    float gk = g[k];
                    m[k] = fb1 * m[k] + (1f - fb1) * gk;
                    v[k] = fb2 * v[k] + (1f - fb2) * gk * gk;
                    // p ← p − lr·m̂ / (√v̂ + ε), written as PyTorch does: (√v / √(1−β2^t)) + ε
                    w[k] -= stepSize * m[k] / ((float) Math.sqrt(v[k]) / sqrtCorrection2 + eps);
                }
            });
        }
    }

    /** Forgets the moments and the step count. */
    public void reset() {
        stepCount = 0;
        for (int p = 0; p < parameters.size(); p++) {
            java.util.Arrays.fill(firstMoment[p], 0f);
            java.util.Arrays.fill(secondMoment[p], 0f);
        }
    }

    public long stepCount() {
        return stepCount;
    }

    /** First moment of parameter {@code p} (live array). */
    public float[] firstMoment(int p) {
        return firstMoment[p];
    }

    /** Second moment of parameter {@code p} (live array). */
    public float[] secondMoment(int p) {
        return secondMoment[p];
    }

    /** Sets the step count after the moments were filled from a checkpoint. */
    public void restore(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + steps);
        }
        this.stepCount = steps;
    }
}
