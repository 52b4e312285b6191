package org.s3gd.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes the JVM allocated on the threads that run s3gd's work: the calling thread and the worker
 * threads of {@link org.s3gd.parallel.Workers} (named {@code s3gd-…}), read from HotSpot's
 * per-thread allocation counters ({@code com.sun.management.ThreadMXBean}). The threads are listed
 * when the counter is made, so make it after the workers have run once (their threads start on
 * first use).
 */
final class AllocationCounter {
    private final com.sun.management.ThreadMXBean threads;
    private final long[] ids;

    private AllocationCounter(com.sun.management.ThreadMXBean threads, long[] ids) {
        this.threads = threads;
        this.ids = ids;
    }

    /** A counter over the current thread and every live {@code s3gd-} worker; empty where the JVM has no such counters. */
    static AllocationCounter forWorkers() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
            || !bean.isThreadAllocatedMemorySupported()) {
            return new AllocationCounter(null, new long[0]);
        }
        if (!bean.isThreadAllocatedMemoryEnabled()) {
            bean.setThreadAllocatedMemoryEnabled(true);
        }
        List<Long> found = new ArrayList<>();
        found.add(Thread.currentThread().threadId());
        for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("s3gd-") && info.getThreadId() != Thread.currentThread().threadId()) {
                found.add(info.getThreadId());
            }
        }
        return new AllocationCounter(bean, found.stream().mapToLong(Long::longValue).toArray());
    }

    /** Whether this JVM counts allocations; when not, {@link #allocatedBytes()} is always 0. */
    boolean supported() {
        return threads != null;
    }

    /** Number of threads counted. */
    int threadCount() {
        return ids.length;
    }

    /** Bytes allocated so far by the counted threads (a running total: take differences). */
    long allocatedBytes() {
        if (threads == null) {
            return 0;
        }
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(ids)) {
            total += Math.max(bytes, 0);
        }
        return total;
    }
}
