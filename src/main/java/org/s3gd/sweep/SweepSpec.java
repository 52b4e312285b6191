package org.s3gd.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.s3gd.train.ConfigException;
import org.s3gd.train.ConfigJson;
import org.s3gd.train.TrainingConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a sweep trains: a base configuration, the axes to vary (any configuration field, as
 * {@code run.json} names it; nested ones as {@code regularizer.upperStrength}) and the seeds of
 * every point of their grid. Written as JSON:
 *
 * <pre>{@code
 * {"base": {"dataset": "synthetic", "epochs": 1},        // or "runs/x/run.json", relative to the spec
 *  "axes": {"backpropThreshold": [0.2, 0.05], "learningRate": [0.005, 0.001]},
 *  "seeds": 2}                                           // or a list: [1, 7, 42]
 * }</pre>
 *
 * <p>Every value is checked when the spec is read, by building the configuration it makes: an
 * unknown field, an empty axis or a value of the wrong type is one line naming the spec and the
 * field.
 *
 * @param source where the spec was read from, for messages
 * @param base   the configuration every trial starts from (its {@code config} part, as given)
 * @param axes   the fields to vary, in the order given; the last varies fastest
 * @param seeds  the seeds every point is trained with
 */
public record SweepSpec(String source, ObjectNode base, List<Axis> axes, List<Long> seeds) {
    private static final Set<String> FIELDS = Set.of("base", "axes", "seeds");

    /**
     * One varied field and its values.
     *
     * @param field  the configuration field, dotted for nested ones ({@code regularizer.upperRate})
     * @param values its values, as JSON
     */
    public record Axis(String field, List<JsonNode> values) {
        public Axis {
            values = List.copyOf(values);
        }
    }

    public SweepSpec {
        axes = List.copyOf(axes);
        seeds = List.copyOf(seeds);
    }

    /**
     * The spec in {@code file}.
     *
     * @throws SweepException one line naming the file and the field
     */
    public static SweepSpec read(Path file) {
        JsonNode root;
        try {
            root = ConfigJson.document(file);
        } catch (ConfigException e) {
            throw new SweepException(e.getMessage(), e);
        }
        return parse(file.toString(), root, file.toAbsolutePath().getParent());
    }

    /** The spec in {@code root}; a base given as a path is read relative to {@code folder}. */
    public static SweepSpec parse(String source, JsonNode root, Path folder) {
        if (root == null || !root.isObject()) {
            throw new SweepException(source + ": expected a JSON object with base, axes and seeds");
        }
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new SweepException(source + ": unknown field '" + name + "' (known here: base, axes, seeds)");
            }
        }
        ObjectNode base = base(source, root.get("base"), folder);
        TrainingConfig baseConfig = config(source + ", base", base);
        List<Axis> axes = axes(source, root.get("axes"), base);
        List<Long> seeds = seeds(source, root.get("seeds"), baseConfig.seed());
        return new SweepSpec(source, base, axes, seeds);
    }

    private static ObjectNode base(String source, JsonNode base, Path folder) {
        if (base == null || base.isNull()) {
            return (ObjectNode) ConfigJson.tree("{}");
        }
        if (base.isObject()) {
            JsonNode config = base.has("config") && base.get("config").isObject() ? base.get("config") : base;
            return (ObjectNode) config.deepCopy();
        }
        if (!base.isString()) {
            throw new SweepException(source + ": field 'base': expected a configuration object or the path of a run.json, got "
                + base);
        }
        Path file = folder == null ? Path.of(base.asString()) : folder.resolve(base.asString());
        JsonNode root;
        try {
            root = ConfigJson.document(file);
        } catch (ConfigException e) {
            throw new SweepException(source + ": field 'base': " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new SweepException(source + ": field 'base': " + file + " does not hold a JSON object");
        }
        JsonNode config = root.has("config") && root.get("config").isObject() ? root.get("config") : root;
        return (ObjectNode) config.deepCopy();
    }

    private static List<Axis> axes(String source, JsonNode axes, ObjectNode base) {
        if (axes == null || axes.isNull()) {
            return List.of();
        }
        if (!axes.isObject()) {
            throw new SweepException(source + ": field 'axes': expected an object of field names and lists of values, got "
                + shortened(axes));
        }
        List<Axis> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : axes.properties()) {
            String field = entry.getKey();
            String where = source + ": axis '" + field + "'";
            if (field.equals("seed")) {
                throw new SweepException(where + ": the seeds are given by the spec's field 'seeds'");
            }
            JsonNode values = entry.getValue();
            if (!values.isArray()) {
                throw new SweepException(where + ": expected a list of values, got " + shortened(values));
            }
            if (values.isEmpty()) {
                throw new SweepException(where + ": empty list; an axis needs at least one value");
            }
            List<JsonNode> list = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode value : values) {
                if (!seen.add(value.toString())) {
                    throw new SweepException(where + ": the value " + shortened(value) + " is given twice");
                }
                config(where + " value " + shortened(value), with(base, field, value));
                list.add(value);
            }
            result.add(new Axis(field, list));
        }
        return result;
    }

    private static List<Long> seeds(String source, JsonNode seeds, long baseSeed) {
        String where = source + ": field 'seeds'";
        if (seeds == null || seeds.isNull()) {
            return List.of(baseSeed);
        }
        if (seeds.isIntegralNumber()) {
            long count = seeds.asLong();
            if (count < 1 || count > 10_000) {
                throw new SweepException(where + ": expected a number of seeds from 1 to 10000, got " + count);
            }
            List<Long> list = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                list.add(baseSeed + i);
            }
            return list;
        }
        if (!seeds.isArray()) {
            throw new SweepException(where + ": expected a whole number (how many seeds) or a list of seeds, got "
                + shortened(seeds));
        }
        if (seeds.isEmpty()) {
            throw new SweepException(where + ": empty list; give at least one seed");
        }
        List<Long> list = new ArrayList<>();
        for (JsonNode seed : seeds) {
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw new SweepException(where + ": expected whole numbers, got " + shortened(seed));
            }
            if (list.contains(seed.asLong())) {
                throw new SweepException(where + ": the seed " + seed.asLong() + " is given twice");
            }
            list.add(seed.asLong());
        }
        return list;
    }

    /** {@code base} with {@code field} (dotted for a nested one) set to {@code value}; {@code base} is not changed. */
    static ObjectNode with(ObjectNode base, String field, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        String[] path = field.split("\\.", -1);
        ObjectNode node = copy;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode next = node.get(path[i]);
            node = next instanceof ObjectNode object ? object : node.putObject(path[i]);
        }
        node.set(path[path.length - 1], value);
        return copy;
    }

    /** The configuration {@code config} makes, or one line naming {@code where} and the field. */
    static TrainingConfig config(String where, ObjectNode config) {
        try {
            return ConfigJson.read(where, config, null);
        } catch (ConfigException e) {
            throw new SweepException(e.getMessage());
        }
    }

    static String shortened(JsonNode value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
