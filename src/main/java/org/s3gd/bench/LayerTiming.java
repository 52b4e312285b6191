package org.s3gd.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.s3gd.parallel.Workers;

/**
 * Times forward and backward of one layer, dense against sparse, in one process, interleaved
 * (dense, sparse, dense, sparse …) after warm-up, and reports medians with the spread, the bytes
 * each backward keeps and needs, and the bytes the JVM allocated per pass.
 */
public final class LayerTiming {
    /**
     * Medians and quartiles in milliseconds, the memory counts of {@link LayerWorkload}, and the
     * median bytes allocated per pass (0 where the JVM does not count them).
     *
     * @param activeEntries   active entries of the layer (|v − θ| &lt; B_th), of B·T·N
     * @param inputEvents     input spikes, of B·T·N_in
     * @param previousActive  active entries of the previous layer, of B·T·N_in
     * @param warmupRounds    untimed rounds run before the timed ones
     * @param warmedUp        whether the passes' allocations had settled when timing began
     * @param stages          the two backward passes stage by stage, timed after the passes
     */
    public record Result(LayerShape shape, float backpropThreshold, long activeEntries, long inputEvents,
                         long previousActive, Stat denseForward, Stat sparseForward, Stat denseBackward,
                         Stat sparseBackward, long denseBytes, long sparseBytes, long denseTransientBytes,
                         long sparseTransientBytes, Allocation allocation, int warmupRounds, boolean warmedUp,
                         Stages stages) {
        /** Active entries / (B·T·N). */
        public double activity() {
            return activeEntries / ((double) shape.batch() * shape.steps() * shape.neurons());
        }

        /** Input spikes / (B·T·N_in). */
        public double inputRate() {
            return inputEvents / ((double) shape.batch() * shape.steps() * shape.inputs());
        }

        /** ALGORITHM.md §4: dense backward time / sparse backward time. */
        public double backwardSpeedup() {
            return denseBackward.median() / sparseBackward.median();
        }

        /** ALGORITHM.md §4: (forward + backward) dense / (forward + backward) sparse. */
        public double overallSpeedup() {
            return (denseForward.median() + denseBackward.median()) / (sparseForward.median() + sparseBackward.median());
        }

        /** ALGORITHM.md §4: (dense memory / sparse memory − 1)·100 %, of the bytes the backward keeps. */
        public double memorySavedPercent() {
            return ((double) denseBytes / sparseBytes - 1) * 100;
        }

        /** (1 − sparse memory / dense memory)·100 %: the share of the dense method's kept bytes the sparse one does without. */
        public double memoryReductionPercent() {
            return (1 - (double) sparseBytes / denseBytes) * 100;
        }
    }

    /** Median and quartiles of a timing, in milliseconds. */
    public record Stat(double median, double q1, double q3) {
        static Stat of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Stat(LayerWorkload.median(sorted) / 1e6, sorted[sorted.length / 4] / 1e6,
                sorted[(3 * sorted.length) / 4] / 1e6);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.3f [%.3f–%.3f]", median, q1, q3);
        }
    }

    /**
     * The backward passes stage by stage (medians and quartiles in ms), to see where each spends its
     * time: dense ε, ∇W = Xᵀ·E, ∂L/∂X = E·Wᵀ; sparse surrogate, ∇W, ∂L/∂x at the previous active set.
     */
    public record Stages(Stat denseEpsilon, Stat denseWeightGradient, Stat denseSpikeGradient, Stat sparseSurrogate,
                         Stat sparseWeightGradient, Stat sparseSpikeGradient) {
        /** GFLOP/s of the dense ∇W product, 2·B·T·N_in·N flops: how fast the dense baseline's GEMM runs. */
        public double denseWeightGradientGflops(LayerShape shape) {
            return 2.0 * shape.denseMacs() / (denseWeightGradient.median() * 1e6);
        }
    }

    /**
     * Median bytes the JVM allocated during one pass, over the calling thread and the workers.
     *
     * @param threads the number of threads counted; 0 where the JVM does not count allocations
     */
    public record Allocation(long denseForward, long sparseForward, long denseBackward, long sparseBackward, int threads) {
    }

    private LayerTiming() {
    }

    /** Settled: no pass allocates more than this per call once its vector code runs compiled. */
    static final long SETTLED_BYTES = 64 * 1024;
    /** Warm-up stops after this long by default even if the allocations have not settled. */
    static final double MAX_WARMUP_SECONDS = 60;

    /**
     * At least {@code warmup} untimed rounds, more until no pass allocates over {@value #SETTLED_BYTES}
     * bytes (at most {@value #MAX_WARMUP_SECONDS} s), then {@code repetitions} timed ones, each dense then sparse.
     *
     * <p>Why the allocations: until the JIT compiles a Vector API loop with its intrinsics, every
     * vector is an object on the heap, and the loop runs many times slower. A pass that allocates
     * megabytes per call is not yet warm; timing it would measure the interpreter.
     */
    public static Result measure(LayerWorkload workload, int warmup, int repetitions) {
        return measure(workload, warmup, repetitions, MAX_WARMUP_SECONDS);
    }

    /** As {@link #measure(LayerWorkload, int, int)}, the warm-up ending after {@code maxWarmupSeconds} at the latest. */
    public static Result measure(LayerWorkload workload, int warmup, int repetitions, double maxWarmupSeconds) {
        if (repetitions < 1 || warmup < 0) {
            throw new IllegalArgumentException("need repetitions >= 1 and warmup >= 0, got " + repetitions + ", " + warmup);
        }
        Runnable[] passes = {workload::denseForward, workload::sparseForward, workload::denseBackward, workload::sparseBackward};
        long[] nanos = new long[passes.length];
        long[] bytes = new long[passes.length];
        // One round first: afterwards every worker thread exists and can be counted.
        round(workload, passes, null, nanos, bytes);
        AllocationCounter allocation = AllocationCounter.forWorkers();
        int warmupRounds = 1;
        long warmupStart = System.nanoTime();
        boolean settled = false;
        while (warmupRounds < warmup || !settled) {
            round(workload, passes, allocation, nanos, bytes);
            warmupRounds++;
            settled = !allocation.supported() || Arrays.stream(bytes).allMatch(b -> b <= SETTLED_BYTES);
            if (System.nanoTime() - warmupStart > maxWarmupSeconds * 1e9 && warmupRounds >= warmup) {
                break;
            }
        }
        long[][] timed = new long[passes.length][repetitions];
        long[][] allocated = new long[passes.length][repetitions];
        for (int r = 0; r < repetitions; r++) {
            round(workload, passes, allocation, nanos, bytes);
            for (int pass = 0; pass < passes.length; pass++) {
                timed[pass][r] = nanos[pass];
                allocated[pass][r] = bytes[pass];
            }
        }
        Allocation perPass = new Allocation(medianLong(allocated[0]), medianLong(allocated[1]), medianLong(allocated[2]),
            medianLong(allocated[3]), allocation.supported() ? allocation.threadCount() : 0);
        return new Result(workload.shape(), workload.backpropThreshold(), workload.activeSet().totalCount(),
            workload.inputEvents(), workload.previousActiveEntries(), Stat.of(timed[0]), Stat.of(timed[1]),
            Stat.of(timed[2]), Stat.of(timed[3]), workload.denseKeptBytes(), workload.sparseKeptBytes(),
            workload.denseTransientBytes(), workload.sparseTransientBytes(), perPass, warmupRounds, settled,
            stages(workload, repetitions));
    }

    private static Stages stages(LayerWorkload workload, int repetitions) {
        Runnable[] stages = {workload::denseEpsilon, workload::denseWeightGradientStep, workload::denseSpikeGradientStep,
            workload::sparseSurrogate, workload::sparseWeightGradientStep, workload::sparseSpikeGradientStep};
        long[][] nanos = new long[stages.length][repetitions];
        for (int r = 0; r < repetitions; r++) {
            workload.restoreGradients();
            for (int stage = 0; stage < stages.length; stage++) {
                long start = System.nanoTime();
                stages[stage].run();
                nanos[stage][r] = System.nanoTime() - start;
            }
        }
        return new Stages(Stat.of(nanos[0]), Stat.of(nanos[1]), Stat.of(nanos[2]), Stat.of(nanos[3]), Stat.of(nanos[4]),
            Stat.of(nanos[5]));
    }

    // Dense forward, sparse forward, dense backward, sparse backward; the incoming gradients are
    // restored before the backward passes, outside the timed region.
    private static void round(LayerWorkload workload, Runnable[] passes, AllocationCounter allocation, long[] nanos,
                              long[] bytes) {
        for (int pass = 0; pass < passes.length; pass++) {
            if (pass == 2) {
                workload.restoreGradients();
            }
            long before = allocation == null ? 0 : allocation.allocatedBytes();
            long start = System.nanoTime();
            passes[pass].run();
            long end = System.nanoTime();
            long after = allocation == null ? 0 : allocation.allocatedBytes();
            nanos[pass] = end - start;
            bytes[pass] = after - before;
        }
    }

    private static long medianLong(long[] samples) {
        return Math.round(LayerWorkload.median(samples));
    }

    public static void print(Result r, PrintStream out) {
        out.println(line(r));
    }

    /** One line: activity, times, speedups, kept memory. */
    public static String line(Result r) {
        return String.format(Locale.ROOT, "%-12s act %.2f%% in %.2f%% | fwd dense %s sparse %s ms | bwd dense %s sparse %s ms"
                + " | bwd ×%.1f overall ×%.1f | kept %.1f → %.2f MiB (saved %.0f%%, reduction %.1f%%)",
            r.shape().name(), r.activity() * 100, r.inputRate() * 100, r.denseForward(), r.sparseForward(),
            r.denseBackward(), r.sparseBackward(), r.backwardSpeedup(), r.overallSpeedup(),
            r.denseBytes() / 1048576.0, r.sparseBytes() / 1048576.0, r.memorySavedPercent(), r.memoryReductionPercent());
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
