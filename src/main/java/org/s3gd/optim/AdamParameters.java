package org.s3gd.optim;

/**
 * Adam's hyper-parameters; the paper uses betas (0.9, 0.999) and lr 2e-4 (F-MNIST, N-MNIST) or
 * 1e-3 (SHD) (ALGORITHM.md §5).
 */
public record AdamParameters(double learningRate, double beta1, double beta2, double epsilon) {
    public AdamParameters {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be > 0, got " + epsilon);
        }
    }

    public static AdamParameters withLearningRate(double learningRate) {
        return new AdamParameters(learningRate, 0.9, 0.999, 1e-8);
    }
}
