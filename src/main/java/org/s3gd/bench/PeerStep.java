package org.s3gd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.s3gd.model.BackwardMethod;

/**
 * The s3gd side of the PyTorch comparison, as a program of its own so that its peak memory is the
 * process's: {@code PeerStep DATASET HIDDEN METHOD BATCH THREADS WARMUP REPETITIONS} runs
 * {@link StepWorkload} and prints one line of JSON: the median step and phase times in ms and the
 * peak resident set size in bytes (Linux's VmHWM).
 */
public final class PeerStep {
    private PeerStep() {
    }

    public static void main(String[] args) throws IOException {
        BenchDataset dataset = BenchDataset.valueOf(args[0]);
        List<Integer> hidden = Arrays.stream(args[1].split(",")).map(Integer::parseInt).toList();
        BackwardMethod method = BackwardMethod.valueOf(args[2]);
        int batch = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        double activity = Double.parseDouble(args[5]);
        int warmup = Integer.parseInt(args[6]);
        int repetitions = Integer.parseInt(args[7]);
        try (StepWorkload workload = new StepWorkload(dataset, hidden, method, batch, threads, activity, 1)) {
            List<StepWorkload.StepTimes> times = workload.run(warmup, repetitions);
            System.out.println(String.format(Locale.ROOT,
                "{\"median_ms\": %.4f, \"forward_ms\": %.4f, \"backward_ms\": %.4f, \"optimizer_ms\": %.4f, "
                    + "\"peak_rss_bytes\": %d}",
                median(times.stream().mapToDouble(StepWorkload.StepTimes::totalMs).toArray()),
                median(times.stream().mapToDouble(StepWorkload.StepTimes::forwardMs).toArray()),
                median(times.stream().mapToDouble(StepWorkload.StepTimes::backwardMs).toArray()),
                median(times.stream().mapToDouble(StepWorkload.StepTimes::optimizerMs).toArray()), peakRss()));
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The process's peak resident set size in bytes, or −1 where /proc does not say. */
    static long peakRss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
