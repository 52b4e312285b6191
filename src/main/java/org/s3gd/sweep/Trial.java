package org.s3gd.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.s3gd.train.TrainingConfig;
import tools.jackson.databind.JsonNode;

/**
 * One training run of a sweep: a point of the grid and a seed.
 *
 * @param index  its place in the sweep, from 0 (a SLURM array task's index)
 * @param name   its folder's name under {@code trials/}
 * @param point  the grid point's index, from 0
 * @param values the point's value of every axis, in the axes' order
 * @param seed   the run's seed
 * @param config what the run trains; its thread count is set when the trial runs
 */
public record Trial(int index, String name, int point, Map<String, JsonNode> values, long seed, TrainingConfig config) {
    public Trial {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The point's values as people read them: {@code backpropThreshold 0.2, learningRate 0.005}. */
    public String pointLabel() {
        return pointLabel(values);
    }

    static String pointLabel(Map<String, JsonNode> values) {
        if (values.isEmpty()) {
            return "base";
        }
        StringBuilder label = new StringBuilder();
        values.forEach((field, value) -> label.append(label.isEmpty() ? "" : ", ").append(field).append(' ').append(text(value)));
        return label.toString();
    }

    /** A value as a table cell: numbers and strings as they are, lists joined with {@code +}. */
    public static String text(JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode element : value) {
                joined.append(joined.isEmpty() ? "" : "+").append(text(element));
            }
            return joined.toString();
        }
        return value.toString();
    }
}
