package org.s3gd.bench;

import org.s3gd.data.DatasetId;

/**
 * The three data sets whose layer the paper times (Fig. 4), with the grid of the paper's encoding
 * (ALGORITHM.md §5) and, for when the files are absent, the input statistics a synthetic
 * stand-in is drawn with.
 *
 * @param syntheticRate spikes per input unit and step of the stand-in (Poisson)
 * @param rateOrigin    where that rate comes from, for the report
 */
public enum BenchDataset {
    FMNIST(DatasetId.FASHION_MNIST, "F-MNIST", 784, 100, 1.0, 0.004,
        "latency code: at most one spike per pixel in 100 steps, as the real files give"),
    NMNIST(DatasetId.NMNIST, "N-MNIST", 34 * 34, 300, 1.0, 0.012,
        "the rate of the real files' 1 ms bins on 34×34 pixels, polarities merged"),
    SHD(DatasetId.SHD, "SHD", 700, 500, 2.0, 0.02,
        "assumed: a few % of SHD's 2 ms bins hold a spike; not measured from the files");

    /** τ_mem of the hidden layers in every preset. */
    static final double TAU_MEM_MILLIS = 10;

    private final DatasetId id;
    private final String label;
    private final int inputs;
    private final int steps;
    private final double dtMillis;
    private final double syntheticRate;
    private final String rateOrigin;

    BenchDataset(DatasetId id, String label, int inputs, int steps, double dtMillis, double syntheticRate, String rateOrigin) {
        this.id = id;
        this.label = label;
        this.inputs = inputs;
        this.steps = steps;
        this.dtMillis = dtMillis;
        this.syntheticRate = syntheticRate;
        this.rateOrigin = rateOrigin;
    }

    public DatasetId id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Input units of the paper's encoding. */
    public int inputs() {
        return inputs;
    }

    /** T of the paper's encoding. */
    public int steps() {
        return steps;
    }

    public double dtMillis() {
        return dtMillis;
    }

    public double syntheticRate() {
        return syntheticRate;
    }

    public String rateOrigin() {
        return rateOrigin;
    }

    /** The first hidden layer: data inputs → {@code neurons}. */
    public LayerShape firstLayer(int batch, int dataInputs, int neurons) {
        return new LayerShape(label + " layer 1", batch, steps, dataInputs, neurons, dtMillis, TAU_MEM_MILLIS);
    }

    /** The second hidden layer, the one the paper times: {@code neurons} → {@code neurons}. */
    public LayerShape secondLayer(int batch, int neurons) {
        return new LayerShape(label, batch, steps, neurons, neurons, dtMillis, TAU_MEM_MILLIS);
    }
}
