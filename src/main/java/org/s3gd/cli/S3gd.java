package org.s3gd.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.s3gd.S3gdException;
import org.s3gd.backend.Backends;
import org.s3gd.train.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code s3gd} command: trains spiking networks with Sparse Spiking Gradient Descent.
 * Subcommands are listed in the annotation; a new one is a {@code Callable<Integer>} class added
 * there.
 */
@Command(name = "s3gd",
    mixinStandardHelpOptions = true,
    versionProvider = S3gd.Version.class,
    description = "Trains spiking neural networks with Sparse Spiking Gradient Descent (Perez-Nieves & Goodman, NeurIPS 2021).",
    subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, ExportCommand.class, DataCommand.class,
        BenchCommand.class, SweepCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE})
public final class S3gd implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: train, eval or data");
    }

    public static void main(String[] args) {
        quietLibraryLogs();
        System.exit(commandLine().execute(args));
    }

    /**
     * Libraries log through SLF4J, which s3gd's jar routes to slf4j-simple on stderr: warnings and
     * errors only, unless the user sets another level (e.g. {@code
     * S3GD_JAVA_OPTS=-Dorg.slf4j.simpleLogger.defaultLogLevel=debug}). Set here, not in a
     * properties file, so that a program using s3gd as a library keeps its own logging setup; the
     * system properties also win over the simplelogger.properties jHDF ships (info, to stdout).
     */
    static void quietLibraryLogs() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        // jHDF warns of spare bytes after the attribute messages h5py writes (NIR files from Python); they read correctly.
        setIfAbsent("org.slf4j.simpleLogger.log.io.jhdf.object.message.Message", "error");
        // jHDF calls its writer alpha on every write; s3gd's NIR files are checked by the reference reader in the tests.
        setIfAbsent("org.slf4j.simpleLogger.log.io.jhdf.WritableHdfFile", "error");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The configured command line, writing to {@code System.out} and {@code System.err}. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new S3gd());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(S3gd::usageError);
        commandLine.setExecutionExceptionHandler(S3gd::failure);
        commandLine.setExecutionStrategy(parseResult -> {
            noteScalarKernels(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine;
    }

    /** Commands that compute say once when they run on the plain loops for want of the Vector API module. */
    private static void noteScalarKernels(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult sub = parseResult.subcommand();
        boolean computes = sub != null && List.of("train", "eval", "predict", "bench", "sweep").contains(sub.commandSpec().name())
            && !sub.isUsageHelpRequested() && !sub.isVersionHelpRequested();
        if (computes && Backends.scalarForLackOfModule()) {
            PrintWriter err = parseResult.commandSpec().commandLine().getErr();
            err.println("s3gd: note: this JVM lacks the Vector API module, so s3gd runs on its plain-loop kernels "
                + "(same results, several times slower); start java with " + Backends.VECTOR_OPTION
                + " (./s3gd does) for the fast ones");
            err.flush();
        }
    }

    /** Runs {@code args} with output and errors captured by the given writers; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A bad option: the message, the usage line and a pointer to --help; exit code 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("s3gd: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.print(command.getHelp().synopsis(0));
        }
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** A failure while running: one line naming what failed (file, data set), no stack trace; exit code 1. */
    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (e instanceof S3gdException || e instanceof UncheckedIOException) {
            err.println("s3gd: " + e.getMessage());
        } else if (e instanceof java.io.IOException) {
            err.println("s3gd: " + e);
        } else {
            err.println("s3gd: internal error, please report it with the trace below");
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** The version line. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"s3gd " + BuildInfo.version(), BuildInfo.jvm()};
        }
    }
}
