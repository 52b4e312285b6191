package org.s3gd.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a NIR graph as the file holds it: its name, its type ({@code LIF}, {@code Linear},
 * …), its numeric fields and its metadata (strings and numbers).
 *
 * @param name     the node's key in the graph
 * @param type     the NIR type
 * @param fields   the numeric fields by name ({@code weight}, {@code tau}, …)
 * @param metadata free-form metadata by name: {@code String}, {@code Double}, {@code Long}
 */
public record NirNode(String name, String type, Map<String, NirArray> fields, Map<String, Object> metadata) {
    public NirNode {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The field {@code name}. */
    public NirArray field(String field, String file) {
        NirArray value = fields.get(field);
        if (value == null) {
            throw NirException.in(file, "node '" + name + "' (" + type + ") has no field '" + field + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return name + " (" + type + ")";
    }
}
