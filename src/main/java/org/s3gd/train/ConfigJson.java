package org.s3gd.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.s3gd.data.DatasetId;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.ReadoutMode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON in and out with Jackson: a {@link TrainingConfig} as {@code run.json} writes it under
 * {@code config} and as {@code train --config} reads it, and any map, list or record s3gd writes.
 *
 * <p>Records are written with their components in order; the values people type are written as
 * they type them: the data set as {@code fashion-mnist}, a hidden layer as {@code lif:200:sparse},
 * the readout as {@code max}, the initialisation as {@code scaled_normal}. Reading is strict: an
 * unknown field, a value of the wrong type, a number where a whole number belongs or a string
 * where a number belongs is an error naming the field.
 */
public final class ConfigJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
        .addModule(module())
        .enable(SerializationFeature.INDENT_OUTPUT)
        .defaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withArrayElementSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator(""))
            .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter()))
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();

    private ConfigJson() {
    }

    /** {@code value} (a record, map, list, string, number or boolean) as indented JSON, ending with a newline. */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value) + "\n";
    }

    /** A JSON document as a tree. */
    public static JsonNode tree(String text) {
        return MAPPER.readTree(text);
    }

    /** A configuration written by {@link #write}. */
    public static TrainingConfig config(String json) {
        return MAPPER.readValue(json, TrainingConfig.class);
    }

    /**
     * The configuration in {@code file}: a {@code run.json} (its {@code config} part is taken) or
     * the configuration alone. Fields it leaves out take the preset of its data set (synthetic when
     * it names none); nested objects ({@code regularizer}, {@code synthetic}) are merged field by
     * field.
     *
     * @throws ConfigException one line naming the file and the field: unknown field, wrong type,
     *     invalid value, not JSON, unreadable
     */
    public static TrainingConfig read(Path file) {
        return read(file, null);
    }

    /**
     * As {@link #read(Path)}, with the data set {@code dataset} instead of the file's when it is
     * not null: the fields the file leaves out then come from that data set's preset.
     */
    public static TrainingConfig read(Path file, DatasetId dataset) {
        return read(file.toString(), document(file), dataset);
    }

    /**
     * The JSON document in {@code file}, as a tree.
     *
     * @throws ConfigException naming the file: missing, unreadable, not JSON (with the line)
     */
    public static JsonNode document(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(file + ": not JSON (" + e.getOriginalMessage() + " at line "
                + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
    }

    /**
     * As {@link #read(Path, DatasetId)}, for a document already parsed: {@code source} is how error
     * messages name it (a file, or a file and the part of it that holds the configuration). The
     * tree is not changed.
     */
    public static TrainingConfig read(String source, JsonNode root, DatasetId dataset) {
        String file = source;
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": expected a JSON object (a run.json or its \"config\" part)");
        }
        root = root.deepCopy();
        JsonNode config = root.has("config") && root.get("config").isObject() ? root.get("config") : root;
        JsonNode named = config.get("dataset");
        if (dataset != null) {
            ((ObjectNode) config).put("dataset", dataset.folder());
        } else if (named == null) {
            dataset = DatasetId.SYNTHETIC;
        } else {
            if (!named.isString()) {
                throw new ConfigException(file + ": field 'dataset': expected a string (synthetic, fashion-mnist, nmnist, shd), got "
                    + named);
            }
            try {
                dataset = dataset(named.asString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": field 'dataset': " + e.getMessage());
            }
        }
        ObjectNode merged = MAPPER.valueToTree(TrainingConfig.preset(dataset));
        legacy(file, (ObjectNode) config, merged);
        merge(merged, (ObjectNode) config);
        // On the synthetic task T is the task's: a file that sets only one of the two sets both.
        JsonNode task = config.get("synthetic");
        boolean taskSteps = task != null && task.has("steps");
        if (dataset == DatasetId.SYNTHETIC && merged.get("synthetic") instanceof ObjectNode generated) {
            if (config.has("steps") && !taskSteps) {
                generated.set("steps", merged.get("steps"));
            } else if (taskSteps && !config.has("steps")) {
                merged.set("steps", generated.get("steps"));
            }
        }
        try {
            return MAPPER.treeToValue(merged, TrainingConfig.class);
        } catch (JacksonException e) {
            throw new ConfigException(file + ": " + describe(e, merged));
        }
    }

    /**
     * A run.json written before the configuration was read back (its {@code config} has
     * {@code upperRate} and {@code adamBetas}): its runs held no validation set out and used the
     * paper's surrogate and regulariser strengths, so those are what repeats them.
     */
    private static void legacy(String file, ObjectNode config, ObjectNode merged) {
        if (!config.has("upperRate") && !config.has("adamBetas")) {
            return;
        }
        JsonNode betas = config.remove("adamBetas");
        if (betas != null && !(betas.isArray() && betas.size() == 2 && betas.get(0).asDouble() == 0.9
            && betas.get(1).asDouble() == 0.999)) {
            throw new ConfigException(file + ": field 'adamBetas': s3gd trains with Adam's betas 0.9, 0.999, got " + betas);
        }
        JsonNode upperRate = config.remove("upperRate");
        if (upperRate != null) {
            ObjectNode regularizer = config.has("regularizer") && config.get("regularizer").isObject()
                ? (ObjectNode) config.get("regularizer") : config.putObject("regularizer");
            regularizer.set("upperRate", upperRate);
        }
        if (!config.has("validation")) {
            merged.put("validation", 0.0);
        }
    }

    /** Copies the fields of {@code from} into {@code into}; objects in both are merged field by field. */
    private static void merge(ObjectNode into, ObjectNode from) {
        for (Map.Entry<String, JsonNode> field : from.properties()) {
            JsonNode present = into.get(field.getKey());
            if (present instanceof ObjectNode target && field.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    /** What went wrong, naming the field: {@code field 'regularizer.upperRate': expected a number, got "high"}. */
    static String describe(JacksonException e) {
        return describe(e, null);
    }

    /** As {@link #describe(JacksonException)}, quoting the offending value from {@code tree} where it is found. */
    static String describe(JacksonException e, JsonNode tree) {
        String field = path(e.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = new ArrayList<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            return "unknown field '" + field + "'" + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")");
        }
        if (e instanceof ValueInstantiationException invalid) {
            Throwable cause = invalid.getCause() != null ? invalid.getCause() : invalid;
            return (field.isEmpty() ? "" : "field '" + field + "': ") + "invalid value: " + cause.getMessage();
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
            && (format.getTargetType() == DatasetId.class || format.getTargetType() == StackLayer.class
                || format.getTargetType().isEnum())) {
            return "field '" + field + "': " + format.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            JsonNode value = at(tree, e.getPath());
            return "field '" + field + "': expected " + expected(mismatch.getTargetType()) + ", got "
                + (value != null && value.isValueNode() ? shortened(value.toString()) : found(mismatch));
        }
        return (field.isEmpty() ? "" : "field '" + field + "': ") + e.getOriginalMessage();
    }

    private static JsonNode at(JsonNode tree, List<JacksonException.Reference> references) {
        JsonNode node = tree;
        for (JacksonException.Reference reference : references) {
            if (node == null) {
                return null;
            }
            node = reference.getPropertyName() != null ? node.get(reference.getPropertyName())
                : reference.getIndex() >= 0 ? node.get(reference.getIndex()) : null;
        }
        return node;
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == DatasetId.class || type == StackLayer.class || type.isEnum()) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String found(MismatchedInputException e) {
        if (e instanceof InvalidFormatException format && format.getValue() != null) {
            Object value = format.getValue();
            return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        }
        JsonToken token = e.getCurrentToken();
        if (token == null) {
            return "something else";
        }
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    /** A data set by its name ({@code fashion-mnist}) or the short {@code fmnist}. */
    static DatasetId dataset(String name) {
        if (name.equalsIgnoreCase("fmnist") || name.equalsIgnoreCase("f-mnist")) {
            return DatasetId.FASHION_MNIST;
        }
        for (DatasetId id : DatasetId.values()) {
            if (id.folder().equalsIgnoreCase(name)) {
                return id;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + name + "'; expected one of synthetic, fashion-mnist, nmnist, shd");
    }

    private static SimpleModule module() {
        SimpleModule module = new SimpleModule("s3gd");
        module.addSerializer(DatasetId.class, text(DatasetId::folder));
        module.addDeserializer(DatasetId.class, parsed(DatasetId.class, ConfigJson::dataset));
        module.addSerializer(StackLayer.class, text(StackLayer::toString));
        module.addDeserializer(StackLayer.class, parsed(StackLayer.class, s -> StackLayer.parse(s, BackwardMethod.SPARSE)));
        lowerCase(module, ReadoutMode.class);
        lowerCase(module, Initializer.class);
        lowerCase(module, BackwardMethod.class);
        return module;
    }

    private static <E extends Enum<E>> void lowerCase(SimpleModule module, Class<E> type) {
        module.addSerializer(type, text(e -> e.name().toLowerCase(Locale.ROOT)));
        module.addDeserializer(type, parsed(type, s -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(s.replace('-', '_'))) {
                    return constant;
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", names));
        }));
    }

    private static <T> ValueSerializer<T> text(java.util.function.Function<T, String> format) {
        return new ValueSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(format.apply(value));
            }
        };
    }

    private static <T> ValueDeserializer<T> parsed(Class<T> type, java.util.function.Function<String, T> parse) {
        return new ValueDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    throw MismatchedInputException.from(p, type, "expected a string").setCurrentToken(p.currentToken());
                }
                String text = p.getString();
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(p, e.getMessage(), text, type);
                }
            }
        };
    }
}
