package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.sweep.SweepFolder;
import org.s3gd.sweep.SweepPlan;
import org.s3gd.sweep.SweepPlots;
import org.s3gd.sweep.SweepSpec;
import org.s3gd.sweep.Trial;
import org.s3gd.sweep.TrialMetrics;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.ConfigJson;
import org.s3gd.train.output.MetricsCsv;

class SweepCommandTest {
    /** The small sweep: the synthetic task, a 2 × 2 grid, 2 seeds, 1 epoch. */
    static final String SMALL = """
        {"base": {"dataset": "synthetic", "epochs": 1, "layers": ["lif:16"], "validation": 0.1},
         "axes": {"backpropThreshold": [0.2, 0.05], "learningRate": [0.005, 0.002]},
         "seeds": 2}
        """;

    @TempDir
    Path directory;

    static Path write(Path directory, String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aSmallSweepGivesEightTrialFoldersAndASummaryOfTheirResultsPerTrialAndPerPoint() throws Exception {
        Path spec = write(directory, "small.json", SMALL);
        Path out = directory.resolve("sweep");

        Cli cli = Cli.run("sweep", spec.toString(), "--out", out.toString(), "--no-plots", "--threads", "2");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("8 trials (4 points × 2 seeds), 2 at once with 1 thread each")
            .contains("[8 done, 0 running, 0 left]").contains("8 of 8 trials finished");
        SweepPlan plan = SweepFolder.read(out).plan();
        try (Stream<Path> trials = Files.list(out.resolve("trials"))) {
            assertThat(trials.map(p -> p.getFileName().toString()).sorted().toList())
                .isEqualTo(plan.trials().stream().map(Trial::name).sorted().toList()).hasSize(8);
        }
        List<Map<String, String>> summary = summary(out);
        List<Map<String, String>> trialRows = summary.stream().filter(r -> r.get("kind").equals("trial")).toList();
        List<Map<String, String>> pointRows = summary.stream().filter(r -> r.get("kind").equals("point")).toList();
        assertThat(trialRows).hasSize(8);
        assertThat(pointRows).hasSize(4);
        for (Map<String, String> row : trialRows) {
            Checkpoint checkpoint = Checkpoint.load(out.resolve("trials").resolve(row.get("name")));
            assertThat(checkpoint.epochsDone()).isEqualTo(1);
            assertThat(checkpoint.config().seed()).isEqualTo(Long.parseLong(row.get("seed")));
            assertThat(checkpoint.config().backpropThreshold()).isEqualTo(Float.parseFloat(row.get("backpropThreshold")));
            assertThat(number(row, "test_accuracy")).isCloseTo(checkpoint.testAccuracy(), within(1e-6));
            assertThat(row.get("state")).isEqualTo("finished");
        }
        for (Map<String, String> point : pointRows) {
            List<Map<String, String>> seeds = trialRows.stream()
                .filter(r -> r.get("backpropThreshold").equals(point.get("backpropThreshold"))
                    && r.get("learningRate").equals(point.get("learningRate"))).toList();
            assertThat(seeds).hasSize(2);
            assertThat(point.get("finished")).isEqualTo("2");
            for (String metric : List.of("test_accuracy", "validation_accuracy", "active_pct", "loss")) {
                double a = number(seeds.get(0), metric);
                double b = number(seeds.get(1), metric);
                assertThat(number(point, metric)).as(metric).isCloseTo((a + b) / 2, within(1e-5 * (1 + Math.abs(a))));
                assertThat(number(point, metric + "_std")).as(metric).isCloseTo(Math.abs(a - b) / Math.sqrt(2),
                    within(1e-5 * (1 + Math.abs(a))));
            }
        }
        // The seeds differ, and so do their results: the mean is over two runs, not one run twice.
        assertThat(number(trialRows.get(0), "loss")).isNotEqualTo(number(trialRows.get(1), "loss"));
        String markdown = Files.readString(out.resolve("summary.md"));
        assertThat(markdown.lines().filter(l -> l.startsWith("| 0.")).count()).isEqualTo(4);
        assertThat(markdown).contains("| backpropThreshold | learningRate | seeds | test accuracy % |");
        assertThat(out.resolve(SweepPlots.FOLDER).resolve("test_accuracy-vs-backpropThreshold.png")).isRegularFile();
        assertThat(out.resolve(SweepPlots.FOLDER).resolve(SweepPlots.LOSS_CURVES)).isRegularFile();

        // A trial is a normal run: train --config with its configuration gives the same numbers.
        Trial trial = plan.trials().get(5);
        Path config = write(directory, "trial.json", ConfigJson.write(trial.config()));
        Cli alone = Cli.run("train", "--config", config.toString(), "--out", directory.resolve("alone").toString(), "--no-plots");
        assertThat(alone.exitCode()).as(alone.err()).isZero();
        assertThat(repeatable(directory.resolve("alone"))).isEqualTo(repeatable(out.resolve("trials").resolve(trial.name())));
    }

    @Test
    void aSweepKilledMidwayAndRunAgainFinishesWithoutRedoingFinishedTrialsAndGivesTheSameSummary() throws Exception {
        Path spec = write(directory, "small.json", SMALL);
        CliProcess killed = CliProcess.start(directory, "sweep", "small.json", "--out", "sweep", "--no-plots",
            "--parallel", "1", "--threads", "1");
        Path trials = directory.resolve("sweep").resolve("trials");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (finished(trials).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        new ProcessBuilder("kill", "-KILL", String.valueOf(killed.pid())).start().waitFor();
        killed.waitFor();
        Map<String, FileTime> before = finished(trials);
        assertThat(before.size()).as(killed.err()).isBetween(3, 7);

        Cli again = Cli.run("sweep", spec.toString(), "--out", directory.resolve("sweep").toString(), "--no-plots",
            "--threads", "2");

        assertThat(again.exitCode()).as(again.err()).isZero();
        for (Map.Entry<String, FileTime> trial : before.entrySet()) {
            assertThat(again.out()).contains(trial.getKey() + ": finished before; skipped");
            assertThat(Files.getLastModifiedTime(trials.resolve(trial.getKey()).resolve(Checkpoint.LATEST)))
                .as("the checkpoint of %s is untouched", trial.getKey()).isEqualTo(trial.getValue());
        }
        assertThat(again.out().lines().filter(l -> l.contains("skipped")).count()).isEqualTo(before.size());
        assertThat(finished(trials)).hasSize(8);
        Cli fresh = Cli.run("sweep", spec.toString(), "--out", directory.resolve("fresh").toString(), "--no-plots");
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(repeatableSummary(directory.resolve("sweep"))).isEqualTo(repeatableSummary(directory.resolve("fresh")));
    }

    @Test
    void aTrialCutAfterAnEpochResumesFromItsCheckpointAndEndsAsAnUncutOne() throws Exception {
        Path spec = write(directory, "two.json", """
            {"base": {"epochs": 2, "layers": ["lif:16"]}, "axes": {"learningRate": [0.005]}}""");
        SweepPlan plan = SweepPlan.of(SweepSpec.read(spec));
        Trial trial = plan.trials().get(0);
        Path out = directory.resolve("sweep");
        SweepFolder.create(out, plan);
        Path config = write(directory, "trial.json", ConfigJson.write(trial.config()));
        // The trial's run, stopped after its first epoch as a timed-out task leaves it.
        assertThat(Cli.run("train", "--config", config.toString(), "--epochs", "1", "--no-plots", "--out",
            out.resolve("trials").resolve(trial.name()).toString()).exitCode()).isZero();
        assertThat(Cli.run("train", "--config", config.toString(), "--no-plots", "--out",
            directory.resolve("uncut").toString()).exitCode()).isZero();

        Cli cli = Cli.run("sweep", spec.toString(), "--out", out.toString(), "--no-plots");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains(trial.name() + ": resumed after epoch 1, finished");
        assertThat(repeatable(out.resolve("trials").resolve(trial.name()))).isEqualTo(repeatable(directory.resolve("uncut")));
    }

    @Test
    void statusListsEveryTrialAndCollectRewritesTheSummary() throws Exception {
        Path spec = write(directory, "one.json", "{\"base\": {\"epochs\": 1, \"layers\": [\"lif:8\"]}, \"seeds\": 2}");
        Path out = directory.resolve("sweep");
        Files.createDirectories(out);
        assertThat(Cli.run("sweep", spec.toString(), "--out", out.toString(), "--no-plots").exitCode()).isZero();
        Files.delete(out.resolve("summary.csv"));

        Cli status = Cli.run("sweep", "status", out.toString());
        Cli collect = Cli.run("sweep", "collect", out.toString());

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("0  seed-1").contains("1  seed-2").contains(out + ": 2 trials, 2 finished");
        assertThat(collect.exitCode()).as(collect.err()).isZero();
        assertThat(summary(out)).hasSize(3);
        Cli plot = Cli.run("sweep", "plot", out.toString(), "--metric", "test_accuracy", "--axis", "lr");
        assertThat(plot.exitCode()).isEqualTo(1);
        assertThat(plot.err()).isEqualTo("s3gd: no axis 'lr' in this sweep; its axes: none\n");
    }

    @Test
    void badSpecsAndFoldersAreOneLineErrors() throws Exception {
        Path spec = write(directory, "bad.json", "{\"axes\": {\"learningRate\": []}}");
        Cli empty = Cli.run("sweep", spec.toString(), "--out", directory.resolve("a").toString());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).isEqualTo("s3gd: " + spec + ": axis 'learningRate': empty list; an axis needs at least one value\n");
        assertThat(directory.resolve("a")).doesNotExist();

        Path wrong = write(directory, "wrong.json", "{\"axes\": {\"batchSize\": [32, 6.5]}}");
        Cli type = Cli.run("sweep", wrong.toString(), "--out", directory.resolve("a").toString());
        assertThat(type.exitCode()).isEqualTo(1);
        assertThat(type.err()).startsWith("s3gd: " + wrong + ": axis 'batchSize' value 6.5: field 'batchSize': expected a whole number")
            .hasLineCount(1);

        Path other = write(directory, "other.json", "{\"base\": {\"epochs\": 1, \"layers\": [\"lif:8\"]}}");
        Path taken = directory.resolve("taken");
        Files.createDirectories(taken);
        Files.writeString(taken.resolve("notes.txt"), "mine");
        Cli occupied = Cli.run("sweep", other.toString(), "--out", taken.toString());
        assertThat(occupied.exitCode()).isEqualTo(1);
        assertThat(occupied.err()).contains("holds files but no sweep.json").hasLineCount(1);

        Path first = write(directory, "first.json", "{\"base\": {\"epochs\": 1, \"layers\": [\"lif:8\"]}, \"seeds\": [3]}");
        assertThat(Cli.run("sweep", first.toString(), "--out", directory.resolve("s").toString(), "--no-plots").exitCode())
            .isZero();
        Cli another = Cli.run("sweep", other.toString(), "--out", directory.resolve("s").toString());
        assertThat(another.exitCode()).isEqualTo(1);
        assertThat(another.err()).contains("holds another sweep").hasLineCount(1);

        Path huge = write(directory, "huge.json", "{\"base\": {\"layers\": [\"lif:60000\", \"lif:60000\"], \"batchSize\": 4096}}");
        Cli heap = Cli.run("sweep", huge.toString(), "--out", directory.resolve("h").toString());
        assertThat(heap.exitCode()).isEqualTo(2);
        assertThat(heap.err()).startsWith("s3gd: the trials running at once (1) need about").contains("train fewer at once (--parallel)");
        assertThat(directory.resolve("h")).doesNotExist();

        Cli noOut = Cli.run("sweep", other.toString());
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err()).startsWith("s3gd: --out DIR is needed");
        Cli notASweep = Cli.run("sweep", "status", directory.toString());
        assertThat(notASweep.exitCode()).isEqualTo(1);
        assertThat(notASweep.err()).isEqualTo("s3gd: " + directory + ": not a sweep folder (no sweep.json)\n");
    }

    @Test
    void slurmWithoutSbatchSaysSoAndSuggestsRunningTheSweepHere() throws Exception {
        write(directory, "one.json", "{\"base\": {\"epochs\": 1, \"layers\": [\"lif:8\"]}}");

        CliProcess process = CliProcess.start(directory, Map.of("PATH", directory.resolve("no-such-folder").toString()),
            List.of(), "sweep", "one.json", "--out", "sweep", "--slurm");

        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(process.err()).isEqualTo("s3gd: sbatch not found on the PATH: --slurm needs SLURM's client commands "
            + "(sbatch, squeue) on this machine; to run the sweep here instead, leave out --slurm (s3gd sweep SPEC --out DIR)\n");
        assertThat(directory.resolve("sweep")).as("no sweep folder is made for a sweep that cannot be submitted").doesNotExist();
    }

    /** The trials whose checkpoint holds their last epoch, with the checkpoint's time. */
    private static Map<String, FileTime> finished(Path trials) throws IOException {
        Map<String, FileTime> done = new HashMap<>();
        if (!Files.isDirectory(trials)) {
            return done;
        }
        try (Stream<Path> folders = Files.list(trials)) {
            for (Path folder : folders.toList()) {
                Path checkpoint = folder.resolve(Checkpoint.LATEST);
                if (Files.isRegularFile(checkpoint)) {
                    try {
                        if (Checkpoint.load(checkpoint).epochsDone() >= 1) {
                            done.put(folder.getFileName().toString(), Files.getLastModifiedTime(checkpoint));
                        }
                    } catch (RuntimeException renamedWhileRead) {
                        // being written: counted next time
                    }
                }
            }
        }
        return done;
    }

    /** summary.csv as rows of named cells. */
    static List<Map<String, String>> summary(Path sweep) throws IOException {
        List<String> lines = Files.readAllLines(sweep.resolve("summary.csv"));
        String[] header = cells(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = cells(line);
            assertThat(cells).as(line).hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The summary without what depends on the machine's speed: the same seeds give the same values. */
    static List<Map<String, String>> repeatableSummary(Path sweep) throws IOException {
        List<Map<String, String>> rows = summary(sweep);
        for (Map<String, String> row : rows) {
            row.keySet().removeIf(column -> TrialMetrics.NAMES.contains(column.replace("_std", ""))
                && !TrialMetrics.REPEATABLE.contains(column.replace("_std", "")));
        }
        return rows;
    }

    /** epochs.csv of a run without its time columns. */
    static List<String> repeatable(Path run) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(MetricsCsv.EPOCHS))) {
            String[] cells = line.split(",");
            rows.add(String.join(",", List.of(cells).subList(0, 7)));
        }
        return rows;
    }

    private static String[] cells(String line) {
        return line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
    }

    private static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }
}
