package org.s3gd.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A spec expanded into its trials: every point of the axes' grid (the last axis varying
 * fastest) with every seed, the seeds of a point next to each other.
 */
public record SweepPlan(SweepSpec spec, List<Trial> trials) {
    private static final int MAX_NAME = 120;

    public SweepPlan {
        trials = List.copyOf(trials);
    }

    public static SweepPlan of(SweepSpec spec) {
        List<Map<String, JsonNode>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (SweepSpec.Axis axis : spec.axes()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> point : points) {
                for (JsonNode value : axis.values()) {
                    Map<String, JsonNode> extended = new LinkedHashMap<>(point);
                    extended.put(axis.field(), value);
                    next.add(extended);
                }
            }
            points = next;
        }
        List<Trial> trials = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean readable = true;
        List<String> candidates = new ArrayList<>();
        for (Map<String, JsonNode> point : points) {
            for (long seed : spec.seeds()) {
                String name = name(point, seed);
                readable &= name.length() <= MAX_NAME && names.add(name);
                candidates.add(name);
            }
        }
        int index = 0;
        for (int p = 0; p < points.size(); p++) {
            Map<String, JsonNode> point = points.get(p);
            ObjectNode config = spec.base();
            for (Map.Entry<String, JsonNode> value : point.entrySet()) {
                config = SweepSpec.with(config, value.getKey(), value.getValue());
            }
            for (long seed : spec.seeds()) {
                ObjectNode seeded = SweepSpec.with(config, "seed", config.numberNode(seed));
                String name = readable ? candidates.get(index) : String.format(java.util.Locale.ROOT, "point-%03d_seed-%d", p, seed);
                trials.add(new Trial(index, name, p, point,
                    seed, SweepSpec.config(spec.source() + ", trial " + name, seeded)));
                index++;
            }
        }
        return new SweepPlan(spec, trials);
    }

    /** The number of grid points. */
    public int points() {
        return trials.isEmpty() ? 0 : trials.get(trials.size() - 1).point() + 1;
    }

    /** The trial named {@code name}, or null. */
    public Trial trial(String name) {
        return trials.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** {@code backpropThreshold-0.2_layers-lif-32_seed-1}: the values, in characters any file system takes. */
    private static String name(Map<String, JsonNode> point, long seed) {
        StringBuilder name = new StringBuilder();
        point.forEach((field, value) -> name.append(field).append('-').append(Trial.text(value)).append('_'));
        name.append("seed-").append(seed);
        return name.toString().replaceAll("[^A-Za-z0-9.+_-]", "-");
    }
}
