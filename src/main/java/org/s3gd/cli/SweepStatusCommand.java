package org.s3gd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.s3gd.sweep.SlurmSweep;
import org.s3gd.sweep.SweepFolder;
import org.s3gd.sweep.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code s3gd sweep status DIR}: each trial's state; for a SLURM sweep, the queue's and each failed task's log. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Says where every trial of the sweep in DIR stands: finished, cut, not started; for a sweep on SLURM also "
        + "pending, running, failed, timed out, with the log of each task that ended without finishing its trial.")
final class SweepStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The sweep's folder.")
    Path folder;

    @Override
    public Integer call() {
        SweepFolder sweep = SweepFolder.read(folder);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (SlurmSweep.submitted(folder)) {
            List<SlurmSweep.TaskStatus> status = new SlurmSweep(sweep).status();
            int resubmit = 0;
            for (SlurmSweep.TaskStatus task : status) {
                counts.merge(task.state(), 1, Integer::sum);
                String detail = task.needsResubmit() ? "; " + task.folder().describe()
                    : task.state().equals("running") && task.folder().epochsDone() > 0
                    ? "; " + task.folder().epochsDone() + " of " + task.folder().epochs() + " epochs done" : "";
                out.printf("%4d  %-50s %s%s%s%n", task.trial().index(), task.trial().name(), task.state(), detail,
                    task.log() != null && task.needsResubmit() ? "; log " + task.log() : "");
                resubmit += task.needsResubmit() ? 1 : 0;
            }
            out.println(line(sweep, counts));
            if (resubmit > 0) {
                out.println(resubmit + " trial" + (resubmit == 1 ? "" : "s") + " to submit again: s3gd sweep resubmit " + folder
                    + (counts.containsKey("timed out") ? " --time LONGER (the timed-out ones continue from their checkpoints)" : ""));
            }
        } else {
            List<TrialState> states = sweep.states();
            for (int i = 0; i < states.size(); i++) {
                counts.merge(states.get(i).finished() ? "finished" : states.get(i).cut() ? "cut" : "not started", 1,
                    Integer::sum);
                out.printf("%4d  %-50s %s%n", i, sweep.plan().trials().get(i).name(), states.get(i).describe());
            }
            out.println(line(sweep, counts));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String line(SweepFolder sweep, Map<String, Integer> counts) {
        StringBuilder text = new StringBuilder(sweep.folder() + ": " + sweep.plan().trials().size() + " trials");
        counts.forEach((state, n) -> text.append(", ").append(n).append(' ').append(state));
        return text.toString();
    }
}
