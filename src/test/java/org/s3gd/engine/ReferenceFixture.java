package org.s3gd.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of the autograd fixtures in {@code reference/}: {@code dense_reference.txt} (written by
 * {@code make_dense_reference.py}) and {@code recurrent_reference.txt} ({@code make_recurrent_reference.py}).
 */
final class ReferenceFixture {
    record Tensor(int[] shape, double[] values) {
        float[] floats() {
            float[] out = new float[values.length];
            for (int k = 0; k < values.length; k++) {
                out[k] = (float) values[k];
            }
            return out;
        }
    }

    record Case(String name, Map<String, String> params, Map<String, Tensor> tensors, Map<String, Double> scalars) {
        double param(String key) {
            return Double.parseDouble(params.get(key));
        }

        int intParam(String key) {
            return Integer.parseInt(params.get(key));
        }

        List<Integer> hidden() {
            return Arrays.stream(params.get("hidden").split(",")).map(Integer::parseInt).toList();
        }

        /** The kind of each hidden layer: {@code lif}, or {@code rlif} for a recurrent one. */
        List<String> kinds() {
            String kinds = params.get("kinds");
            return kinds == null ? hidden().stream().map(n -> "lif").toList() : List.of(kinds.split(","));
        }

        Tensor tensor(String key) {
            Tensor t = tensors.get(key);
            if (t == null) {
                throw new IllegalArgumentException("case " + name + " has no tensor " + key);
            }
            return t;
        }
    }

    private ReferenceFixture() {
    }

    static List<Case> load() throws IOException {
        return load("dense_reference.txt");
    }

    static List<Case> load(String name) throws IOException {
        try (InputStream in = ReferenceFixture.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IOException("reference/" + name + " is missing from the test resources");
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<Case> cases = new ArrayList<>();
            Case current = null;
            for (int k = 0; k < lines.length; k++) {
                String line = lines[k].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "case" -> current = new Case(parts[1], new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
                    case "param" -> current.params().put(parts[1], parts[2]);
                    case "scalar" -> current.scalars().put(parts[1], Double.parseDouble(parts[2]));
                    case "tensor" -> {
                        int[] shape = Arrays.stream(parts[2].split(",")).mapToInt(Integer::parseInt).toArray();
                        double[] values = Arrays.stream(lines[++k].strip().split(" ")).mapToDouble(Double::parseDouble).toArray();
                        current.tensors().put(parts[1], new Tensor(shape, values));
                    }
                    case "end" -> cases.add(current);
                    default -> throw new IOException("unexpected line " + (k + 1) + ": " + line);
                }
            }
            return cases;
        }
    }
}
