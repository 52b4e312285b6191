package org.s3gd.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The CSV files of a benchmark run: one per experiment. Times are milliseconds (median, first and
 * third quartile), memory is bytes, activity and rates are percentages.
 */
public final class BenchCsv {
    /** Columns of the layer files ({@code layers.csv}, {@code hidden.csv}, {@code threshold.csv}). */
    public static final List<String> LAYER_COLUMNS = List.of("dataset", "source", "batch", "steps", "inputs", "neurons",
        "b_th", "activity_pct", "active_entries", "first_layer_activity_pct", "input_rate_pct", "input_events",
        "previous_active_entries", "dense_forward_ms", "dense_forward_q1_ms", "dense_forward_q3_ms", "sparse_forward_ms",
        "sparse_forward_q1_ms", "sparse_forward_q3_ms", "dense_backward_ms", "dense_backward_q1_ms", "dense_backward_q3_ms",
        "sparse_backward_ms", "sparse_backward_q1_ms", "sparse_backward_q3_ms", "backward_speedup", "overall_speedup",
        "dense_kept_bytes", "sparse_kept_bytes", "memory_saved_pct", "memory_reduction_pct", "dense_transient_bytes",
        "sparse_transient_bytes", "dense_forward_alloc_bytes", "sparse_forward_alloc_bytes", "dense_backward_alloc_bytes",
        "sparse_backward_alloc_bytes", "alloc_threads", "warmup_rounds", "warmed_up", "dense_epsilon_ms", "dense_weight_gradient_ms",
        "dense_spike_gradient_ms", "sparse_surrogate_ms", "sparse_weight_gradient_ms", "sparse_spike_gradient_ms",
        "dense_weight_gradient_gflops");

    private BenchCsv() {
    }

    /** The file name of an experiment's CSV. */
    public static String fileName(Experiment experiment) {
        return experiment.id() + ".csv";
    }

    public static void writeLayers(Path file, List<LayerRow> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", LAYER_COLUMNS) + "\n");
            for (LayerRow row : rows) {
                LayerTiming.Result r = row.timing();
                LayerShape s = r.shape();
                out.write(String.join(",", cell(row.dataset()), cell(row.source()), str(s.batch()), str(s.steps()),
                    str(s.inputs()), str(s.neurons()), num(1 - (double) r.backpropThreshold()), num(100 * r.activity()),
                    str(r.activeEntries()), num(100 * row.firstActivity()), num(100 * r.inputRate()), str(r.inputEvents()),
                    str(r.previousActive()), stat(r.denseForward()), stat(r.sparseForward()), stat(r.denseBackward()),
                    stat(r.sparseBackward()), num(r.backwardSpeedup()), num(r.overallSpeedup()), str(r.denseBytes()),
                    str(r.sparseBytes()), num(r.memorySavedPercent()), num(r.memoryReductionPercent()),
                    str(r.denseTransientBytes()), str(r.sparseTransientBytes()), str(r.allocation().denseForward()),
                    str(r.allocation().sparseForward()), str(r.allocation().denseBackward()),
                    str(r.allocation().sparseBackward()), str(r.allocation().threads()), str(r.warmupRounds()),
                    Boolean.toString(r.warmedUp()), num(r.stages().denseEpsilon().median()),
                    num(r.stages().denseWeightGradient().median()), num(r.stages().denseSpikeGradient().median()),
                    num(r.stages().sparseSurrogate().median()), num(r.stages().sparseWeightGradient().median()),
                    num(r.stages().sparseSpikeGradient().median()), num(r.stages().denseWeightGradientGflops(s))) + "\n");
            }
        }
    }

    /** One row per network of the PyTorch comparison: step times (ms) and peak memory (bytes) of each side, and the floor. */
    public static void writePeer(Path file, List<PeerRow> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("dataset,hidden,batch,sparse_step_ms,sparse_one_thread_step_ms,dense_step_ms,pytorch_step_ms,pytorch_over_sparse,"
                + "sparse_peak_rss_bytes,dense_peak_rss_bytes,pytorch_peak_rss_bytes,sparse_floor_ms,sparse_measured_ms,"
                + "pytorch_setting\n");
            for (PeerRow r : rows) {
                out.write(String.join(",", cell(r.dataset()), cell(r.hidden().toString()), str(r.batch()),
                    num(r.sparse().stepMs()), num(r.sparseOneThread().available() ? r.sparseOneThread().stepMs() : Double.NaN),
                    num(r.dense().stepMs()), num(r.pytorch().stepMs()), num(r.sparseSpeedup()),
                    str(r.sparse().peakRssBytes()), str(r.dense().peakRssBytes()), str(r.pytorch().peakRssBytes()),
                    num(r.floor().isEmpty() ? Double.NaN : r.floorMs()),
                    num(r.floor().isEmpty() ? Double.NaN : r.measuredMs()), cell(r.pytorch().setting())) + "\n");
            }
        }
    }

    /** One row per convolutional layer timed ({@link ConvRow}). */
    public static void writeConv(Path file, List<ConvRow> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("dataset,layer,batch,steps,input_rate,activity,dense_forward_ms,sparse_forward_ms,dense_backward_ms,"
                + "sparse_backward_ms,backward_speedup,overall_speedup,dense_kept_bytes,sparse_kept_bytes,memory_reduction_pct\n");
            for (ConvRow r : rows) {
                out.write(String.join(",", cell(r.dataset()), cell(r.layer()), str(r.batch()), str(r.steps()), num(r.inputRate()),
                    num(r.activity()), num(r.denseForward().median()), num(r.sparseForward().median()),
                    num(r.denseBackward().median()), num(r.sparseBackward().median()), num(r.backwardSpeedup()),
                    num(r.overallSpeedup()), str(r.denseBytes()), str(r.sparseBytes()), num(r.memoryReductionPercent())) + "\n");
            }
        }
    }

    /** {@code batch, active_pct_1 … active_pct_L, spike_pct_1 … spike_pct_L}: one row per training batch. */
    public static void writeTraining(Path file, TrainingActivity training) throws IOException {
        int layers = training.layers();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("batch");
            for (int l = 1; l <= layers; l++) {
                header.append(",active_pct_").append(l);
            }
            for (int l = 1; l <= layers; l++) {
                header.append(",spike_pct_").append(l);
            }
            out.write(header + "\n");
            for (int k = 0; k < training.activePercent().size(); k++) {
                StringBuilder line = new StringBuilder(str(k));
                for (double v : training.activePercent().get(k)) {
                    line.append(',').append(num(v));
                }
                for (double v : training.spikePercent().get(k)) {
                    line.append(',').append(num(v));
                }
                out.write(line + "\n");
            }
        }
    }

    private static String stat(LayerTiming.Stat stat) {
        return num(stat.median()) + "," + num(stat.q1()) + "," + num(stat.q3());
    }

    private static String str(long value) {
        return Long.toString(value);
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    // Text cells never hold the separator: commas become semicolons.
    private static String cell(String text) {
        return text.replace(',', ';').replace('\n', ' ');
    }
}
