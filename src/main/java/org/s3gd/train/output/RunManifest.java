package org.s3gd.train.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.s3gd.S3gdException;
import org.s3gd.backend.Backends;
import org.s3gd.data.DataLocator;
import org.s3gd.data.DataSource;
import org.s3gd.data.DatasetId;
import org.s3gd.io.AtomicFile;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.Flatten;
import org.s3gd.model.LinearLif;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.SpikePool;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Readout;
import org.s3gd.model.SpikingLayerSpec;
import org.s3gd.train.Provenance;
import org.s3gd.train.ConfigJson;
import org.s3gd.train.TrainingConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The {@code run.json} of a run folder: the full configuration, where the run came from, and what
 * it needs to be continued ({@link RunSetup}: its data folder and files, its cache, its plots).
 */
public final class RunManifest {
    /** File name in the run folder. */
    public static final String FILE = "run.json";

    private RunManifest() {
    }

    /**
     * @param firstEpoch 0 for a fresh run, else the epoch the run resumed at
     */
    public static String json(TrainingConfig config, NetworkConfig network, Provenance provenance, int firstEpoch,
                              RunSetup setup) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", config);
        root.put("data", data(setup));
        root.put("output", Map.of("plots", setup.plots()));
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("inputs", network.inputs());
        List<Object> layers = new ArrayList<>();
        for (LayerSpec layer : network.layers()) {
            layers.add(layer(layer));
        }
        net.put("layers", layers);
        net.put("backpropThreshold", network.backpropThreshold());
        net.put("regularizer", network.regularizer());
        root.put("network", net);
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("version", provenance.version());
        origin.put("seed", config.seed());
        origin.put("threads", config.threads());
        origin.put("dataset", provenance.dataset());
        origin.put("datasetChecksum", provenance.datasetChecksum());
        origin.put("jvm", provenance.jvm());
        origin.put("started", provenance.started());
        origin.put("resumedAtEpoch", firstEpoch == 0 ? null : firstEpoch + 1);
        origin.put("backend", Backends.standard().name());
        origin.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        origin.put("processors", Runtime.getRuntime().availableProcessors());
        root.put("provenance", origin);
        return ConfigJson.write(root);
    }

    // A layer spec in full: its kind, sizes and dynamics.
    private static Map<String, Object> layer(LayerSpec layer) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", layer.kind());
        switch (layer) {
            case SpikingLayerSpec spiking -> {
                switch (spiking) {
                    case Conv2dLif conv -> {
                        map.put("channels", conv.channels());
                        map.put("kernel", conv.kernel());
                        map.put("stride", conv.stride());
                        map.put("padding", conv.padding());
                    }
                    case LinearLif lif -> map.put("neurons", lif.neurons());
                    case RecurrentLif rlif -> map.put("neurons", rlif.neurons());
                }
                map.put("method", spiking.method().name().toLowerCase());
                map.put("beta", spiking.neuron().beta());
                map.put("threshold", spiking.neuron().threshold());
                map.put("surrogateScale", spiking.neuron().surrogateScale());
            }
            case SpikePool pool -> map.put("size", pool.size());
            case Flatten flatten -> map.put("units", flatten.units());
            case Readout readout -> {
                map.put("outputs", readout.outputs());
                map.put("beta", readout.beta());
                map.put("mode", readout.mode().name().toLowerCase());
            }
        }
        return map;
    }

    private static Map<String, Object> data(RunSetup setup) {
        DataSource source = setup.data();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataset", source.dataset().folder());
        data.put("folder", source.folder() == null ? null : source.folder().toString());
        data.put("origin", source.origin().description());
        data.put("files", source.files().stream().map(Path::toString).toList());
        data.put("cache", setup.cacheFolder() == null ? null : setup.cacheFolder().toAbsolutePath().normalize().toString());
        return data;
    }

    /**
     * The setup recorded in {@code folder}'s {@value #FILE}; empty when the folder has none, or one
     * written before runs recorded it.
     *
     * @throws RunFolderException if the file cannot be read or is not what s3gd writes
     */
    public static Optional<RunSetup> readSetup(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = ConfigJson.tree(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode data = root == null ? null : root.get("data");
            if (data == null || !data.isObject()) {
                return Optional.empty();
            }
            DatasetId dataset = DatasetId.byName(text(data, "dataset"));
            List<Path> files = new ArrayList<>();
            JsonNode listed = data.get("files");
            if (listed != null) {
                listed.forEach(f -> files.add(Path.of(f.asString())));
            }
            DataSource source = dataset == DatasetId.SYNTHETIC ? DataSource.generated()
                : new DataSource(dataset, Path.of(text(data, "folder")), origin(text(data, "origin")), files);
            JsonNode cache = data.get("cache");
            JsonNode output = root.get("output");
            boolean plots = output == null || output.get("plots") == null || output.get("plots").asBoolean(true);
            return Optional.of(new RunSetup(source, cache == null || cache.isNull() ? null : Path.of(cache.asString()), plots));
        } catch (IOException e) {
            throw new RunFolderException(file + ": cannot read: " + AtomicFile.reason(e), e);
        } catch (IllegalArgumentException | NullPointerException | JacksonException | S3gdException e) {
            throw new RunFolderException(file + ": not a run description s3gd wrote (" + e.getMessage() + ")", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("no string '" + field + "'");
        }
        return value.asString();
    }

    private static DataLocator.Origin origin(String description) {
        for (DataLocator.Origin origin : DataLocator.Origin.values()) {
            if (origin.description().equals(description)) {
                return origin;
            }
        }
        return DataLocator.Origin.RUN;
    }
}
