package org.s3gd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.s3gd.sweep.SweepException;
import org.s3gd.sweep.SweepFolder;
import org.s3gd.sweep.Trial;
import org.s3gd.sweep.TrialRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code s3gd sweep task DIR INDEX}: one trial, as a SLURM array task runs it. */
@Command(name = "task", hidden = true, mixinStandardHelpOptions = true,
    description = "Trains, resumes or skips trial INDEX of the sweep in DIR (what each array task of --slurm runs).")
final class SweepTaskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "DIR", description = "The sweep's folder.")
    Path folder;

    @Parameters(index = "1", paramLabel = "INDEX", description = "The trial's index, from 0.")
    int index;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default 1).")
    int threads = 1;

    @Option(names = "--plots", negatable = true, description = "Draw the trial's PNG plots (default: yes).")
    Boolean plots;

    @Override
    public Integer call() {
        SweepFolder sweep = SweepFolder.read(folder);
        if (index < 0 || index >= sweep.plan().trials().size()) {
            throw new SweepException(folder + ": no trial " + index + "; the sweep has " + sweep.plan().trials().size());
        }
        Trial trial = sweep.plan().trials().get(index);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "trial %d: %s (%s, seed %d)%n", index, trial.name(), trial.pointLabel(), trial.seed());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        TrialRunner.Result result = new TrialRunner(common.locator(), plots != null ? plots : true, note -> {
            err.println("s3gd: note: " + note);
            err.flush();
        }).run(trial, sweep.trialFolder(trial), WorkerThreads.checked(threads, spec));
        switch (result.outcome()) {
            case SKIPPED -> out.println("finished before; nothing to do");
            case RESUMED, TRAINED -> out.printf(Locale.ROOT, "%s: test accuracy %.2f%% after %d epochs%n",
                result.outcome() == TrialRunner.Outcome.RESUMED ? "resumed after epoch " + result.resumedAt() : "trained",
                100 * result.model().testAccuracy(), result.model().epochs());
        }
        return ExitCodes.OK;
    }
}
