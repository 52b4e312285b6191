package org.s3gd.layer.conv;

import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.layer.StagedLayer;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.Parameter;
import org.s3gd.model.Shape;
import org.s3gd.parallel.Workers;

/**
 * What the two ways of running a convolutional LIF layer share (ALGORITHM.md §8), beyond every
 * staged layer's: the geometry and K, whose gradient is the second stage.
 */
public abstract sealed class ConvLayer extends StagedLayer permits SparseConvLif, DenseConvLif {
    private static final List<String> STAGES = List.of("surrogate", "kernel gradient", "input gradient");

    final Conv2dLif spec;
    final ConvGeometry geometry;
    final Parameter kernel;

    ConvLayer(Conv2dLif spec, Shape input, List<Parameter> parameters, int steps, float backpropThreshold, Backend backend,
              Workers workers) {
        super(steps, backpropThreshold, backend, workers);
        this.spec = spec;
        this.geometry = ConvGeometry.of(spec, input);
        this.kernel = parameters.get(0);
        if (kernel.rows() != geometry.patch() || kernel.cols() != geometry.outChannels()) {
            throw new IllegalArgumentException("conv layer: K is " + kernel.rows() + "×" + kernel.cols() + ", expected "
                + geometry.patch() + "×" + geometry.outChannels());
        }
    }

    @Override
    public Conv2dLif spec() {
        return spec;
    }

    @Override
    public int inputs() {
        return geometry.inputs();
    }

    @Override
    public int units() {
        return geometry.neurons();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(kernel);
    }

    @Override
    public List<String> stages() {
        return STAGES;
    }

    /** Adds the per-chunk partial sums of ∇K in chunk order, so the result does not depend on the threads. */
    static void reduce(float[][] partials, float[] gradient) {
        java.util.Arrays.fill(gradient, 0f);
        for (float[] partial : partials) {
            for (int k = 0; k < gradient.length; k++) {
                gradient[k] += partial[k];
            }
        }
    }
}
