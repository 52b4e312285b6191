package org.s3gd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.s3gd.sweep.EmbeddedSweep;
import org.s3gd.sweep.SlurmOptions;
import org.s3gd.sweep.SlurmScript;
import org.s3gd.sweep.SlurmSweep;
import org.s3gd.sweep.SweepException;
import org.s3gd.sweep.SweepFolder;
import org.s3gd.sweep.SweepPlan;
import org.s3gd.sweep.SweepSpec;
import org.s3gd.sweep.TrialRunner;
import org.s3gd.train.MemoryEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code s3gd sweep SPEC --out DIR}: trains every point of a grid with several seeds, here
 * ({@link EmbeddedSweep}) or as a SLURM array job ({@link SlurmSweep}), then writes the summary.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = S3gd.Version.class,
    description = {"Trains every point of a grid of configurations with several seeds, on this machine or on a SLURM "
        + "cluster, each trial a run folder DIR/trials/NAME; then writes DIR/summary.csv, summary.md and plots.",
        "SPEC is a JSON file: {\"base\": {config} or \"run.json\", \"axes\": {\"FIELD\": [values], ...}, \"seeds\": N or [seeds]}. "
            + "Running it again continues it: finished trials are skipped, cut ones resumed."},
    subcommands = {SweepStatusCommand.class, SweepCollectCommand.class, SweepResubmitCommand.class, SweepPlotCommand.class,
        SweepTaskCommand.class},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, "1:a trial failed, a bad spec, a folder holding another sweep, sbatch missing or refusing",
        ExitCodes.USAGE_LINE})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The sweep's spec (JSON).")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR",
        description = "The sweep's folder: new or empty, or one holding this same sweep to continue it.")
    Path out;

    @Option(names = "--parallel", paramLabel = "N",
        description = "Trials trained at once on this machine (default: as many as the threads allow, one thread each).")
    Integer parallel;

    @Option(names = "--threads", paramLabel = "N",
        description = "Worker threads shared by the trials running at once (default: all processors).")
    Integer threads;

    @Option(names = "--plots", negatable = true, description = "Draw each trial's PNG plots (default: yes).")
    Boolean plots;

    @Option(names = "--slurm", description = "Submit the trials as one SLURM array job (sbatch) instead of training here.")
    boolean slurm;

    @Option(names = "--partition", paramLabel = "P", description = "With --slurm: the partition.")
    String partition;

    @Option(names = "--time", paramLabel = "T", description = "With --slurm: each task's time limit, as sbatch takes it (2:00:00).")
    String time;

    @Option(names = "--cpus", paramLabel = "N", description = "With --slurm: CPUs per task, the trial's threads (default 1).")
    Integer cpus;

    @Option(names = "--mem", paramLabel = "M", description = "With --slurm: memory per task (8G); the JVM's heap is 3/4 of it.")
    String memory;

    @Override
    public Integer call() {
        if (specFile == null) {
            throw usage("give a spec (s3gd sweep SPEC --out DIR) or a subcommand: status, collect, resubmit, plot");
        }
        if (out == null) {
            throw usage("--out DIR is needed: the folder that holds the sweep's trials and summary");
        }
        if (!slurm && (partition != null || time != null || cpus != null || memory != null)) {
            throw usage("--partition, --time, --cpus and --mem are for --slurm");
        }
        if (slurm && (parallel != null || threads != null)) {
            throw usage("--parallel and --threads are for a sweep on this machine; with --slurm, --cpus gives each task's threads");
        }
        SweepPlan plan = SweepPlan.of(SweepSpec.read(specFile));
        PrintWriter stdout = spec.commandLine().getOut();
        if (slurm) {
            SlurmSweep.requireSlurm("sbatch");
            return submit(SweepFolder.create(out, plan), stdout);
        }
        int total = threads != null ? WorkerThreads.checked(threads, spec) : Runtime.getRuntime().availableProcessors();
        int trials = plan.trials().size();
        int atOnce = Math.min(trials, parallel != null ? parallel : total);
        if (atOnce < 1 || total < 1) {
            throw usage("--parallel and --threads must be >= 1");
        }
        // What would stop every trial is said once, before the folder is made: a missing data set, too small a heap.
        plan.trials().stream().map(t -> t.config().dataset()).distinct().forEach(common.locator()::locate);
        checkHeap(plan, atOnce);
        return runHere(SweepFolder.create(out, plan), atOnce, Math.max(1, total / atOnce), stdout);
    }

    private int runHere(SweepFolder sweep, int atOnce, int share, PrintWriter stdout) {
        int trials = sweep.plan().trials().size();
        stdout.printf(Locale.ROOT, "sweep %s: %d trials (%d points × %d seeds), %d at once with %d thread%s each%n",
            sweep.folder(), trials, sweep.plan().points(), sweep.plan().spec().seeds().size(), atOnce, share,
            share == 1 ? "" : "s");
        stdout.flush();
        PrintWriter stderr = spec.commandLine().getErr();
        Thread stopped = new Thread(() -> {
            stderr.println();
            stderr.println("s3gd: stopped; finished trials are kept, cut ones resume; continue with: s3gd sweep " + specFile
                + " --out " + sweep.folder());
            stderr.flush();
        }, "s3gd-sweep-stopped");
        Runtime.getRuntime().addShutdownHook(stopped);
        List<EmbeddedSweep.Failure> failures;
        try {
            TrialRunner runner = new TrialRunner(common.locator(), plots != null ? plots : true, note -> {
                stderr.println("s3gd: note: " + note);
                stderr.flush();
            });
            failures = new EmbeddedSweep(sweep, runner, stdout).run(atOnce, share);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopped);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is ending already: the hook has its say
            }
        }
        SweepCollectCommand.collect(sweep, stdout, spec.commandLine().getErr());
        if (!failures.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (EmbeddedSweep.Failure failure : failures) {
                names.add(failure.trial().name() + " (" + failure.reason() + ")");
            }
            throw new SweepException(failures.size() + " of " + trials + " trials failed: " + String.join("; ", names)
                + "; run the sweep again to retry them");
        }
        return ExitCodes.OK;
    }

    /** The trials running at once must fit the heap together, as {@code train} checks for one run. */
    private void checkHeap(SweepPlan plan, int atOnce) {
        long largest = plan.trials().stream().mapToLong(t -> MemoryEstimate.of(t.config()).bytes()).max().orElse(0);
        Runtime runtime = Runtime.getRuntime();
        long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if ((double) largest * atOnce > available) {
            throw usage(String.format(Locale.ROOT, "the trials running at once (%d) need about %s for training but the heap has %s free; "
                    + "train fewer at once (--parallel), or use a larger heap (S3GD_HEAP=16g)", atOnce,
                MemoryEstimate.mib((double) largest * atOnce), MemoryEstimate.mib(available)));
        }
    }

    private int submit(SweepFolder sweep, PrintWriter stdout) {
        SlurmOptions options;
        try {
            options = new SlurmOptions(partition, time, cpus != null ? cpus : 1, memory);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        SlurmSweep cluster = new SlurmSweep(sweep);
        List<Integer> tasks = new ArrayList<>();
        for (SlurmSweep.TaskStatus status : SlurmSweep.submitted(sweep.folder()) ? cluster.status() : List.<SlurmSweep.TaskStatus>of()) {
            if (status.needsResubmit()) {
                tasks.add(status.trial().index());
            }
        }
        if (!SlurmSweep.submitted(sweep.folder())) {
            sweep.plan().trials().forEach(t -> tasks.add(t.index()));
        }
        if (tasks.isEmpty()) {
            stdout.println("every trial of " + sweep.folder() + " has finished or is in the queue; nothing to submit "
                + "(s3gd sweep status " + sweep.folder() + ")");
            return ExitCodes.OK;
        }
        String job = cluster.submit(script(sweep, options, common, plots != null ? plots : true), tasks);
        stdout.printf(Locale.ROOT, "submitted job %s: %d array task%s, one per trial; follow it with: s3gd sweep status %s%n",
            job, tasks.size(), tasks.size() == 1 ? "" : "s", sweep.folder());
        return ExitCodes.OK;
    }

    /** The array-job script: this JVM, its class path and the task's options. */
    static String script(SweepFolder sweep, SlurmOptions options, CommonOptions common, boolean plots) {
        List<String> taskArgs = new ArrayList<>();
        if (common.dataDir != null) {
            taskArgs.addAll(List.of("--data-dir", common.dataDir.toAbsolutePath().toString()));
        }
        if (common.cacheDir != null) {
            taskArgs.addAll(List.of("--cache-dir", common.cacheDir.toAbsolutePath().toString()));
        }
        if (!plots) {
            taskArgs.add("--no-plots");
        }
        return SlurmScript.text(sweep.folder().toAbsolutePath(), options, java(), taskArgs);
    }

    /** The command that starts this s3gd again: the java executable, the Vector API module, the class path, the main class. */
    private static List<String> java() {
        String executable = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            classPath.add(Path.of(entry).toAbsolutePath().toString());
        }
        return List.of(executable, "--add-modules", "jdk.incubator.vector", "-Xss4m", "-cp",
            String.join(java.io.File.pathSeparator, classPath), S3gd.class.getName());
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
