package org.s3gd.data.synthetic;

/**
 * The shape and difficulty of a random-manifold task ({@link RandomManifolds}).
 *
 * @param inputs          number of input units; each fires once per sample
 * @param steps           number of time steps T; spike times fill {@code [0, T)}
 * @param classes         number of classes, one random manifold each
 * @param trainPerClass   training samples per class
 * @param testPerClass    test samples per class
 * @param manifoldDim     dimension of each manifold's latent space (Zenke &amp; Vogels' {@code D});
 *                        higher is harder
 * @param alpha           smoothness: the k-th Fourier component has weight {@code 1/k^alpha};
 *                        lower is rougher, hence harder
 * @param jitter          standard deviation, in steps, of Gaussian noise added to each spike time;
 *                        0 for none
 * @param seed            the seed everything is drawn from
 */
public record RandmanParameters(
    int inputs, int steps, int classes, int trainPerClass, int testPerClass,
    int manifoldDim, double alpha, double jitter, long seed) {

    public RandmanParameters {
        if (inputs < 1 || inputs > 65_536 || steps < 1 || classes < 2 || trainPerClass < 1 || testPerClass < 0
            || manifoldDim < 1 || !(alpha > 0) || !(jitter >= 0) || Double.isInfinite(jitter)) {
            throw new IllegalArgumentException("invalid random-manifold parameters: " + describe(inputs, steps,
                classes, trainPerClass, testPerClass, manifoldDim, alpha, jitter));
        }
    }

    /** The default task: 100 inputs, 100 steps, 10 classes of 1-D manifolds, learnable in seconds. */
    public static RandmanParameters defaults() {
        return new RandmanParameters(100, 100, 10, 200, 50, 1, 2.0, 0.0, 1L);
    }

    public RandmanParameters withSeed(long newSeed) {
        return new RandmanParameters(inputs, steps, classes, trainPerClass, testPerClass, manifoldDim, alpha, jitter, newSeed);
    }

    public RandmanParameters withDifficulty(int newManifoldDim, double newAlpha, double newJitter) {
        return new RandmanParameters(inputs, steps, classes, trainPerClass, testPerClass, newManifoldDim, newAlpha, newJitter, seed);
    }

    public RandmanParameters withSize(int newInputs, int newSteps, int newClasses, int newTrainPerClass, int newTestPerClass) {
        return new RandmanParameters(newInputs, newSteps, newClasses, newTrainPerClass, newTestPerClass, manifoldDim, alpha, jitter, seed);
    }

    private static String describe(int inputs, int steps, int classes, int train, int test, int dim, double alpha, double jitter) {
        return "inputs " + inputs + " (1…65536), steps " + steps + " (>= 1), classes " + classes + " (>= 2), train/test per class "
            + train + "/" + test + " (>= 1 / >= 0), manifold dimension " + dim + " (>= 1), alpha " + alpha + " (> 0), jitter "
            + jitter + " (>= 0)";
    }
}
