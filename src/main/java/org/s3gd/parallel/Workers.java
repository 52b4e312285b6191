package org.s3gd.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of worker threads that split a range of work into one contiguous chunk per worker.
 *
 * <p>The split depends only on the range and the thread count, never on timing, and every chunk
 * writes its own partial results. Reductions over chunks are done by the caller in chunk order, so
 * the same inputs and thread count give bit-identical results.
 */
public final class Workers implements AutoCloseable {
    /** A piece of work over the index range {@code [from, to)} done by worker {@code chunk}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int chunk, int from, int to);
    }

    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    private final int threads;
    private final ExecutorService executor;

    /** @param threads the number of workers, at least 1; 1 runs everything on the calling thread */
    public Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.executor = null;
        } else {
            int poolId = POOL_IDS.incrementAndGet();
            AtomicInteger ids = new AtomicInteger();
            ThreadFactory factory = task -> {
                Thread thread = new Thread(task, "s3gd-" + poolId + "-worker-" + ids.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            this.executor = Executors.newFixedThreadPool(threads - 1, factory);
        }
    }

    /** A single-threaded instance, for tests and small work. */
    public static Workers serial() {
        return new Workers(1);
    }

    public int threads() {
        return threads;
    }

    /** The first index of chunk {@code chunk} when {@code n} items are split over {@code chunks}. */
    public static int chunkStart(int n, int chunks, int chunk) {
        return (int) ((long) n * chunk / chunks);
    }

    /**
     * Runs {@code task} over {@code [0, n)} split into {@code min(threads, n)} contiguous chunks,
     * chunk 0 on the calling thread. Returns when all are done; rethrows the first failure.
     */
    public void forEachChunk(int n, RangeTask task) {
        int chunks = Math.min(threads, Math.max(n, 1));
        forEachChunk(n, chunks, task);
    }

    /** Like {@link #forEachChunk(int, RangeTask)} with an explicit number of chunks (any count). */
    public void forEachChunk(int n, int chunks, RangeTask task) {
        if (chunks == 1 || executor == null) {
            for (int c = 0; c < chunks; c++) {
                task.run(c, chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1));
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(chunks - 1);
        for (int c = 1; c < chunks; c++) {
            int chunk = c;
            futures.add(executor.submit(() -> task.run(chunk, chunkStart(n, chunks, chunk), chunkStart(n, chunks, chunk + 1))));
        }
        RuntimeException failure = null;
        try {
            task.run(0, 0, chunkStart(n, chunks, 1));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
