package org.s3gd.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The worker pool: every chunk once, with its fixed range, on more than one thread, failures passed on. */
class WorkersTest {

    @Test
    void everyIndexIsVisitedOnceInTheChunkThatTheSplitGivesIt() {
        try (Workers workers = new Workers(3)) {
            for (int n : new int[] {0, 1, 2, 7, 256, 1001}) {
                for (int chunks : new int[] {1, 2, 3, 5, 16}) {
                    AtomicIntegerArray visits = new AtomicIntegerArray(Math.max(n, 1));
                    int[] chunkOf = new int[Math.max(n, 1)];
                    workers.forEachChunk(n, chunks, (chunk, from, to) -> {
                        assertThat(from).isEqualTo(Workers.chunkStart(n, chunks, chunk));
                        assertThat(to).isEqualTo(Workers.chunkStart(n, chunks, chunk + 1));
                        for (int i = from; i < to; i++) {
                            visits.incrementAndGet(i);
                            chunkOf[i] = chunk;
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertThat(visits.get(i)).as("n %d, %d chunks, index %d", n, chunks, i).isEqualTo(1);
                        assertThat(chunkOf[i]).isEqualTo((int) ((long) (i + 1) * chunks - 1) / n);
                    }
                }
            }
        }
    }

    @Test
    void aWorkerTakesAChunkWhileTheCallerIsBusyEvenAfterTheWorkersHaveGoneToSleep() throws Exception {
        try (Workers workers = new Workers(2)) {
            for (int round = 0; round < 20; round++) {
                // Long enough for the workers to stop spinning and park.
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(Workers.SPIN_NANOS) + 20);
                CountDownLatch second = new CountDownLatch(1);
                Thread caller = Thread.currentThread();
                AtomicInteger sawOtherThread = new AtomicInteger();
                workers.forEachChunk(2, 2, (chunk, from, to) -> {
                    if (Thread.currentThread() != caller) {
                        sawOtherThread.incrementAndGet();
                    }
                    try {
                        if (Thread.currentThread() != caller) {
                            second.countDown();
                        } else {
                            // The caller holds a chunk it took until a worker has run one: if no worker woke,
                            // the other chunk would wait behind this one for ever.
                            assertThat(second.await(10, TimeUnit.SECONDS)).as("a worker took a chunk").isTrue();
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                // One chunk or both (a worker may take the first before the caller does).
                assertThat(sawOtherThread.get()).isBetween(1, 2);
            }
        }
    }

    @Test
    void aFailingChunkIsRethrownToTheCallerAndThePoolGoesOnWorking() {
        try (Workers workers = new Workers(2)) {
            IllegalArgumentException failure = new IllegalArgumentException("chunk 3 fails");
            assertThatThrownBy(() -> workers.forEachChunk(8, 8, (chunk, from, to) -> {
                if (chunk == 3) {
                    throw failure;
                }
            })).isSameAs(failure);
            AtomicInteger sum = new AtomicInteger();
            workers.forEachChunk(100, 4, (chunk, from, to) -> sum.addAndGet(to - from));
            assertThat(sum.get()).isEqualTo(100);
        }
    }

    @Test
    void sectionsStartedInsideASectionOrFromTwoThreadsAtOnceRunWithTheirOwnChunks() throws Exception {
        try (Workers workers = new Workers(2)) {
            AtomicInteger inner = new AtomicInteger();
            workers.forEachChunk(4, 4, (chunk, from, to) -> workers.forEachChunk(10, 3, (c, f, t) -> inner.addAndGet(t - f)));
            assertThat(inner.get()).isEqualTo(40);

            ConcurrentHashMap<Integer, Integer> totals = new ConcurrentHashMap<>();
            List<Thread> callers = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                int caller = k;
                callers.add(Thread.ofPlatform().start(() -> {
                    for (int round = 0; round < 2000; round++) {
                        AtomicInteger sum = new AtomicInteger();
                        workers.forEachChunk(64, 2, (chunk, from, to) -> sum.addAndGet(to - from));
                        totals.merge(caller, sum.get(), Integer::sum);
                    }
                }));
            }
            for (Thread t : callers) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertThat(totals).containsEntry(0, 64 * 2000).containsEntry(1, 64 * 2000);
        }
    }

    @Test
    void aClosedPoolStillRunsSectionsOnTheCaller() {
        Workers workers = new Workers(3);
        workers.close();
        AtomicInteger sum = new AtomicInteger();
        workers.forEachChunk(30, (chunk, from, to) -> sum.addAndGet(to - from));
        assertThat(sum.get()).isEqualTo(30);
    }
}
