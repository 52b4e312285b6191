package org.s3gd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3gd.parallel.Workers;

/**
 * The Vector API is fast only once C2 has compiled a kernel with its intrinsics; a kernel that grows
 * past what C2 inlines keeps running with every vector a heap object, many times slower, and
 * nothing else notices. A pass that has stopped allocating is one that runs intrinsified.
 */
class CompiledKernelsTest {
    private static final long STEADY_BYTES = 64 * 1024;
    private static final long LIMIT_NANOS = 60_000_000_000L;

    @Test
    void sparsePassesStopAllocatingAtTheWidthsOfARealNetwork() {
        try (Workers workers = new Workers(2)) {
            // As in training, layers of different widths alternate in one JVM: the first layer of
            // F-MNIST (784 inputs), a second layer (200), and SHD's first layer (700).
            List<LayerWorkload> layers = List.of(
                new LayerWorkload(new LayerShape("fmnist-1", 16, 60, 784, 200, 1, 10), 0.2f, 0.01, 0.015, workers, 1),
                new LayerWorkload(new LayerShape("fmnist-2", 16, 60, 200, 200, 1, 10), 0.2f, 0.015, 0.015, workers, 2),
                new LayerWorkload(new LayerShape("shd-1", 16, 60, 700, 200, 2, 10), 0.2f, 0.015, 0.015, workers, 3));
            layers.forEach(LayerWorkload::sparseForward);
            layers.forEach(LayerWorkload::sparseBackward);
            AllocationCounter counter = AllocationCounter.forWorkers();
            if (!counter.supported()) {
                return;
            }
            long[] perPass = new long[layers.size()];
            long start = System.nanoTime();
            boolean steady = false;
            while (!steady && System.nanoTime() - start < LIMIT_NANOS) {
                steady = true;
                for (int l = 0; l < layers.size(); l++) {
                    LayerWorkload layer = layers.get(l);
                    long before = counter.allocatedBytes();
                    layer.sparseForward();
                    layer.restoreGradients();
                    layer.sparseBackward();
                    perPass[l] = counter.allocatedBytes() - before;
                    steady &= perPass[l] < STEADY_BYTES;
                }
            }
            assertThat(Arrays.stream(perPass).max().orElseThrow())
                .as("most bytes allocated by one layer's sparse forward and backward after %d s (per layer: %s)",
                    (System.nanoTime() - start) / 1_000_000_000L, Arrays.toString(perPass))
                .isLessThan(STEADY_BYTES);
        }
    }
}
