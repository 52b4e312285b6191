package org.s3gd.nir;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.SpikingNetwork;

/**
 * A network read from NIR: its layers, its weights, the time step its constants were read with,
 * and what s3gd wrote about it in the graph's metadata (data set, T), where it did.
 *
 * @param network  the layers (every hidden layer sparse; the method does not change what a network computes)
 * @param weights  the weight matrices in {@link SpikingNetwork#parameters()} order
 * @param dtMillis Δt
 * @param metadata the graph's metadata
 */
public record NirNetwork(NetworkConfig network, List<float[]> weights, double dtMillis, Map<String, Object> metadata) {
    public NirNetwork {
        weights = List.copyOf(weights);
        metadata = Map.copyOf(metadata);
    }

    /** A network holding copies of the weights, ready to run. */
    public SpikingNetwork toNetwork() {
        SpikingNetwork net = SpikingNetwork.zeros(network);
        List<Parameter> parameters = net.parameters();
        for (int p = 0; p < parameters.size(); p++) {
            System.arraycopy(weights.get(p), 0, parameters.get(p).value(), 0, parameters.get(p).size());
        }
        return net;
    }

    /** T, where s3gd wrote it. */
    public OptionalInt steps() {
        return metadata.get("steps") instanceof Number n ? OptionalInt.of(n.intValue()) : OptionalInt.empty();
    }

    /** The data set the network was trained on, where s3gd wrote it. */
    public Optional<String> dataset() {
        return metadata.get("dataset") instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
