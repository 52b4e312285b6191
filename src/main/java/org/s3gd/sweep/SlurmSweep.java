package org.s3gd.sweep;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.s3gd.io.AtomicFile;

/**
 * A sweep on a SLURM cluster: {@code sbatch} runs its array-job script ({@link SlurmScript}), one
 * task per trial; {@code squeue} says which tasks wait or run; the trials' folders on the shared
 * file system say which finished. Every submission is recorded in {@value #JOBS} (job id, the
 * tasks, when), so each task's log ({@code slurm/logs/task-INDEX-job-JOB.out}) and exit code are
 * found again, and failed or timed-out tasks can be submitted again alone.
 */
public final class SlurmSweep {
    public static final String FOLDER = "slurm";
    public static final String JOBS = "jobs.csv";

    /** A submission: the job id and the array indices it ran. */
    public record Job(String id, List<Integer> tasks, String submitted) {
    }

    /**
     * Where a trial stands on the cluster.
     *
     * @param trial the trial
     * @param state finished, pending, running, failed (exit N), timed out, cancelled, killed, not submitted
     * @param log   the log of its last task, or null
     */
    public record TaskStatus(Trial trial, TrialState folder, String state, Path log) {
        /** A task that ended without finishing its trial: one to resubmit. */
        public boolean needsResubmit() {
            return !folder.finished() && !state.equals("pending") && !state.equals("running");
        }
    }

    private final SweepFolder sweep;
    private final Path slurm;

    public SlurmSweep(SweepFolder sweep) {
        this.sweep = sweep;
        this.slurm = sweep.folder().toAbsolutePath().resolve(FOLDER);
    }

    /** Whether the sweep in {@code folder} was submitted to SLURM. */
    public static boolean submitted(Path folder) {
        return Files.isRegularFile(folder.resolve(FOLDER).resolve(JOBS));
    }

    /**
     * Writes the script and submits {@code tasks} (array indices) with {@code sbatch}.
     *
     * @return the job id
     * @throws SweepException if {@code sbatch} is missing or refuses, with its message
     */
    public String submit(String script, List<Integer> tasks) {
        requireSlurm("sbatch");
        Path file = slurm.resolve(SlurmScript.FILE);
        try {
            Files.createDirectories(slurm.resolve("logs"));
            AtomicFile.writeString(file, script);
            file.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new SweepException(file + ": cannot write: " + AtomicFile.reason(e), e);
        }
        Output result = command(List.of("sbatch", "--parsable", "--array=" + ranges(tasks), file.toString()));
        if (result.code() != 0) {
            throw new SweepException("sbatch refused " + file + ": " + oneLine(result.text()));
        }
        String id = result.text().strip().split("[;\\s]")[0];
        if (!id.matches("\\d+")) {
            throw new SweepException("sbatch answered '" + oneLine(result.text()) + "', not a job id");
        }
        List<Job> jobs = new ArrayList<>(jobs());
        jobs.add(new Job(id, tasks, Instant.now().toString()));
        writeJobs(jobs);
        return id;
    }

    /** Every trial's state: its folder, the queue, its last task's exit code and log. */
    public List<TaskStatus> status() {
        List<Job> jobs = jobs();
        Map<Integer, String> queued = queued(jobs);
        List<TrialState> states = sweep.states();
        List<TaskStatus> status = new ArrayList<>();
        for (Trial trial : sweep.plan().trials()) {
            TrialState folder = states.get(trial.index());
            Optional<Job> last = jobs.reversed().stream().filter(j -> j.tasks().contains(trial.index())).findFirst();
            Path log = last.map(j -> slurm.resolve("logs").resolve("task-" + trial.index() + "-job-" + j.id() + ".out"))
                .filter(Files::isRegularFile).orElse(null);
            String state;
            if (folder.finished()) {
                state = "finished";
            } else if (queued.containsKey(trial.index())) {
                state = queued.get(trial.index());
            } else if (last.isEmpty()) {
                state = "not submitted";
            } else {
                state = ended(trial, last.get(), log);
            }
            status.add(new TaskStatus(trial, folder, state, log));
        }
        return status;
    }

    private String ended(Trial trial, Job job, Path log) {
        Path exit = slurm.resolve("exit").resolve(trial.index() + "-" + job.id());
        String text = log == null ? "" : read(log);
        if (text.contains("DUE TO TIME LIMIT")) {
            return "timed out";
        }
        if (text.contains("CANCELLED")) {
            return "cancelled";
        }
        if (Files.isRegularFile(exit)) {
            String code = read(exit).strip();
            return code.equals("0") ? "ended without finishing" : "failed (exit " + code + ")";
        }
        return log == null ? "never ran" : "killed";
    }

    /** Array index → {@code pending} or {@code running}, for this sweep's tasks that are in the queue. */
    private Map<Integer, String> queued(List<Job> jobs) {
        Map<Integer, String> queued = new LinkedHashMap<>();
        if (jobs.isEmpty()) {
            return queued;
        }
        requireSlurm("squeue");
        for (Job job : jobs) {
            Output result = command(List.of("squeue", "-h", "-r", "-j", job.id(), "-o", "%K %T"));
            if (result.code() != 0) {
                continue; // a job that has left the queue is unknown to squeue
            }
            for (String line : result.text().split("\n")) {
                String[] cells = line.strip().split("\\s+");
                if (cells.length == 2 && cells[0].matches("\\d+")) {
                    String state = cells[1].toLowerCase(java.util.Locale.ROOT);
                    queued.put(Integer.parseInt(cells[0]), state.equals("pending") || state.equals("running") ? state
                        : state.equals("completing") ? "running" : state);
                }
            }
        }
        return queued;
    }

    /** The submissions so far, oldest first. */
    public List<Job> jobs() {
        Path file = slurm.resolve(JOBS);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Job> jobs = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] cells = line.split(",", -1);
                if (cells.length == 3) {
                    jobs.add(new Job(cells[0], indices(cells[1]), cells[2]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new SweepException(file + ": cannot read: " + e.getMessage(), e);
        }
        return jobs;
    }

    private void writeJobs(List<Job> jobs) {
        StringBuilder csv = new StringBuilder("job,tasks,submitted\n");
        for (Job job : jobs) {
            csv.append(job.id()).append(',').append(ranges(job.tasks()).replace(',', ' ')).append(',').append(job.submitted())
                .append('\n');
        }
        Path file = slurm.resolve(JOBS);
        try {
            AtomicFile.writeString(file, csv.toString());
        } catch (IOException e) {
            throw new SweepException(file + ": cannot write: " + AtomicFile.reason(e), e);
        }
    }

    /** {@code 0-3,5,7-8}: indices as sbatch's {@code --array} takes them. */
    static String ranges(List<Integer> indices) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(indices));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            text.append(text.isEmpty() ? "" : ",").append(sorted.get(i));
            if (j > i) {
                text.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return text.toString();
    }

    /** The indices of {@code 0-3 5 7-8} (or with commas). */
    static List<Integer> indices(String ranges) {
        List<Integer> indices = new ArrayList<>();
        for (String part : ranges.strip().split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] bounds = part.split("-");
            int from = Integer.parseInt(bounds[0]);
            int to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : from;
            for (int i = from; i <= to; i++) {
                indices.add(i);
            }
        }
        return indices;
    }

    /**
     * Checks that SLURM's client command {@code tool} is on the PATH; {@code s3gd sweep --slurm}
     * asks before it creates the sweep's folder, so a machine without SLURM is left as it was.
     *
     * @throws SweepException naming the missing tool and suggesting the embedded mode
     */
    public static void requireSlurm(String tool) {
        if (onPath(tool)) {
            return;
        }
        throw new SweepException(tool + " not found on the PATH: --slurm needs SLURM's client commands (sbatch, squeue) "
            + "on this machine; to run the sweep here instead, leave out --slurm (s3gd sweep SPEC --out DIR)");
    }

    /** Whether an executable {@code tool} is in a folder of the PATH. */
    public static boolean onPath(String tool) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Output(int code, String text) {
    }

    private static Output command(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new SweepException(command.get(0) + " did not answer within two minutes");
            }
            return new Output(process.exitValue(), new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SweepException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SweepException("interrupted while waiting for " + command.get(0), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\n\\s*", "; ");
    }
}
