package org.s3gd.sweep;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.s3gd.S3gdException;

/**
 * Runs a sweep's trials on this machine, {@code parallel} at once, each with its share of the
 * threads. Finished trials are skipped and cut ones resumed ({@link TrialRunner}), so running a
 * stopped sweep again finishes it. Progress goes to {@code out}, one line per trial that starts
 * or ends, with the trials done, running and left.
 */
public final class EmbeddedSweep {
    private final SweepFolder sweep;
    private final TrialRunner runner;
    private final PrintWriter out;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger left = new AtomicInteger();

    public EmbeddedSweep(SweepFolder sweep, TrialRunner runner, PrintWriter out) {
        this.sweep = sweep;
        this.runner = runner;
        this.out = out;
    }

    /** A failed trial and why. */
    public record Failure(Trial trial, String reason) {
    }

    /**
     * Runs every unfinished trial, {@code parallel} at once with {@code threadsPerTrial} worker threads each.
     *
     * @return the trials that failed (the others ran to their end)
     */
    public List<Failure> run(int parallel, int threadsPerTrial) {
        List<Trial> trials = sweep.plan().trials();
        left.set(trials.size());
        List<Failure> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, trials.size())), r -> {
            Thread thread = new Thread(r, "s3gd-trial");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Failure>> futures = new ArrayList<>();
            for (Trial trial : trials) {
                futures.add(pool.submit(() -> runOne(trial, threadsPerTrial)));
            }
            for (Future<Failure> future : futures) {
                Failure failure = future.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SweepException("interrupted; run the sweep again to continue it");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new SweepException(e.getCause().toString(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    private Failure runOne(Trial trial, int threads) {
        left.decrementAndGet();
        running.incrementAndGet();
        long start = System.nanoTime();
        try {
            TrialRunner.Result result = runner.run(trial, sweep.trialFolder(trial), threads);
            running.decrementAndGet();
            done.incrementAndGet();
            double seconds = (System.nanoTime() - start) / 1e9;
            switch (result.outcome()) {
                case SKIPPED -> report(trial, "finished before; skipped");
                case RESUMED -> report(trial, String.format(Locale.ROOT, "resumed after epoch %d, finished: test %.2f%% (%.1f s)",
                    result.resumedAt(), 100 * result.model().testAccuracy(), seconds));
                case TRAINED -> report(trial, String.format(Locale.ROOT, "finished: test %.2f%% after %d epoch%s (%.1f s)",
                    100 * result.model().testAccuracy(), result.model().epochs(), result.model().epochs() == 1 ? "" : "s", seconds));
            }
            return null;
        } catch (S3gdException | java.io.UncheckedIOException e) {
            running.decrementAndGet();
            report(trial, "failed: " + e.getMessage());
            return new Failure(trial, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            running.decrementAndGet();
            report(trial, "failed: " + e);
            return new Failure(trial, e.toString());
        }
    }

    private void report(Trial trial, String what) {
        synchronized (out) {
            out.printf(Locale.ROOT, "[%d done, %d running, %d left] %s: %s%n", done.get(), running.get(), left.get(),
                trial.name(), what);
            out.flush();
        }
    }
}
