package org.s3gd.model;

/**
 * The activity regulariser applied to every hidden layer (ALGORITHM.md §1, loss).
 *
 * <pre>
 * upper = λ_u · max(0, (1/N)·Σ_j c_j − f_u)
 * lower = λ_l · Σ_j max(0, f_l − c_j)² / N
 * R     = (1/B) · Σ_b (upper + lower)
 * </pre>
 *
 * @param upperStrength λ_u
 * @param upperRate     f_u, the allowed mean spike count per neuron and sample
 * @param lowerStrength λ_l
 * @param lowerRate     f_l, the spike count below which a neuron is pushed up
 */
public record RegularizerParameters(float upperStrength, float upperRate, float lowerStrength, float lowerRate) {
    public RegularizerParameters {
        if (upperStrength < 0 || lowerStrength < 0 || upperRate < 0 || lowerRate < 0
            || !Float.isFinite(upperStrength + upperRate + lowerStrength + lowerRate)) {
            throw new IllegalArgumentException("regulariser parameters must be finite and >= 0, got " + upperStrength
                + ", " + upperRate + ", " + lowerStrength + ", " + lowerRate);
        }
    }

    /** The paper's values with the given upper rate f_u (1 for F-MNIST and N-MNIST, 10 for SHD). */
    public static RegularizerParameters paper(float upperRate) {
        return new RegularizerParameters(0.06f, upperRate, 100f, 1e-3f);
    }

    /** No regularisation. */
    public static RegularizerParameters none() {
        return new RegularizerParameters(0f, 0f, 0f, 0f);
    }
}
