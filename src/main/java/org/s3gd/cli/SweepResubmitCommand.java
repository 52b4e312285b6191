package org.s3gd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.s3gd.sweep.SlurmScript;
import org.s3gd.sweep.SlurmSweep;
import org.s3gd.sweep.SweepException;
import org.s3gd.sweep.SweepFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code s3gd sweep resubmit DIR}: submits again the tasks that ended without finishing their trial. */
@Command(name = "resubmit", mixinStandardHelpOptions = true,
    description = "Submits again, as one array job with the sweep's script, the trials of DIR that failed, timed out or were "
        + "cancelled (or those given with --tasks); cut trials resume from their last checkpoint. --time and --partition "
        + "change what the tasks ask for (the sweep's script is rewritten with them).")
final class SweepResubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The sweep's folder.")
    Path folder;

    @Option(names = "--tasks", paramLabel = "LIST", split = ",",
        description = "Only these array indices (as s3gd sweep status numbers them), e.g. 3,5.")
    List<Integer> tasks;

    @Option(names = "--time", paramLabel = "T",
        description = "A new time limit for the tasks, as sbatch takes it (4:00:00): for trials that timed out.")
    String time;

    @Option(names = "--partition", paramLabel = "P", description = "Submit them to this partition instead.")
    String partition;

    @Override
    public Integer call() {
        try {
            if (time != null) {
                SlurmScript.checkWord("time", time);
            }
            if (partition != null) {
                SlurmScript.checkWord("partition", partition);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        SweepFolder sweep = SweepFolder.read(folder);
        if (!SlurmSweep.submitted(folder)) {
            throw new SweepException(folder + " was not submitted to SLURM; run it here again with: s3gd sweep SPEC --out "
                + folder);
        }
        SlurmSweep cluster = new SlurmSweep(sweep);
        List<Integer> chosen = new ArrayList<>();
        List<SlurmSweep.TaskStatus> status = cluster.status();
        if (tasks != null) {
            for (int task : tasks) {
                if (task < 0 || task >= status.size()) {
                    throw new ParameterException(spec.commandLine(), "--tasks " + task + ": the sweep's tasks are 0 to "
                        + (status.size() - 1));
                }
                if (status.get(task).state().equals("pending") || status.get(task).state().equals("running")) {
                    throw new ParameterException(spec.commandLine(), "--tasks " + task + ": the trial is " + status.get(task).state());
                }
                chosen.add(task);
            }
        } else {
            status.stream().filter(SlurmSweep.TaskStatus::needsResubmit).forEach(t -> chosen.add(t.trial().index()));
        }
        if (chosen.isEmpty()) {
            spec.commandLine().getOut().println("no trial needs submitting again: each has finished or is in the queue");
            return ExitCodes.OK;
        }
        Path script = folder.resolve(SlurmSweep.FOLDER).resolve(SlurmScript.FILE);
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SweepException(script + ": cannot read: " + e.getMessage(), e);
        }
        if (time != null) {
            text = SlurmScript.withDirective(text, "time", time);
        }
        if (partition != null) {
            text = SlurmScript.withDirective(text, "partition", partition);
        }
        String job = cluster.submit(text, chosen);
        spec.commandLine().getOut().printf("submitted job %s: %d array task%s (%s)%n", job, chosen.size(),
            chosen.size() == 1 ? "" : "s", chosen.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""));
        return ExitCodes.OK;
    }
}
