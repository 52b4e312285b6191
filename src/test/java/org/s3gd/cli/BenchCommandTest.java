package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.bench.BenchCsv;
import org.s3gd.bench.BenchOutput;
import org.s3gd.bench.BenchPlots;
import org.s3gd.bench.GradientPlot;

/**
 * {@code s3gd bench} end to end on tiny shapes: the files it writes and the consistency of their
 * columns. Nothing here asserts a timing.
 */
class BenchCommandTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int BATCH = 4;

    @TempDir
    static Path folder;

    private static Cli run;

    @BeforeAll
    static void runTheQuickBenchOnTinyShapes() {
        run = Cli.run("bench", "--quick", "--synthetic-input", "--batch", String.valueOf(BATCH), "--warmup", "0",
            "--repetitions", "2", "--hidden-sizes", "48,64", "--thresholds", "0.8,0.99", "--train-batches", "3",
            "--threads", "2", "--out", folder.resolve("out").toString(), "--write-docs", "--docs",
            folder.resolve("docs/BENCHMARKS.md").toString(), "--data-dir", folder.resolve("no-data").toString(),
            "--cache-dir", folder.resolve("cache").toString());
    }

    @Test
    void theQuickRunWritesEveryTablePlotAndTheDocument() throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path out = folder.resolve("out");
        for (String csv : List.of("layers.csv", "hidden.csv", "threshold.csv", "training.csv", "recurrent.csv",
            "peer.csv", "conv.csv", BenchOutput.SUMMARY)) {
            assertThat(out.resolve(csv)).isRegularFile();
        }
        for (String png : List.of(BenchPlots.LAYER_TIMES, BenchPlots.LAYER_SPEEDUP, BenchPlots.HIDDEN_SPEEDUP,
            BenchPlots.HIDDEN_MEMORY, BenchPlots.THRESHOLD_ACTIVITY, BenchPlots.THRESHOLD_SPEEDUP, BenchPlots.TRAINING_ACTIVITY)) {
            assertThat(Files.readAllBytes(out.resolve(png))).as(png).startsWith(PNG_SIGNATURE);
            assertThat(folder.resolve("docs/benchmarks").resolve(png)).isRegularFile();
        }
        assertThat(run.out()).contains("Layer times", "F-MNIST", "N-MNIST", "SHD", "synthetic", "Quick run");
        assertThat(Files.readString(out.resolve(BenchOutput.SUMMARY))).contains("Quick run", "### Targets",
            "### Hidden-size sweep", "### b_th sweep", "### Activity during training", "### Recurrent layer",
            "recurrent backward speedup", "synthetic: SHD files not found");
        assertThat(Files.readString(folder.resolve("docs/BENCHMARKS.md"))).contains("## Running the benchmarks",
            "## Results", "memory reduction", "(benchmarks/" + BenchPlots.LAYER_TIMES + ")", "Compared with the paper");
    }

    @Test
    void speedupAndMemoryColumnsFollowFromTheTimeAndByteColumns() throws IOException {
        for (String file : List.of("layers.csv", "hidden.csv", "threshold.csv")) {
            for (Map<String, String> row : read(folder.resolve("out").resolve(file))) {
                double denseBackward = num(row, "dense_backward_ms");
                double sparseBackward = num(row, "sparse_backward_ms");
                assertThat(num(row, "backward_speedup")).as(file).isCloseTo(denseBackward / sparseBackward,
                    within(1e-4 * denseBackward / sparseBackward));
                double overall = (num(row, "dense_forward_ms") + denseBackward) / (num(row, "sparse_forward_ms") + sparseBackward);
                assertThat(num(row, "overall_speedup")).isCloseTo(overall, within(1e-4 * overall));
                for (String pass : List.of("dense_forward", "sparse_forward", "dense_backward", "sparse_backward")) {
                    assertThat(num(row, pass + "_q1_ms")).isLessThanOrEqualTo(num(row, pass + "_ms"));
                    assertThat(num(row, pass + "_ms")).isLessThanOrEqualTo(num(row, pass + "_q3_ms"));
                }

                long b = (long) num(row, "batch");
                long t = (long) num(row, "steps");
                long inputs = (long) num(row, "inputs");
                long neurons = (long) num(row, "neurons");
                long dense = (long) num(row, "dense_kept_bytes");
                long sparse = (long) num(row, "sparse_kept_bytes");
                assertThat(b).isEqualTo(BATCH);
                assertThat(dense).as("B·T·(N_in + N)·4").isEqualTo(b * t * (inputs + neurons) * 4);
                assertThat(sparse).as("input events, active entries with values, two offset tables")
                    .isEqualTo((long) num(row, "input_events") * 4 + (long) num(row, "active_entries") * 8 + 2 * b * (t + 1) * 4);
                assertThat(num(row, "memory_saved_pct")).isCloseTo(((double) dense / sparse - 1) * 100, within(1e-3 * dense / sparse));
                assertThat(num(row, "memory_reduction_pct")).isCloseTo((1 - (double) sparse / dense) * 100, within(1e-3));
                assertThat(num(row, "activity_pct")).isCloseTo(100 * num(row, "active_entries") / (b * t * neurons), within(1e-4));
                assertThat(num(row, "dense_transient_bytes")).as("at least ε, the input gradient and ∇W")
                    .isGreaterThanOrEqualTo((b * t * (inputs + neurons) + inputs * neurons) * 4);
                assertThat(num(row, "sparse_transient_bytes")).as("at least ∇W and the gradients at the active entries")
                    .isGreaterThanOrEqualTo((inputs * neurons + num(row, "active_entries") + num(row, "previous_active_entries")) * 4);
                assertThat(row.get("source")).startsWith("synthetic");
            }
        }
    }

    @Test
    void layersAreCalibratedToTheRequestedActivityAndTheSweepsCoverTheirValues() throws IOException {
        List<Map<String, String>> layers = read(folder.resolve("out/layers.csv"));
        assertThat(layers).extracting(r -> r.get("dataset")).containsExactly("F-MNIST", "N-MNIST", "SHD");
        List<Map<String, String>> hidden = read(folder.resolve("out/hidden.csv"));
        assertThat(hidden).extracting(r -> r.get("neurons")).containsExactly("48", "64");
        for (Map<String, String> row : concat(layers, hidden)) {
            assertThat(num(row, "activity_pct")).as("calibrated to 1.5 %% within 10 %%").isCloseTo(1.5, within(0.15));
            assertThat(num(row, "first_layer_activity_pct")).isCloseTo(1.5, within(0.15));
            assertThat(num(row, "b_th")).isCloseTo(0.8, within(1e-6));
        }
        List<Map<String, String>> threshold = read(folder.resolve("out/threshold.csv"));
        assertThat(threshold).extracting(r -> num(r, "b_th")).containsExactly(0.8, 0.99);
        assertThat(num(threshold.get(1), "activity_pct")).as("a higher b_th leaves fewer active entries")
            .isLessThan(num(threshold.get(0), "activity_pct"));
        assertThat(num(threshold.get(1), "sparse_kept_bytes")).isLessThan(num(threshold.get(0), "sparse_kept_bytes"));

        List<Map<String, String>> training = read(folder.resolve("out/training.csv"));
        assertThat(training).hasSize(3);
        for (Map<String, String> row : training) {
            for (String column : List.of("active_pct_1", "active_pct_2", "spike_pct_1", "spike_pct_2")) {
                assertThat(num(row, column)).isBetween(0.0, 100.0);
            }
        }
    }

    @Test
    void theRecurrentLayerIsMeasuredBesideTheFeedForwardOneWithWhatItsBackwardKeeps() throws IOException {
        List<Map<String, String>> rows = read(folder.resolve("out/recurrent.csv"));
        assertThat(rows).extracting(r -> r.get("dataset")).containsExactly("SHD", "SHD recurrent");
        for (Map<String, String> row : rows) {
            boolean recurrent = row.get("dataset").endsWith("recurrent");
            long b = (long) num(row, "batch");
            long t = (long) num(row, "steps");
            long inputs = (long) num(row, "inputs");
            long neurons = (long) num(row, "neurons");
            assertThat(inputs).isEqualTo(700);
            assertThat(t).isEqualTo(500);
            assertThat(num(row, "activity_pct")).isCloseTo(1.5, within(0.15));
            assertThat((long) num(row, "dense_kept_bytes")).as("B·T·(N_in + N, + N spikes when recurrent)·4")
                .isEqualTo(b * t * (inputs + (recurrent ? 2 : 1) * neurons) * 4);
            long events = (long) num(row, "input_events") * 4 + (long) num(row, "active_entries") * 8 + 2 * b * (t + 1) * 4;
            if (recurrent) {
                assertThat((long) num(row, "sparse_kept_bytes")).as("plus its own spikes as events")
                    .isGreaterThan(events + b * (t + 1) * 4);
            } else {
                assertThat((long) num(row, "sparse_kept_bytes")).isEqualTo(events);
            }
        }
    }

    @Test
    void theWholeStepIsSetBesidePyTorchsWithItsFloorOrTheReportSaysWhyNot() throws IOException {
        List<Map<String, String>> rows = read(folder.resolve("out/peer.csv"));
        assertThat(rows).extracting(r -> r.get("dataset")).as("a quick run leaves out SHD 2 × 1000")
            .containsExactly("F-MNIST", "N-MNIST", "SHD");
        String summary = Files.readString(folder.resolve("out").resolve(BenchOutput.SUMMARY));
        assertThat(summary).contains("### Whole training step against PyTorch", "#### The floor of the sparse step",
            "threads against one, F-MNIST");
        for (Map<String, String> row : rows) {
            assertThat(num(row, "batch")).isEqualTo(BATCH);
            assertThat(num(row, "sparse_step_ms")).isPositive();
            assertThat(num(row, "sparse_one_thread_step_ms")).as("the step on one thread, beside it").isPositive();
            assertThat(num(row, "dense_step_ms")).isPositive();
            assertThat(num(row, "sparse_floor_ms")).as("the floor of real work is above zero").isPositive();
            assertThat(num(row, "sparse_peak_rss_bytes")).isPositive();
            if (Double.isNaN(num(row, "pytorch_step_ms"))) {
                assertThat(summary).as("PyTorch absent: the report says so and how to get it").contains("python3-torch");
            } else {
                assertThat(num(row, "pytorch_over_sparse")).isCloseTo(num(row, "pytorch_step_ms") / num(row, "sparse_step_ms"),
                    within(1e-3 * num(row, "pytorch_over_sparse")));
                assertThat(row.get("pytorch_setting")).startsWith("torch ");
            }
        }
    }

    @Test
    void theConvolutionalLayerIsTimedOnFmnistAndNmnistImagesAndTheSummaryJudgesItsTargets() throws IOException {
        Path csv = folder.resolve("out/conv.csv");
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("dataset,layer,batch,steps,input_rate,activity,dense_forward_ms,"
            + "sparse_forward_ms,dense_backward_ms,sparse_backward_ms,backward_speedup,overall_speedup,dense_kept_bytes,"
            + "sparse_kept_bytes,memory_reduction_pct");
        List<Map<String, String>> rows = read(csv);
        assertThat(rows).extracting(r -> r.get("dataset")).containsExactly("F-MNIST", "N-MNIST");
        assertThat(rows).extracting(r -> r.get("layer"))
            .containsExactly("1×28×28 → conv:32x5s1p0 → 32×24×24", "1×34×34 → conv:16x5s2p0 → 16×15×15");
        assertThat(rows).extracting(r -> (int) num(r, "steps")).containsExactly(100, 300);
        int[] inputs = {28 * 28, 34 * 34};
        int[] neurons = {32 * 24 * 24, 16 * 15 * 15};
        String summary = Files.readString(folder.resolve("out").resolve(BenchOutput.SUMMARY));
        assertThat(summary).contains("### Convolutional layer (ALGORITHM.md §8)",
            "F-MNIST synthetic: F-MNIST files not found", "N-MNIST synthetic: N-MNIST files not found");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            long b = (long) num(row, "batch");
            long t = (long) num(row, "steps");
            assertThat(b).isEqualTo(BATCH);
            assertThat(num(row, "activity")).as("calibrated to 1.5 %%, or below where the layer's activity peaks")
                .isBetween(0.001, 0.0165);
            double denseBackward = num(row, "dense_backward_ms");
            double sparseBackward = num(row, "sparse_backward_ms");
            double speedup = denseBackward / sparseBackward;
            assertThat(num(row, "backward_speedup")).isCloseTo(speedup, within(1e-4 * speedup));
            double overall = (num(row, "dense_forward_ms") + denseBackward) / (num(row, "sparse_forward_ms") + sparseBackward);
            assertThat(num(row, "overall_speedup")).isCloseTo(overall, within(1e-4 * overall));
            long dense = (long) num(row, "dense_kept_bytes");
            long sparse = (long) num(row, "sparse_kept_bytes");
            assertThat(dense).as("B·T·(N_in + N)·4").isEqualTo(b * t * (inputs[i] + neurons[i]) * 4);
            long inputEvents = Math.round(num(row, "input_rate") * b * t * inputs[i]);
            long activeEntries = Math.round(num(row, "activity") * b * t * neurons[i]);
            assertThat(sparse).as("input events, active entries with values, two offset tables")
                .isEqualTo(inputEvents * 4 + activeEntries * 8 + 2 * b * (t + 1) * 4);
            double reduction = (1 - (double) sparse / dense) * 100;
            assertThat(num(row, "memory_reduction_pct")).isCloseTo(reduction, within(1e-3));

            String data = row.get("dataset");
            double measuredSpeedup = num(row, "backward_speedup");
            double measuredReduction = num(row, "memory_reduction_pct");
            assertThat(summary).contains(String.format(Locale.ROOT, "| conv backward speedup, %s | ≥ 10 × | %.1f × | %s |",
                data, measuredSpeedup, measuredSpeedup >= 10 ? "met" : "missed"));
            assertThat(summary).contains(String.format(Locale.ROOT, "| conv kept bytes, %s | ≥ 90 %% less | %.1f %% less | %s |",
                data, measuredReduction, measuredReduction >= 90 ? "met" : "missed"));
        }
    }

    @Test
    void theGradientsExperimentAlonePrintsCosinesNearOneAndDrawsItsPicture() throws IOException {
        Path out = folder.resolve("gradients");

        Cli gradients = Cli.run("bench", "--experiment", "gradients", "--threads", "2", "--out", out.toString());

        assertThat(gradients.exitCode()).as(gradients.err()).isZero();
        Matcher cosines = Pattern.compile("cosine\\(sparse, dense\\): ∇W2 ([0-9.]+); ∂L/∂s1 ([0-9.]+) over the entries the "
            + "sparse method computes, ([0-9.-]+) over all").matcher(gradients.out());
        assertThat(cosines.find()).as(gradients.out()).isTrue();
        double weights = Double.parseDouble(cosines.group(1));
        double computedSpikes = Double.parseDouble(cosines.group(2));
        assertThat(weights).as("∇W2").isBetween(0.95, 1.0);
        assertThat(computedSpikes).as("∂L/∂s1 where the sparse method computes it").isBetween(0.95, 1.0);
        assertThat(Double.parseDouble(cosines.group(3))).as("∂L/∂s1 over all entries, most of which it never computes")
            .isLessThan(computedSpikes);
        byte[] png = Files.readAllBytes(out.resolve(GradientPlot.FILE));
        assertThat(png).startsWith(PNG_SIGNATURE);
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isPositive();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                .as("a picture and the summary, no table").containsExactlyInAnyOrder(GradientPlot.FILE, BenchOutput.SUMMARY);
        }
        assertThat(gradients.out()).contains("wrote summary.md, gradients.png in " + out).doesNotContain("CSV files");
    }

    @Test
    void writingTheDocumentNeedsEveryExperimentAndUnknownExperimentsAreUsageErrors() {
        Cli partial = Cli.run("bench", "--experiment", "layers", "--write-docs");
        assertThat(partial.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(partial.err()).contains("--write-docs", "--all");

        Cli unknown = Cli.run("bench", "--experiment", "speed");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("unknown experiment 'speed'");

        Cli badActivity = Cli.run("bench", "--activity", "1.5");
        assertThat(badActivity.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badActivity.err()).contains("--activity");
    }

    private static List<Map<String, String>> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        if (csv.getFileName().toString().equals("layers.csv")) {
            assertThat(header).isEqualTo(BenchCsv.LAYER_COLUMNS);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSize(header.size());
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < cells.length; c++) {
                row.put(header.get(c), cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static double num(Map<String, String> row, String column) {
        assertThat(row).containsKey(column);
        return Double.parseDouble(row.get(column));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
