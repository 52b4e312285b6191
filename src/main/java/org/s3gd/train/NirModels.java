package org.s3gd.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.s3gd.data.DatasetId;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Readout;
import org.s3gd.model.Shape;
import org.s3gd.model.SpikingLayerSpec;
import org.s3gd.nir.NirException;
import org.s3gd.nir.NirExport;
import org.s3gd.nir.NirFile;
import org.s3gd.nir.NirImport;
import org.s3gd.nir.NirNetwork;

/**
 * Trained models to and from NIR files ({@link org.s3gd.nir}): export, import for evaluation and
 * prediction, and the configuration of a run that starts from a NIR file's weights.
 *
 * <p>A file s3gd writes carries, besides the graph, its configuration as JSON in the graph's
 * metadata ({@code s3gd_config}), so that reading it back gives the model as it was trained.
 */
public final class NirModels {
    /** The graph metadata field holding the training configuration as JSON. */
    public static final String CONFIG = "s3gd_config";
    /** N-MNIST's input with ON and OFF events apart ({@code --keep-polarity}). */
    private static final Shape POLARITY_IMAGE = DatasetId.NMNIST.shape(2 * 34 * 34);

    private NirModels() {
    }

    /**
     * Writes {@code model} to {@code file} (which must not exist) as a NIR graph.
     *
     * @throws NirException naming the file when it exists or cannot be written
     */
    public static void export(TrainedModel model, Path file) {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("generator", "s3gd " + model.provenance().version());
        about.put("dataset", model.config().dataset().folder());
        about.put("steps", (long) model.config().steps());
        about.put("epochs", (long) model.epochs());
        about.put(CONFIG, ConfigJson.write(model.config()));
        NirFile.write(NirExport.graph(model.networkConfig(), model.weights(), model.config().dtMillis(), about), file);
    }

    /**
     * The model in the NIR file {@code file}. A file s3gd wrote brings its own configuration (how
     * its data are read: data set, Δt, T); for a file written elsewhere {@code fallback} says how
     * the data are read and which readout mode to use ({@link #readingFor}), and the network's
     * constants are read with the file's own time step ({@link NirImport}).
     *
     * @throws NirException naming the file, and the node and field at fault
     */
    public static TrainedModel read(Path file, TrainingConfig fallback) {
        NirNetwork imported = NirImport.network(NirFile.read(file), file, fallback.readout());
        TrainingConfig config = readingFor(fallback, imported.network());
        if (imported.metadata().get(CONFIG) instanceof String json) {
            try {
                config = ConfigJson.config(json);
            } catch (tools.jackson.core.JacksonException e) {
                throw NirException.in(file, "metadata '" + CONFIG + "': " + ConfigJson.describe(e));
            }
        }
        Object generator = imported.metadata().getOrDefault("generator", "NIR file");
        Provenance provenance = new Provenance(String.valueOf(generator), file.toString(), "", "", "");
        int epochs = imported.metadata().get("epochs") instanceof Number n ? n.intValue() : 0;
        return new TrainedModel(config, provenance, epochs, Double.NaN, imported.network(), imported.weights());
    }

    /**
     * How {@code preset}'s data set is read for {@code network}, a network from a file that does
     * not say: the preset, with N-MNIST's ON and OFF events on separate inputs where the network
     * reads an image of 2×34×34.
     */
    public static TrainingConfig readingFor(TrainingConfig preset, NetworkConfig network) {
        boolean polarity = preset.dataset() == DatasetId.NMNIST && network.inputShape().equals(POLARITY_IMAGE);
        return polarity && !preset.keepPolarity() ? preset.withKeepPolarity(true) : preset;
    }

    /**
     * The configuration of a run that starts from the network in {@code file}: {@code config} with
     * the file's hidden layers (kinds and sizes; each layer keeps the method {@code config} gives
     * its position, else the first layer's), time constants and readout, and {@code initFrom} set.
     *
     * @throws NirException if the file's network is one a run cannot have: thresholds other than 1,
     *     hidden layers with different time constants, sizes beyond a stack's
     */
    public static TrainingConfig startingFrom(TrainingConfig config, Path file) {
        NirNetwork imported = NirImport.network(NirFile.read(file), file, config.readout());
        NetworkConfig network = imported.network();
        double dt = config.dtMillis();
        List<StackLayer> layers = new ArrayList<>();
        float beta = Float.NaN;
        int first = 0;
        for (int l = 0; l < network.depth(); l++) {
            LayerSpec layer = network.layer(l);
            var method = l < config.layers().size() ? config.layers().get(l).method() : config.layers().get(0).method();
            try {
                layers.add(StackLayer.of(layer, method));
            } catch (IllegalArgumentException e) {
                throw NirException.in(file, "layer " + (l + 1) + " (" + NetworkConfig.label(layer) + "): " + e.getMessage());
            }
            if (!(layer instanceof SpikingLayerSpec spiking)) {
                continue;
            }
            LifParameters neuron = spiking.neuron();
            if (neuron.threshold() != LifParameters.DEFAULT_THRESHOLD) {
                throw NirException.in(file, "layer " + (l + 1) + " has threshold " + neuron.threshold()
                    + "; s3gd trains with a threshold of 1 (it can evaluate and predict with this file)");
            }
            if (!Float.isNaN(beta) && neuron.beta() != beta) {
                throw NirException.in(file, "layer " + (l + 1) + " has another time constant than layer " + first + "; a run has one "
                    + "tau_mem for all its hidden layers (s3gd can evaluate and predict with this file)");
            }
            if (Float.isNaN(beta)) {
                beta = neuron.beta();
                first = l + 1;
            }
        }
        Readout readout = network.readout();
        return config.withLayers(layers)
            .withTauMemMillis(timeConstant(beta, dt, file, "the hidden layers"))
            .withTauReadoutMillis(timeConstant(readout.beta(), dt, file, "the readout"))
            .withReadout(readout.mode())
            .withInitFrom(file.toAbsolutePath().normalize().toString());
    }

    /** The τ whose decay over {@code dt} is {@code beta}, checked to give back the same float. */
    private static double timeConstant(float beta, double dt, Path file, String what) {
        double tau = -dt / Math.log(beta);
        if (LifParameters.decay(dt, tau) != beta) {
            throw NirException.in(file, "the decay " + beta + " of " + what + " is no exp(-dt/tau) for dt = " + dt + " ms");
        }
        return tau;
    }

    /**
     * The weights of the NIR file {@code file}, checked to fit {@code config}'s network for the
     * data's shape: the same layers, an input of the data's shape (where the file's is an image)
     * and as many classes.
     */
    public static List<float[]> weights(Path file, TrainingConfig config, int inputs, int classes) {
        NirNetwork imported = NirImport.network(NirFile.read(file), file, config.readout());
        NetworkConfig expected = config.network(inputs, classes);
        NetworkConfig got = imported.network();
        if (!got.takes(expected.inputShape()) || !labels(got).equals(labels(expected)) || got.outputs() != classes) {
            boolean polarity = config.dataset() == DatasetId.NMNIST && !config.keepPolarity()
                && got.inputShape().equals(POLARITY_IMAGE);
            throw NirException.in(file, "its network " + got.describe() + " does not fit the data's " + expected.inputShape()
                + " inputs and " + classes + " classes with the run's layers " + expected.describe()
                + (polarity ? " (N-MNIST with ON and OFF events apart, 2×34×34, is --keep-polarity)" : ""));
        }
        return imported.weights();
    }

    private static List<String> labels(NetworkConfig network) {
        return network.layers().stream().map(NetworkConfig::label).toList();
    }
}
