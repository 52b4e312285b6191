package org.s3gd.nir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * A fixture the reference package wrote ({@code make_reference_fixture.py},
 * {@code make_conv_reference_fixture.py}): its NIR file, and the input spikes and readout outputs
 * that the script computed with NumPy for s3gd's discrete model.
 *
 * @param input       the input spikes, one sample per batch entry
 * @param expectedMax per sample, the max over time of each readout trace
 * @param expectedSum per sample, the sum over time of each readout trace
 */
record ReferenceOutputs(EventBatch input, float[][] expectedMax, float[][] expectedSum) {
    /** Reads {@code name}.txt, the script's outputs. */
    static ReferenceOutputs read(String name) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = ReferenceOutputs.class.getResourceAsStream(name + ".txt")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).forEach(lines::add);
        }
        String[] head = lines.get(0).split(" ");
        int steps = Integer.parseInt(head[1]);
        int inputs = Integer.parseInt(head[3]);
        int samples = Integer.parseInt(head[7]);
        EventBatch input = new EventBatch(samples, steps, inputs, false);
        float[][] expectedMax = new float[samples][];
        float[][] expectedSum = new float[samples][];
        for (int b = 0; b < samples; b++) {
            List<int[]> spikes = new ArrayList<>();
            for (String pair : lines.get(1 + 3 * b).substring("spikes ".length()).split(" ")) {
                String[] tu = pair.split(":");
                spikes.add(new int[] {Integer.parseInt(tu[0]), Integer.parseInt(tu[1])});
            }
            for (int t = 0; t < steps; t++) {
                for (int[] s : spikes) {
                    if (s[0] == t) {
                        input.add(b, s[1]);
                    }
                }
                input.endStep(b, t);
            }
            expectedMax[b] = floats(lines.get(2 + 3 * b));
            expectedSum[b] = floats(lines.get(3 + 3 * b));
        }
        return new ReferenceOutputs(input, expectedMax, expectedSum);
    }

    /** Copies the fixture's {@code name}.nir into {@code folder}. */
    static Path file(String name, Path folder) throws IOException {
        Path file = folder.resolve(name + ".nir");
        try (InputStream in = ReferenceOutputs.class.getResourceAsStream(name + ".nir")) {
            Files.copy(in, file);
        }
        return file;
    }

    /** Runs the file's network with either readout and checks every output against the script's, to 1e-5 (max) and 1e-4 (sum). */
    void assertReproducedBy(Path file) {
        float[] peak = logits(NirImport.network(NirFile.read(file), file, ReadoutMode.MAX).toNetwork(), input);
        float[] total = logits(NirImport.network(NirFile.read(file), file, ReadoutMode.SUM).toNetwork(), input);
        int outputs = expectedMax[0].length;
        for (int b = 0; b < expectedMax.length; b++) {
            for (int o = 0; o < outputs; o++) {
                assertThat(peak[b * outputs + o]).as("max, sample %d output %d", b, o)
                    .isCloseTo(expectedMax[b][o], Offset.offset(1e-5f * (1 + Math.abs(expectedMax[b][o]))));
                assertThat(total[b * outputs + o]).as("sum, sample %d output %d", b, o)
                    .isCloseTo(expectedSum[b][o], Offset.offset(1e-4f * (1 + Math.abs(expectedSum[b][o]))));
            }
        }
        assertThat(peak).as("the network is not silent").isNotEqualTo(new float[expectedMax.length * outputs]);
    }

    /** The logits of {@code network} for {@code input}, run on two threads. */
    static float[] logits(SpikingNetwork network, EventBatch input) {
        try (Workers workers = new Workers(2)) {
            NetworkRunner runner = new NetworkRunner(network, input.steps(), workers);
            return runner.infer(input).clone();
        }
    }

    private static float[] floats(String line) {
        String[] cells = line.substring(line.indexOf(' ') + 1).split(" ");
        float[] values = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = (float) Double.parseDouble(cells[i]);
        }
        return values;
    }
}
