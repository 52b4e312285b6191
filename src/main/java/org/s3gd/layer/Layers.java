package org.s3gd.layer;

import java.util.ArrayList;
import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.layer.conv.DenseConvLif;
import org.s3gd.layer.conv.SparseConvLif;
import org.s3gd.layer.lif.DenseLif;
import org.s3gd.layer.pool.FlattenLayer;
import org.s3gd.layer.pool.SpikePoolLayer;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.Flatten;
import org.s3gd.model.Shape;
import org.s3gd.model.SpikePool;
import org.s3gd.layer.lif.SparseLif;
import org.s3gd.layer.readout.ReadoutLayer;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LinearLif;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Readout;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.SpikingLayerSpec;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;

/**
 * Builds the layer objects of a network: the one place that maps a {@link LayerSpec} and its
 * method to the class that runs it. A new kind of layer adds a case here.
 */
public final class Layers {
    private Layers() {
    }

    /** One object per hidden layer of {@code network}, first to last, sharing its parameters. */
    public static List<HiddenLayer> hidden(SpikingNetwork network, int steps, Backend backend, Workers workers) {
        NetworkConfig config = network.config();
        List<HiddenLayer> layers = new ArrayList<>();
        for (int l = 0; l < config.depth(); l++) {
            LayerSpec spec = config.layers().get(l);
            HiddenLayer previous = l == 0 ? null : layers.get(l - 1);
            Shape input = config.layerShape(l);
            float bth = config.backpropThreshold();
            layers.add(switch (spec) {
                case LinearLif lif -> spiking(lif, config, network, l, steps, backend, workers);
                case RecurrentLif rlif -> spiking(rlif, config, network, l, steps, backend, workers);
                case Conv2dLif conv -> switch (conv.method()) {
                    case SPARSE -> new SparseConvLif(conv, input, network.layer(l), steps, bth, backend, workers);
                    case DENSE -> new DenseConvLif(conv, input, network.layer(l), steps, bth, backend, workers);
                };
                case SpikePool pool -> new SpikePoolLayer(pool, input, previous, steps, workers);
                case Flatten flatten -> new FlattenLayer(flatten, input.units(), previous, steps);
                case Readout readout -> throw new IllegalArgumentException("the readout is not a hidden layer");
            });
        }
        return layers;
    }

    /** The readout of {@code network}. */
    public static ReadoutLayer readout(SpikingNetwork network, int steps, Backend backend, Workers workers) {
        NetworkConfig config = network.config();
        return new ReadoutLayer(config.readout(), config.lastWidth(), network.readout(), steps, backend, workers);
    }

    private static HiddenLayer spiking(SpikingLayerSpec spec, NetworkConfig config, SpikingNetwork network, int l, int steps,
                                       Backend backend, Workers workers) {
        int inputs = config.layerInputs(l);
        return switch (spec.method()) {
            case SPARSE -> new SparseLif(spec, inputs, network.layer(l), steps, config.backpropThreshold(), backend, workers);
            case DENSE -> new DenseLif(spec, inputs, network.layer(l), steps, config.backpropThreshold(), backend, workers);
        };
    }
}
