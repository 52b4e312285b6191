package org.s3gd.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.s3gd.backend.Backends;
import org.s3gd.parallel.Workers;

/**
 * The dense products of one BPTT layer step at the sizes the speedups are quoted for (ALGORITHM.md
 * §2): forward current X·W, weight gradient Xᵀ·E and input gradient E·Wᵀ, with B·T rows.
 *
 * <p>The {@code gflop} line of the report is the arithmetic rate, 2·m·n·k per product, in
 * GFLOP/s. Run with {@code ./mvnw -Pjmh} (see docs/KERNELS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GemmBenchmark {

    /** A product as {@code name:m:n:k:transposeA:transposeB}, named by the BPTT step it is. */
    @Param({
        "fmnist-forward:25600:200:200:false:false",
        "fmnist-weight-gradient:200:200:25600:true:false",
        "fmnist-input-gradient:25600:200:200:false:true",
        "shd-forward:128000:200:700:false:false",
        "shd-weight-gradient:700:200:128000:true:false",
        "shd-input-gradient:128000:700:200:false:true",
    })
    public String product;

    @Param({"1", "2"})
    public int threads;

    private int m;
    private int n;
    private int k;
    private boolean transposeA;
    private boolean transposeB;
    private float[] a;
    private float[] b;
    private float[] c;
    private Workers workers;

    /** Counts arithmetic done, so JMH reports it as a rate next to the product rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Arithmetic {
        public double gflop;
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] fields = product.split(":");
        m = Integer.parseInt(fields[1]);
        n = Integer.parseInt(fields[2]);
        k = Integer.parseInt(fields[3]);
        transposeA = Boolean.parseBoolean(fields[4]);
        transposeB = Boolean.parseBoolean(fields[5]);
        SplittableRandom random = new SplittableRandom(42);
        a = randomArray(m * k, random);
        b = randomArray(k * n, random);
        c = new float[m * n];
        workers = new Workers(threads);
        System.out.println("\nkernel: " + Backends.standard().gemm().kernel().name());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workers.close();
    }

    @Benchmark
    public float[] multiply(Arithmetic arithmetic) {
        Backends.standard().gemm().multiply(transposeA, transposeB, m, n, k, a, b, 0f, c, workers);
        arithmetic.gflop += 2e-9 * m * n * k;
        return c;
    }

    private static float[] randomArray(int length, SplittableRandom random) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (2 * random.nextDouble() - 1);
        }
        return values;
    }
}
