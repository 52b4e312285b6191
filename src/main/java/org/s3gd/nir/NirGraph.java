package org.s3gd.nir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph as the file holds it: nodes by name, directed edges between them, and the graph's
 * metadata. What the nodes mean is {@link NirExport}'s and {@link NirImport}'s business.
 *
 * @param nodes    the nodes by name, in the order they were added or read
 * @param edges    each edge as {@code [from, to]}
 * @param metadata the graph's metadata
 */
public record NirGraph(Map<String, NirNode> nodes, List<Edge> edges, Map<String, Object> metadata) {
    /** An edge from one node's output to another's input. */
    public record Edge(String from, String to) {
    }

    public NirGraph {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** This graph with {@code node} in place of the node of its name (added where there is none), its edges kept. */
    public NirGraph with(NirNode node) {
        Map<String, NirNode> changed = new LinkedHashMap<>(nodes);
        changed.put(node.name(), node);
        return new NirGraph(changed, edges, metadata);
    }

    /** The nodes an edge leads to from {@code name}. */
    public List<String> successors(String name) {
        List<String> next = new ArrayList<>();
        for (Edge e : edges) {
            if (e.from().equals(name)) {
                next.add(e.to());
            }
        }
        return next;
    }

    /** The nodes with an edge into {@code name}. */
    public List<String> predecessors(String name) {
        List<String> previous = new ArrayList<>();
        for (Edge e : edges) {
            if (e.to().equals(name)) {
                previous.add(e.from());
            }
        }
        return previous;
    }
}
