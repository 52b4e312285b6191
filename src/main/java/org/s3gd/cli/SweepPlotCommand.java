package org.s3gd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.s3gd.sweep.SweepFolder;
import org.s3gd.sweep.SweepPlots;
import org.s3gd.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code s3gd sweep plot DIR --metric M --axis A}: one metric against one axis. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Draws a metric of summary.csv (test_accuracy, validation_accuracy, backward_ms, active_pct, train_seconds, "
        + "...) against one axis of the sweep, mean ± std over seeds, one line per combination of the other axes.")
final class SweepPlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The sweep's folder.")
    Path folder;

    @Option(names = "--metric", paramLabel = "M", required = true, description = "The metric, as summary.csv names it.")
    String metric;

    @Option(names = "--axis", paramLabel = "FIELD", required = true, description = "The axis, as the spec names it.")
    String axis;

    @Override
    public Integer call() {
        Path file = SweepPlots.metricAgainstAxis(SweepSummary.of(SweepFolder.read(folder)), metric, axis);
        spec.commandLine().getOut().println(file);
        return ExitCodes.OK;
    }
}
