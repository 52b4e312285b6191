package org.s3gd.bench;

import java.io.PrintStream;
import java.util.Locale;
import org.s3gd.parallel.Workers;

/**
 * Times forward and backward of one layer, dense against sparse, in one process, interleaved
 * (dense, sparse, dense, sparse …) after warm-up, and reports medians with the spread.
 */
public final class LayerTiming {
    /**
     * Medians and interquartile ranges in milliseconds, plus the kept bytes.
     */
    public record Result(LayerShape shape, double activity, double inputRate, Stat denseForward, Stat sparseForward,
                         Stat denseBackward, Stat sparseBackward, long denseBytes, long sparseBytes) {
        public double backwardSpeedup() {
            return denseBackward.median() / sparseBackward.median();
        }

        public double overallSpeedup() {
            return (denseForward.median() + denseBackward.median()) / (sparseForward.median() + sparseBackward.median());
        }

        /** ALGORITHM.md §4: (dense memory / sparse memory − 1)·100 %. */
        public double memorySavedPercent() {
            return ((double) denseBytes / sparseBytes - 1) * 100;
        }
    }

    /** Median and quartiles of a timing, in milliseconds. */
    public record Stat(double median, double q1, double q3) {
        static Stat of(long[] nanos) {
            long[] sorted = nanos.clone();
            java.util.Arrays.sort(sorted);
            return new Stat(LayerWorkload.median(sorted) / 1e6, sorted[sorted.length / 4] / 1e6,
                sorted[(3 * sorted.length) / 4] / 1e6);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.3f [%.3f–%.3f]", median, q1, q3);
        }
    }

    private LayerTiming() {
    }

    public static Result measure(LayerWorkload workload, int warmup, int repetitions) {
        long[] denseForward = new long[repetitions];
        long[] sparseForward = new long[repetitions];
        long[] denseBackward = new long[repetitions];
        long[] sparseBackward = new long[repetitions];
        for (int r = -warmup; r < repetitions; r++) {
            long t0 = System.nanoTime();
            workload.denseForward();
            long t1 = System.nanoTime();
            workload.sparseForward();
            long t2 = System.nanoTime();
            workload.restoreGradients();
            long t3 = System.nanoTime();
            workload.denseBackward();
            long t4 = System.nanoTime();
            workload.sparseBackward();
            long t5 = System.nanoTime();
            if (r >= 0) {
                denseForward[r] = t1 - t0;
                sparseForward[r] = t2 - t1;
                denseBackward[r] = t4 - t3;
                sparseBackward[r] = t5 - t4;
            }
        }
        return new Result(workload.shape(), workload.activity(), workload.inputRate(), Stat.of(denseForward),
            Stat.of(sparseForward), Stat.of(denseBackward), Stat.of(sparseBackward), workload.denseKeptBytes(),
            workload.sparseKeptBytes());
    }

    public static void print(Result r, PrintStream out) {
        out.printf(Locale.ROOT, "%-12s act %.2f%% in %.2f%% | fwd dense %s sparse %s ms | bwd dense %s sparse %s ms"
                + " | bwd ×%.1f overall ×%.1f | kept %.1f → %.2f MiB (saved %.0f%%)%n",
            r.shape().name(), r.activity() * 100, r.inputRate() * 100, r.denseForward(), r.sparseForward(),
            r.denseBackward(), r.sparseBackward(), r.backwardSpeedup(), r.overallSpeedup(),
            r.denseBytes() / 1048576.0, r.sparseBytes() / 1048576.0, r.memorySavedPercent());
    }

    /** Quick command-line run: {@code LayerTiming [threads] [batch] [repetitions]}. */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        try (Workers workers = new Workers(threads)) {
            for (LayerShape shape : new LayerShape[] {LayerShape.fmnist(batch), LayerShape.shd(batch), LayerShape.shdWide(batch)}) {
                LayerWorkload workload = new LayerWorkload(shape, 0.2f, 0.015, 0.015, workers, 1);
                print(measure(workload, 3, repetitions), System.out);
            }
        }
    }
}
