package org.s3gd.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --threads} of the commands that train or evaluate. */
final class WorkerThreads {
    /** The most worker threads a command accepts. */
    static final int MAX_THREADS = 1024;

    private WorkerThreads() {
    }

    /**
     * {@code requested} worker threads, refused beyond {@value #MAX_THREADS} and noted beyond the
     * processors, where they only take turns (the results are the same with any number).
     */
    static int checked(int requested, CommandSpec spec) {
        if (requested > MAX_THREADS) {
            throw new ParameterException(spec.commandLine(), "--threads " + requested + " is more than s3gd runs ("
                + MAX_THREADS + "); this machine has " + Runtime.getRuntime().availableProcessors() + " processors");
        }
        int processors = Runtime.getRuntime().availableProcessors();
        if (requested > processors) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "s3gd: note: --threads %d is more than the %d processors here; the threads take turns, "
                + "so --threads %d would be as fast or faster, with the same results%n",
                requested, processors, processors);
            err.flush();
        }
        return requested;
    }
}
