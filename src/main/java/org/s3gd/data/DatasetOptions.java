package org.s3gd.data;

import org.s3gd.data.synthetic.RandmanParameters;

/**
 * How a data set is turned into spike trains.
 *
 * @param dtMillis     Δt, the width of a time step, in milliseconds (F-MNIST: scales the latency
 *                     code's τ_eff = 20 ms / Δt; N-MNIST, SHD: the bin width)
 * @param steps        T, the number of time steps
 * @param keepPolarity N-MNIST only: ON and OFF events on separate inputs (2×34×34) instead of merged
 * @param verify       F-MNIST only: check the files' content against the official checksums
 * @param synthetic    the random-manifold task's parameters (its own steps count; Δt is unused)
 */
public record DatasetOptions(double dtMillis, int steps, boolean keepPolarity, boolean verify, RandmanParameters synthetic) {
    public DatasetOptions {
        if (!(dtMillis > 0) || Double.isInfinite(dtMillis) || steps < 1) {
            throw new IllegalArgumentException("need Δt > 0 ms and T >= 1; got " + dtMillis + " ms, " + steps);
        }
    }

    /** The paper's settings (ALGORITHM.md §5): F-MNIST T=100 Δt=1 ms, N-MNIST T=300 Δt=1 ms, SHD T=500 Δt=2 ms. */
    public static DatasetOptions paper(DatasetId dataset) {
        RandmanParameters randman = RandmanParameters.defaults();
        return switch (dataset) {
            case SYNTHETIC -> new DatasetOptions(1.0, randman.steps(), false, true, randman);
            case FASHION_MNIST -> new DatasetOptions(1.0, 100, false, true, randman);
            case NMNIST -> new DatasetOptions(1.0, 300, false, true, randman);
            case SHD -> new DatasetOptions(2.0, 500, false, true, randman);
        };
    }

    public DatasetOptions withSteps(double newDtMillis, int newSteps) {
        return new DatasetOptions(newDtMillis, newSteps, keepPolarity, verify, synthetic);
    }

    public DatasetOptions withPolarity(boolean keep) {
        return new DatasetOptions(dtMillis, steps, keep, verify, synthetic);
    }

    public DatasetOptions withVerify(boolean check) {
        return new DatasetOptions(dtMillis, steps, keepPolarity, check, synthetic);
    }

    public DatasetOptions withSynthetic(RandmanParameters parameters) {
        return new DatasetOptions(dtMillis, parameters.steps(), keepPolarity, verify, parameters);
    }
}
