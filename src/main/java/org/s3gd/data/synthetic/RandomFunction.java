package org.s3gd.data.synthetic;

import java.util.SplittableRandom;

/**
 * One smooth random function from {@code [0,1]^D} to the reals, the building block of Zenke &amp;
 * Vogels' "randman" (2021): a product over latent dimensions of random Fourier series
 *
 * <pre>
 * f(x) = Π_d Σ_{k=0}^{K-1} a_{dk} · (k+1)^(-alpha) · sin(2π (k · x_d · b_{dk} + c_{dk}))
 * </pre>
 *
 * with {@code a, b, c} uniform in {@code [0,1)}, {@code a_{d0} = 0} (no constant term) and the
 * cut-off {@code K = ceil(precision^(-1/alpha))}, capped at 1000, as in the reference code.
 */
final class RandomFunction {
    private static final double PRECISION = 1e-3;
    private static final int MAX_CUTOFF = 1000;

    private final int dims;
    private final int cutoff;
    /** [d][k]: amplitude already multiplied by the spectrum (k+1)^-alpha. */
    private final double[][] amplitude;
    private final double[][] frequency;
    private final double[][] phase;

    RandomFunction(int dims, double alpha, SplittableRandom random) {
        this.dims = dims;
        this.cutoff = cutoff(alpha);
        this.amplitude = new double[dims][cutoff];
        this.frequency = new double[dims][cutoff];
        this.phase = new double[dims][cutoff];
        for (int d = 0; d < dims; d++) {
            for (int k = 0; k < cutoff; k++) {
                amplitude[d][k] = k == 0 ? 0 : random.nextDouble() * Math.pow(k + 1, -alpha);
                frequency[d][k] = random.nextDouble();
                phase[d][k] = random.nextDouble();
            }
        }
    }

    static int cutoff(double alpha) {
        return (int) Math.min(Math.ceil(Math.pow(PRECISION, -1 / alpha)), MAX_CUTOFF);
    }

    double value(double[] x) {
        double product = 1;
        for (int d = 0; d < dims; d++) {
            double sum = 0;
            double[] a = amplitude[d];
            double[] b = frequency[d];
            double[] c = phase[d];
            for (int k = 1; k < cutoff; k++) {
                sum += a[k] * Math.sin(2 * Math.PI * (k * x[d] * b[k] + c[k]));
            }
            product *= sum;
        }
        return product;
    }
}
