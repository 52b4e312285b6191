package org.s3gd.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a NIR graph as the file holds it: its name, its type ({@code LIF}, {@code Linear},
 * …), its numeric fields, its string fields (a Conv2d's {@code padding} may be {@code 'same'} or
 * {@code 'valid'}) and its metadata (strings and numbers).
 *
 * @param name     the node's key in the graph
 * @param type     the NIR type
 * @param fields   the numeric fields by name ({@code weight}, {@code tau}, …)
 * @param strings  the string fields by name, other than {@code type}
 * @param metadata free-form metadata by name: {@code String}, {@code Double}, {@code Long}
 */
public record NirNode(String name, String type, Map<String, NirArray> fields, Map<String, String> strings,
                      Map<String, Object> metadata) {
    public NirNode {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        strings = Collections.unmodifiableMap(new LinkedHashMap<>(strings));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A node with numeric fields only. */
    public NirNode(String name, String type, Map<String, NirArray> fields, Map<String, Object> metadata) {
        this(name, type, fields, Map.of(), metadata);
    }

    /** The numeric field {@code name}. */
    public NirArray field(String field, String file) {
        NirArray value = fields.get(field);
        if (value == null) {
            String text = strings.get(field);
            throw NirException.in(file, "node '" + name + "' (" + type + ") has no field '" + field + "'"
                + (text == null ? "" : " holding numbers (it holds the string '" + text + "')"));
        }
        return value;
    }

    @Override
    public String toString() {
        return name + " (" + type + ")";
    }
}
