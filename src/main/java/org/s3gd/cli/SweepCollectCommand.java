package org.s3gd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.s3gd.sweep.SweepFolder;
import org.s3gd.sweep.SweepPlots;
import org.s3gd.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code s3gd sweep collect DIR}: the summary and plots of the trials' folders, finished or not. */
@Command(name = "collect", mixinStandardHelpOptions = true,
    description = "Reads every trial's folder and writes DIR/summary.csv (a row per trial and per point: mean and std over "
        + "seeds), DIR/summary.md and DIR/plots/; prints the table.")
final class SweepCollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The sweep's folder.")
    Path folder;

    @Override
    public Integer call() {
        collect(SweepFolder.read(folder), spec.commandLine().getOut(), spec.commandLine().getErr());
        return ExitCodes.OK;
    }

    /** Writes the summary and plots of {@code sweep} and prints the table. */
    static SweepSummary collect(SweepFolder sweep, PrintWriter out, PrintWriter err) {
        SweepSummary summary = SweepSummary.of(sweep);
        summary.write();
        List<Path> plots = SweepPlots.draw(summary);
        out.println();
        out.print(summary.markdown());
        long finished = summary.trials().stream().filter(t -> t.state().finished()).count();
        out.println();
        out.println(finished + " of " + summary.trials().size() + " trials finished; summary: "
            + sweep.folder().resolve(SweepSummary.CSV) + ", " + sweep.folder().resolve(SweepSummary.MARKDOWN) + "; "
            + plots.size() + " plots in " + sweep.folder().resolve(SweepPlots.FOLDER));
        out.flush();
        return summary;
    }
}
