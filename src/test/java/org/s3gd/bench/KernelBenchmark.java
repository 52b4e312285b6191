package org.s3gd.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.s3gd.parallel.Workers;

/**
 * The stages of the timed layer's backward one by one, dense against sparse, at B = 256 and 1.5 %
 * activity: ∇W (dense: Xᵀ·E by GEMM; sparse: over the active set) and the input-spike gradient
 * (dense: E·Wᵀ; sparse: at the previous layer's active entries). Each stage reads the surrogate
 * or ε computed once in set-up and changes nothing else, so it can be repeated without a reset.
 * Run with {@code ./mvnw -Pjmh -Djmh.args="KernelBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx12g"})
public class KernelBenchmark {
    @Param({"fmnist", "shd"})
    public String shape;

    @Param({"2"})
    public int threads;

    private Workers workers;
    private LayerWorkload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workers = new Workers(threads);
        LayerShape layer = LayerShape.named(shape, 256);
        workload = new LayerWorkload(layer, 0.2f, 0.015, 0.015, workers, 1);
        workload.restoreGradients();
        workload.denseEpsilon();
        workload.sparseSurrogate();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workers.close();
    }

    @Benchmark
    public void denseWeightGradient() {
        workload.denseWeightGradientStep();
    }

    @Benchmark
    public void sparseWeightGradient() {
        workload.sparseWeightGradientStep();
    }

    @Benchmark
    public void denseSpikeGradient() {
        workload.denseSpikeGradientStep();
    }

    @Benchmark
    public void sparseSpikeGradient() {
        workload.sparseSpikeGradientStep();
    }
}
