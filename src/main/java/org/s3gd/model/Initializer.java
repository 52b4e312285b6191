package org.s3gd.model;

import java.util.SplittableRandom;

/** Weight initialisations of the paper's experiments (ALGORITHM.md §5). */
public enum Initializer {
    /** {@code normal(0, 20·(1−β)/√fan_in)}: F-MNIST. */
    SCALED_NORMAL,
    /** {@code uniform(±1/√fan_in)}: N-MNIST and SHD. */
    UNIFORM;

    /** Fills a {@code fanIn × fanOut} matrix; β is the decay of the layer the weights feed. */
    public void fill(float[] weights, int fanIn, float beta, SplittableRandom random) {
        double scale = 1.0 / Math.sqrt(fanIn);
        switch (this) {
            case SCALED_NORMAL -> {
                double std = 20.0 * (1.0 - beta) * scale;
                for (int k = 0; k < weights.length; k++) {
                    weights[k] = (float) (std * gaussian(random));
                }
            }
            case UNIFORM -> {
                for (int k = 0; k < weights.length; k++) {
                    weights[k] = (float) (scale * (2.0 * random.nextDouble() - 1.0));
                }
            }
        }
    }

    // Marsaglia's polar method: exact normal deviates from the seeded stream, no hidden state.
    private static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2.0 * random.nextDouble() - 1.0;
            v = 2.0 * random.nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        return u * Math.sqrt(-2.0 * Math.log(s) / s);
    }
}
