package org.s3gd.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.s3gd.io.AtomicFile;

/**
 * NIR's file format: HDF5 with a string dataset {@code version} and a group {@code node} holding
 * the graph ({@code type = "NIRGraph"}, a group {@code nodes} with one group per node, {@code edges}
 * as an n×2 array of strings, optional {@code metadata} groups), as the reference package's
 * {@code nir.write} lays it out and {@code nir.read} reads it.
 *
 * <p>Written and read with jHDF: its writer (0.13) writes what NIR needs — scalar and 2-D
 * fixed-length string datasets, float32, float64 and int64 arrays of any rank, nested groups — and
 * its reader also reads the variable-length strings and gzip-compressed arrays h5py writes.
 */
public final class NirFile {
    /** The NIR version whose layout s3gd writes. */
    public static final String VERSION = "1.0.7";

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private NirFile() {
    }

    /** Whether {@code file} starts with the HDF5 signature (a NIR file, or another HDF5 file). */
    public static boolean isHdf5(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HDF5_SIGNATURE.length), HDF5_SIGNATURE);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code graph} to {@code file}, which must not exist: written beside it under a
     * temporary name and moved into place ({@link AtomicFile}), never over an existing file.
     *
     * @throws NirException naming the file: it exists, or the write failed (with the reason)
     */
    public static void write(NirGraph graph, Path file) {
        if (Files.exists(file)) {
            throw NirException.in(file, "exists; s3gd does not overwrite it, choose another name");
        }
        Path scratch = null;
        try {
            scratch = Files.createTempFile("s3gd-nir", ".h5");
            Files.delete(scratch);
            try (WritableHdfFile hdf = HdfFile.write(scratch)) {
                hdf.putDataset("version", VERSION);
                WritableGroup root = hdf.putGroup("node");
                root.putDataset("type", "NIRGraph");
                WritableGroup nodes = root.putGroup("nodes");
                for (NirNode node : graph.nodes().values()) {
                    WritableGroup group = nodes.putGroup(node.name());
                    group.putDataset("type", node.type());
                    for (Map.Entry<String, NirArray> field : node.fields().entrySet()) {
                        group.putDataset(field.getKey(), javaArray(field.getValue()));
                    }
                    for (Map.Entry<String, String> field : node.strings().entrySet()) {
                        group.putDataset(field.getKey(), field.getValue());
                    }
                    putMetadata(group, node.metadata());
                }
                String[][] edges = new String[graph.edges().size()][];
                for (int e = 0; e < edges.length; e++) {
                    edges[e] = new String[] {graph.edges().get(e).from(), graph.edges().get(e).to()};
                }
                root.putDataset("edges", edges);
                putMetadata(root, graph.metadata());
            }
            Path written = scratch;
            if (Files.exists(file)) {
                throw NirException.in(file, "exists; s3gd does not overwrite it, choose another name");
            }
            AtomicFile.write(file, out -> Files.copy(written, out));
        } catch (IOException | HdfException e) {
            throw NirException.in(file, "cannot write: " + (e instanceof IOException io ? AtomicFile.reason(io) : e.getMessage()));
        } finally {
            if (scratch != null) {
                try {
                    Files.deleteIfExists(scratch);
                } catch (IOException ignored) {
                    // a temporary file in the system's temporary folder
                }
            }
        }
    }

    private static void putMetadata(WritableGroup group, Map<String, Object> metadata) {
        if (metadata.isEmpty()) {
            return;
        }
        WritableGroup meta = group.putGroup("metadata");
        for (Map.Entry<String, Object> entry : metadata.entrySet()) {
            Object value = entry.getValue();
            meta.putDataset(entry.getKey(), value instanceof Float f ? (double) f : value instanceof Integer i ? (long) i : value);
        }
    }

    // float32 → float[] / float[][], float64 → double[], integers → long[]; NIR's readers take numpy arrays of any of these.
    private static Object javaArray(NirArray a) {
        if (a.rank() == 0) {
            return a.integer() ? (Object) (long) a.values()[0] : (Object) a.values()[0];
        }
        if (a.rank() > 2) {
            // A convolution's weight [C_out][C_in][k][k], a LIF node's constants over [C][H][W].
            Object array = java.lang.reflect.Array.newInstance(a.float32() ? float.class : double.class, a.shape());
            int[] index = new int[a.rank()];
            for (int i = 0; i < a.size(); i++) {
                Object row = array;
                for (int d = 0; d < a.rank() - 1; d++) {
                    row = java.lang.reflect.Array.get(row, index[d]);
                }
                if (a.float32()) {
                    ((float[]) row)[index[a.rank() - 1]] = (float) a.values()[i];
                } else {
                    ((double[]) row)[index[a.rank() - 1]] = a.values()[i];
                }
                for (int d = a.rank() - 1; d >= 0 && ++index[d] == a.shape()[d]; d--) {
                    index[d] = 0;
                }
            }
            return array;
        }
        if (a.integer()) {
            long[] values = new long[a.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (long) a.values()[i];
            }
            return values;
        }
        if (a.rank() == 2 && a.float32()) {
            float[][] rows = new float[a.shape()[0]][a.shape()[1]];
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    rows[r][c] = (float) a.values()[r * rows[r].length + c];
                }
            }
            return rows;
        }
        if (a.rank() != 1) {
            throw new IllegalArgumentException("s3gd writes vectors, float32 matrices and shapes, got rank " + a.rank());
        }
        return a.float32() ? a.floats() : a.values().clone();
    }

    /**
     * Reads the graph in {@code file}.
     *
     * @throws NirException naming the file, and the node or field at fault
     */
    public static NirGraph read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw NirException.in(file, Files.exists(file) ? "not a file" : "no such file");
        }
        if (!isHdf5(file)) {
            throw NirException.in(file, "not a NIR file (NIR files are HDF5; the HDF5 signature is missing)");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Node root = hdf.getChild("node");
            if (!(root instanceof Group graph)) {
                throw NirException.in(file, "no group 'node' holding the graph (is it a NIR file?)");
            }
            String type = string(graph, "type", file, "the graph");
            if (!type.equals("NIRGraph")) {
                throw NirException.in(file, "the top node is a '" + type + "', expected a 'NIRGraph'");
            }
            if (!(graph.getChild("nodes") instanceof Group nodeGroup)) {
                throw NirException.in(file, "the graph has no field 'nodes'");
            }
            Map<String, NirNode> nodes = new LinkedHashMap<>();
            for (Map.Entry<String, Node> child : nodeGroup.getChildren().entrySet()) {
                if (child.getValue() instanceof Group group) {
                    nodes.put(child.getKey(), node(child.getKey(), group, file));
                }
            }
            return new NirGraph(nodes, edges(graph, file), metadata(graph, file));
        } catch (HdfException e) {
            throw NirException.in(file, "cannot read as HDF5: " + e.getMessage());
        }
    }

    private static NirNode node(String name, Group group, Path file) {
        String type = string(group, "type", file, "node '" + name + "'");
        Map<String, NirArray> fields = new LinkedHashMap<>();
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, Node> child : group.getChildren().entrySet()) {
            // An empty dataset is a field left unset (None), as absent as one not written.
            if (child.getValue() instanceof Dataset data && !child.getKey().equals("type") && !data.isEmpty()) {
                Object value = data.getData();
                NirArray array = array(value, data.getDimensions(), data.getJavaType());
                String text = text(value);
                if (array != null) {
                    fields.put(child.getKey(), array);
                } else if (text != null) {
                    strings.put(child.getKey(), text);
                }
            }
        }
        if (type.equals("NIRGraph")) {
            throw NirException.in(file, "node '" + name + "' is a nested NIRGraph, which s3gd does not read "
                + "(it reads one flat graph; a recurrent layer is a Linear edge from the LIF node back to itself)");
        }
        return new NirNode(name, type, fields, strings, metadata(group, file));
    }

    private static String string(Group group, String name, Path file, String where) {
        if (!(group.getChild(name) instanceof Dataset data)) {
            throw NirException.in(file, where + " has no field '" + name + "'");
        }
        String text = text(data.getData());
        if (text == null) {
            throw NirException.in(file, where + ": field '" + name + "' is not a string");
        }
        return text;
    }

    // A string dataset's value, scalar or of one element (h5py writes either); null for anything else.
    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value != null && value.getClass().isArray() && Array.getLength(value) == 1 && Array.get(value, 0) instanceof String s) {
            return s;
        }
        return null;
    }

    private static List<NirGraph.Edge> edges(Group graph, Path file) {
        if (!(graph.getChild("edges") instanceof Dataset data)) {
            throw NirException.in(file, "the graph has no field 'edges'");
        }
        List<String> flat = new ArrayList<>();
        flatten(data.getData(), flat);
        int[] dims = data.getDimensions();
        if (flat.size() % 2 != 0 || dims.length != 2 || dims[1] != 2) {
            throw NirException.in(file, "field 'edges' is " + Arrays.toString(dims) + ", expected n×2 node names");
        }
        List<NirGraph.Edge> edges = new ArrayList<>();
        for (int e = 0; e < flat.size(); e += 2) {
            edges.add(new NirGraph.Edge(flat.get(e), flat.get(e + 1)));
        }
        return edges;
    }

    private static void flatten(Object value, List<String> out) {
        if (value instanceof String s) {
            out.add(s);
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                flatten(Array.get(value, i), out);
            }
        } else {
            throw new NirException("an edge that is not a node name: " + value);
        }
    }

    private static Map<String, Object> metadata(Group group, Path file) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (group.getChild("metadata") instanceof Group meta) {
            for (Map.Entry<String, Node> child : meta.getChildren().entrySet()) {
                if (child.getValue() instanceof Dataset data) {
                    Object value = data.getData();
                    if (value instanceof String || value instanceof Number) {
                        metadata.put(child.getKey(), value instanceof Float f ? (double) f : value);
                    } else if (value != null && value.getClass().isArray() && Array.getLength(value) == 1) {
                        metadata.put(child.getKey(), Array.get(value, 0));
                    }
                }
            }
        }
        return metadata;
    }

    /** A numeric dataset as a {@link NirArray}; null for strings and other kinds. */
    private static NirArray array(Object data, int[] dims, Class<?> type) {
        boolean float32 = type == float.class || type == Float.class;
        boolean integer = type == int.class || type == long.class || type == short.class || type == byte.class
            || type == Integer.class || type == Long.class;
        if (!float32 && !integer && type != double.class && type != Double.class) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        collect(data, values);
        double[] flat = values.stream().mapToDouble(Double::doubleValue).toArray();
        int[] shape = dims == null ? new int[0] : dims;
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size != flat.length) {
            shape = flat.length == 1 ? new int[0] : new int[] {flat.length};
        }
        return new NirArray(shape, flat, float32, integer);
    }

    private static void collect(Object value, List<Double> out) {
        if (value instanceof Number n) {
            out.add(n.doubleValue());
        } else if (value instanceof float[] f) {
            for (float x : f) {
                out.add((double) x);
            }
        } else if (value instanceof double[] d) {
            for (double x : d) {
                out.add(x);
            }
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                collect(Array.get(value, i), out);
            }
        }
    }
}
