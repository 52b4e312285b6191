package org.s3gd.layer.lif;

import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.layer.StagedLayer;
import org.s3gd.model.Parameter;
import org.s3gd.model.Shape;
import org.s3gd.model.SpikingLayerSpec;
import org.s3gd.parallel.Workers;

/**
 * What the two ways of running a LIF layer share, beyond every staged layer's: the spec and the
 * weights (W, and V for a recurrent layer).
 */
abstract sealed class LifLayer extends StagedLayer permits SparseLif, DenseLif {
    final SpikingLayerSpec spec;
    final int inputs;
    final int neurons;
    final Parameter weights;
    /** V, or null for a feed-forward layer. */
    final Parameter recurrent;

    /** @param parameters W, then V for a recurrent layer, as {@link org.s3gd.model.SpikingNetwork#layer} lists them */
    LifLayer(SpikingLayerSpec spec, int inputs, List<Parameter> parameters, int steps, float backpropThreshold,
             Backend backend, Workers workers) {
        super(steps, backpropThreshold, backend, workers);
        this.spec = spec;
        this.inputs = inputs;
        this.neurons = spec.output(Shape.flat(inputs)).units();
        this.weights = parameters.get(0);
        this.recurrent = spec.recurrent() ? parameters.get(1) : null;
    }

    @Override
    public SpikingLayerSpec spec() {
        return spec;
    }

    @Override
    public int units() {
        return neurons;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public List<Parameter> parameters() {
        return recurrent == null ? List.of(weights) : List.of(weights, recurrent);
    }
}
