package org.s3gd.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The array-job script of a sweep: one array task per trial, each running {@code s3gd sweep task
 * DIR INDEX} (which trains, resumes or skips the trial) with the JVM and class path of the
 * {@code s3gd} that wrote it, which the cluster's nodes reach on the shared file system. The
 * array's indices are given to {@code sbatch}, so the same script serves a resubmission of a few
 * tasks. The task's exit code is written to {@code slurm/exit/INDEX-JOB} when the JVM ends by
 * itself; a task killed by SLURM (time limit, cancel) leaves none, and its log says why.
 */
public final class SlurmScript {
    public static final String FILE = "sweep.sbatch";

    private SlurmScript() {
    }

    /**
     * {@code script} with its directive {@code #SBATCH --option=value}: the line that sets the option
     * is replaced, or the directive goes after the last {@code #SBATCH} line. For a resubmission that
     * asks for more (a longer {@code --time}, another {@code --partition}); the script on disk stays
     * what was submitted.
     */
    public static String withDirective(String script, String option, String value) {
        checkWord(option, value);
        String directive = "#SBATCH --" + option + "=" + value;
        List<String> lines = new ArrayList<>(List.of(script.split("\n", -1)));
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#SBATCH --" + option + "=")) {
                lines.set(i, directive);
                return String.join("\n", lines);
            }
            if (lines.get(i).startsWith("#SBATCH ")) {
                last = i;
            }
        }
        lines.add(last + 1 > 0 ? last + 1 : Math.min(1, lines.size()), directive);
        return String.join("\n", lines);
    }

    /** @throws IllegalArgumentException unless {@code value} is one word, as an {@code #SBATCH} line takes it */
    public static void checkWord(String option, String value) {
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("--" + option + " takes one word as sbatch does, got '" + value + "'");
        }
    }

    /**
     * @param sweep    the sweep folder (absolute)
     * @param options  what each task asks for
     * @param java     the JVM's command: the java executable and its options, class path and main class
     * @param taskArgs options of {@code s3gd sweep task} (data folder, plots)
     */
    public static String text(Path sweep, SlurmOptions options, List<String> java, List<String> taskArgs) {
        Path slurm = sweep.resolve(SlurmSweep.FOLDER);
        StringBuilder script = new StringBuilder("#!/bin/bash\n");
        script.append("#SBATCH --job-name=").append(quote("s3gd-" + sweep.getFileName())).append('\n');
        script.append("#SBATCH --output=").append(slurm.resolve("logs").resolve("task-%a-job-%A.out")).append('\n');
        script.append("#SBATCH --cpus-per-task=").append(options.cpus()).append('\n');
        if (options.memory() != null) {
            script.append("#SBATCH --mem=").append(options.memory()).append('\n');
        }
        if (options.time() != null) {
            script.append("#SBATCH --time=").append(options.time()).append('\n');
        }
        if (options.partition() != null) {
            script.append("#SBATCH --partition=").append(options.partition()).append('\n');
        }
        script.append("# One array task per trial of the sweep in ").append(sweep).append(", written by s3gd sweep --slurm.\n");
        script.append("# Resubmit tasks with: s3gd sweep resubmit ").append(sweep).append('\n');
        script.append("set -u\n");
        List<String> command = new ArrayList<>(java);
        if (options.memory() != null) {
            command.add(1, "-Xmx" + Math.max(64, SlurmOptions.megabytes(options.memory()) * 3 / 4) + "m");
        }
        command.addAll(List.of("sweep", "task", "--threads", "${SLURM_CPUS_PER_TASK:-" + options.cpus() + "}"));
        command.addAll(taskArgs);
        command.add(sweep.toString());
        command.add("$SLURM_ARRAY_TASK_ID");
        StringBuilder line = new StringBuilder();
        for (String word : command) {
            line.append(line.isEmpty() ? "" : " ").append(word.startsWith("$") ? "\"" + word + "\"" : quote(word));
        }
        script.append(line).append('\n');
        script.append("code=$?\n");
        script.append("mkdir -p ").append(quote(slurm.resolve("exit").toString())).append('\n');
        script.append("echo \"$code\" > ").append(quote(slurm.resolve("exit").toString()))
            .append("/\"$SLURM_ARRAY_TASK_ID-$SLURM_ARRAY_JOB_ID\"\n");
        script.append("exit \"$code\"\n");
        return script.toString();
    }

    /** {@code word} as one shell word. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=+,@%-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
