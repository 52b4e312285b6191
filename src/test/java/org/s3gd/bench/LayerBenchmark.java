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
 * Forward and backward of the paper's timed layer (the second hidden layer), dense against sparse,
 * at B = 256 and 1.5 % activity. Run with {@code ./mvnw -Pjmh -Djmh.args="LayerBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx12g"})
public class LayerBenchmark {
    @Param({"fmnist", "shd", "shd700"})
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
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workers.close();
    }

    // Both backward passes overwrite their incoming gradients in place; restoring them is a copy
    // of what the layer above would send, done outside the timed region.
    @Setup(Level.Invocation)
    public void restore() {
        workload.restoreGradients();
    }

    @Benchmark
    public void denseForward() {
        workload.denseForward();
    }

    @Benchmark
    public void sparseForward() {
        workload.sparseForward();
    }

    @Benchmark
    public void denseBackward() {
        workload.denseBackward();
    }

    @Benchmark
    public void sparseBackward() {
        workload.sparseBackward();
    }
}
