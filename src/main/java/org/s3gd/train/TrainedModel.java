package org.s3gd.train;

import java.util.List;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * The result of training: fixed weights with the configuration and provenance that produced them.
 * Immutable; {@link #network()} gives a fresh network to run.
 *
 * @param config       the training configuration
 * @param provenance   version, data fingerprint, runtime
 * @param epochs       epochs trained
 * @param testAccuracy test accuracy after the last epoch
 * @param networkConfig the network's shape
 * @param weights      each parameter's weights, in {@link SpikingNetwork#parameters()} order
 */
public record TrainedModel(TrainingConfig config, Provenance provenance, int epochs, double testAccuracy,
                           NetworkConfig networkConfig, List<float[]> weights) {
    public TrainedModel {
        weights = weights.stream().map(float[]::clone).toList();
        List<Parameter> shapes = SpikingNetwork.zeros(networkConfig).parameters();
        if (shapes.size() != weights.size()) {
            throw new IllegalArgumentException("the network has " + shapes.size() + " parameters, got " + weights.size());
        }
        for (int p = 0; p < shapes.size(); p++) {
            if (shapes.get(p).size() != weights.get(p).length) {
                throw new IllegalArgumentException(shapes.get(p).name() + " has " + shapes.get(p).size()
                    + " weights, got " + weights.get(p).length);
            }
        }
    }

    /** A new network holding a copy of the weights. */
    public SpikingNetwork network() {
        SpikingNetwork network = SpikingNetwork.zeros(networkConfig);
        List<Parameter> parameters = network.parameters();
        for (int p = 0; p < parameters.size(); p++) {
            float[] w = weights.get(p);
            System.arraycopy(w, 0, parameters.get(p).value(), 0, w.length);
        }
        return network;
    }

    /**
     * Predicts the classes of {@code batch}, which needs no labels: per sample the class of the
     * largest logit and the class probabilities (samples named by their index in the batch).
     */
    public Predictions predict(EventBatch batch, Workers workers) {
        return Predictions.of(new NetworkRunner(network(), batch.steps(), workers), batch);
    }

    /** The weights of parameter {@code p} (a copy). */
    public float[] weights(int p) {
        return weights.get(p).clone();
    }

    @Override
    public List<float[]> weights() {
        return weights.stream().map(float[]::clone).toList();
    }
}
