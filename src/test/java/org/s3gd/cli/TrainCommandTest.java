package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetId;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.MemoryEstimate;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.output.MetricsCsv;
import org.s3gd.train.output.RunManifest;
import org.s3gd.train.output.RunPlots;

class TrainCommandTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path folder;

    @Test
    void trainingTheDefaultSyntheticTaskWritesTheRunAndLearnsWellAboveChance() throws IOException {
        Path run = folder.resolve("run");

        Cli result = Cli.run("train", "--out", run.toString(), "--threads", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("epoch 1/10", "epoch 10/10", "test accuracy");
        for (String file : List.of(RunManifest.FILE, MetricsCsv.BATCHES, MetricsCsv.EPOCHS, Checkpoint.LATEST, Checkpoint.BEST)) {
            assertThat(run.resolve(file)).isRegularFile();
        }
        for (String plot : List.of(RunPlots.LOSS, RunPlots.ACCURACY, RunPlots.ACTIVITY, RunPlots.TIMES)) {
            assertThat(Files.readAllBytes(run.resolve(plot))).as(plot).startsWith(PNG_SIGNATURE);
        }
        assertThat(Files.readString(run.resolve(RunManifest.FILE)))
            .contains("\"dataset\": \"synthetic\"", "\"seed\": 1", "\"threads\": 2", "\"datasetChecksum\": \"sha256:", "\"jvm\"");
        assertThat(Files.readAllLines(run.resolve(MetricsCsv.EPOCHS))).hasSize(1 + 10);
        Checkpoint last = Checkpoint.load(run);
        assertThat(last.epochsDone()).isEqualTo(10);
        assertThat(last.testAccuracy()).as("test accuracy, chance is 10 %").isGreaterThan(0.6);

        // A tenth of the training set is held out by default: every epoch evaluates it, and best.s3gd is chosen on it.
        assertThat(result.out()).contains("validation ");
        assertThat(sum(column(run.resolve(MetricsCsv.BATCHES), "samples"))).as("10 epochs of 1800 of the 2000 samples")
            .isEqualTo(10 * 1800.0);
        List<Double> validationLoss = column(run.resolve(MetricsCsv.EPOCHS), "validation_loss");
        List<Double> validationAccuracy = column(run.resolve(MetricsCsv.EPOCHS), "validation_accuracy");
        assertThat(validationLoss).hasSize(10).allSatisfy(loss -> assertThat(loss).isFinite().isPositive());
        assertThat(validationAccuracy).hasSize(10).allSatisfy(accuracy -> assertThat(accuracy).isBetween(0.0, 1.0));
        assertThat(validationAccuracy.getLast()).isCloseTo(last.validationAccuracy(), within(1e-6));
        Checkpoint best = Checkpoint.load(run.resolve(Checkpoint.BEST));
        assertThat(best.validationAccuracy()).isCloseTo(Collections.max(validationAccuracy), within(1e-6));
    }

    @Test
    void withoutAValidationSetTheRunTrainsOnEverySampleAndBestFollowsTheTrainingAccuracy() throws IOException {
        Path run = folder.resolve("run");

        Cli result = Cli.run("train", "--validation", "0", "--hidden", "16", "--epochs", "3", "--batch", "50", "--threads", "2",
            "--no-plots", "--out", run.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).doesNotContain("validation");
        assertThat(sum(column(run.resolve(MetricsCsv.BATCHES), "samples"))).as("3 epochs of all 2000 samples")
            .isEqualTo(3 * 2000.0);
        Path epochs = run.resolve(MetricsCsv.EPOCHS);
        assertThat(column(epochs, "validation_loss")).hasSize(3).allSatisfy(loss -> assertThat(loss).isNaN());
        assertThat(column(epochs, "validation_accuracy")).hasSize(3).allSatisfy(accuracy -> assertThat(accuracy).isNaN());
        assertThat(column(epochs, "test_accuracy")).allSatisfy(accuracy -> assertThat(accuracy).isBetween(0.0, 1.0));
        Checkpoint best = Checkpoint.load(run.resolve(Checkpoint.BEST));
        assertThat(best.validationAccuracy()).isNaN();
        assertThat(best.chosenAccuracy()).isEqualTo(best.trainAccuracy());
        assertThat(best.trainAccuracy()).isCloseTo(Collections.max(column(epochs, "train_accuracy")), within(1e-6));
    }

    @Test
    void resumingThroughTheCommandLineContinuesTheRunToTheSameWeights() {
        String[] options = {"--hidden", "24", "--batch", "50", "--threads", "2", "--no-plots"};
        Path whole = folder.resolve("whole");
        Path split = folder.resolve("split");
        assertThat(Cli.run(concat(options, "train", "--epochs", "3", "--out", whole.toString())).exitCode()).isZero();
        assertThat(Cli.run(concat(options, "train", "--epochs", "2", "--out", split.toString())).exitCode()).isZero();

        // Resumed with another thread count: the results do not depend on it.
        Cli resumed = Cli.run("train", "--resume", split.toString(), "--epochs", "3", "--no-plots", "--threads", "1");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming at epoch 3").doesNotContain("epoch 2/3");
        List<float[]> expected = Checkpoint.load(whole).model().weights();
        List<float[]> actual = Checkpoint.load(split).model().weights();
        for (int p = 0; p < expected.size(); p++) {
            assertThat(actual.get(p)).containsExactly(expected.get(p));
        }
    }

    @Test
    void aStackOfRecurrentAndMixedLayersTrainsAndResumesFromTheCommandLine() throws IOException {
        Path run = folder.resolve("stack");
        String[] options = {"--layers", "rlif:24,lif:16:dense", "--batch", "50", "--threads", "2", "--no-plots"};

        Cli result = Cli.run(concat(options, "train", "--epochs", "1", "--out", run.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("layers rlif:24:sparse,lif:16:dense");
        assertThat(Files.readString(run.resolve(RunManifest.FILE)))
            .contains("\"layers\": [\"rlif:24:sparse\", \"lif:16:dense\"]", "\"kind\": \"rlif\"", "\"kind\": \"readout\"");
        Checkpoint saved = Checkpoint.load(run);
        assertThat(saved.parameters()).extracting(p -> p.name()).containsExactly("W1", "V1", "W2", "Wout");
        assertThat(saved.parameters().get(1).rows()).isEqualTo(24);

        Cli resumed = Cli.run("train", "--resume", run.toString(), "--epochs", "2", "--no-plots");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(Checkpoint.load(run).epochsDone()).isEqualTo(2);
        assertThat(Cli.run("eval", run.toString()).out()).contains("layers rlif:24:sparse,lif:16:dense");
    }

    @Test
    void aBadLayerStackIsAUsageErrorNamingThePart() {
        for (String[] args : List.of(new String[] {"--layers", "gru:20", "unknown layer kind 'gru'"},
            new String[] {"--layers", "lif:20,", "layer '' is not KIND:SIZE"},
            new String[] {"--layers", "rlif:x", "size 'x' is not a whole number"},
            new String[] {"--layers", "lif:10:fast", "method 'fast' is not sparse or dense"},
            new String[] {"--layers", "lif:0", "layer sizes must be in [1,"},
            new String[] {"--layers", "conv:32", "'32' is not CHANNELSxKERNEL[sSTRIDE][pPADDING]"},
            new String[] {"--layers", "maxpool:2:dense", "maxpool has no neurons and so no method"})) {
            Cli result = Cli.run("train", args[0], args[1]);
            assertThat(result.exitCode()).as(args[1]).isEqualTo(2);
            assertThat(result.err()).as(args[1]).contains(args[2], "s3gd train [").doesNotContain("\tat ");
        }
        Cli both = Cli.run("train", "--layers", "lif:20", "--hidden", "20");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--hidden and --layers");
    }

    @Test
    void resumingIntoAFolderThatHoldsAnotherRunIsRefusedAndThatRunStaysAsItWas() throws IOException {
        Path a = folder.resolve("A");
        Path b = folder.resolve("B");
        assertThat(Cli.run("train", "--epochs", "2", "--hidden", "16", "--threads", "2", "--out", a.toString()).exitCode()).isZero();
        assertThat(Cli.run("train", "--epochs", "3", "--hidden", "24", "--threads", "2", "--out", b.toString()).exitCode()).isZero();
        Map<String, byte[]> before = contents(b);

        Cli result = Cli.run("train", "--resume", a.toString(), "--epochs", "4", "--out", b.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(b + " already holds a run");
        Map<String, byte[]> after = contents(b);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String name : before.keySet()) {
            assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
        }
    }

    @Test
    void resumingIntoANewFolderContinuesTheRunThereAndLeavesTheOriginalAsItWas() throws IOException {
        Path a = folder.resolve("A");
        Path c = folder.resolve("C");
        assertThat(Cli.run("train", "--epochs", "2", "--hidden", "16", "--threads", "2", "--no-plots", "--out", a.toString())
            .exitCode()).isZero();
        Map<String, byte[]> before = contents(a);

        Cli result = Cli.run("train", "--resume", a.toString(), "--epochs", "3", "--out", c.toString(), "--no-plots");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("resuming at epoch 3", "run folder " + c);
        assertThat(Checkpoint.load(c).epochsDone()).isEqualTo(3);
        assertThat(Files.readAllLines(c.resolve(MetricsCsv.EPOCHS))).as("epochs 1 and 2 copied, 3 trained").hasSize(1 + 3);
        assertThat(c.resolve(Checkpoint.BEST)).isRegularFile();
        Map<String, byte[]> after = contents(a);
        for (String name : before.keySet()) {
            assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
        }
    }

    @Test
    void continuingFromAnOlderCheckpointInsideItsRunFolderIsRefused() {
        Path a = folder.resolve("A");
        assertThat(Cli.run("train", "--epochs", "1", "--hidden", "16", "--threads", "2", "--no-plots", "--out", a.toString())
            .exitCode()).isZero();

        Cli result = Cli.run("train", "--resume", a.resolve(Checkpoint.BEST).toString(), "--epochs", "2");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("would replace the run's later epochs", "--out");
    }

    @Test
    void anUnknownDataSetIsAUsageErrorWithTheUsageLine() {
        Cli result = Cli.run("train", "--dataset", "cifar");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown data set 'cifar'", "s3gd train [", "--help");
        assertThat(result.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void negativeSizesAreUsageErrors() {
        assertThat(Cli.run("train", "--hidden", "100,-5").err()).contains("--hidden");
        for (String[] args : List.of(new String[] {"--hidden", "100,-5"}, new String[] {"--batch", "0"},
            new String[] {"--epochs", "-1"}, new String[] {"--threads", "0"}, new String[] {"--lr", "-0.1"})) {
            Cli result = Cli.run(concat(args, "train"));
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.err()).contains("s3gd train [");
        }
    }

    @Test
    void anEmptyLayerWidthIsAUsageErrorNotALayerFewer() {
        for (String hidden : List.of("10,", ",10", "10,,20")) {
            Cli result = Cli.run("train", "--hidden", hidden, "--epochs", "1");
            assertThat(result.exitCode()).as(hidden).isEqualTo(2);
            assertThat(result.err()).as(hidden).contains("--hidden '" + hidden + "' has an empty width");
        }
        assertThat(Cli.run("train", "--hidden", "10,x").err()).contains("'x' is not a whole number");
    }

    @Test
    void moreThreadsThanProcessorsAreNotedAndAbsurdlyManyRefused() {
        int processors = Runtime.getRuntime().availableProcessors();
        Cli many = Cli.run("train", "--threads", String.valueOf(4 * processors), "--epochs", "1", "--hidden", "8", "--no-plots",
            "--out", folder.resolve("run").toString());
        assertThat(many.exitCode()).as(many.err()).isZero();
        assertThat(many.err()).contains("note: --threads " + 4 * processors + " is more than the " + processors + " processors");

        Cli absurd = Cli.run("train", "--threads", "100000");
        assertThat(absurd.exitCode()).isEqualTo(2);
        assertThat(absurd.err()).contains("--threads 100000 is more than s3gd runs (1024)");
    }

    @Test
    void aBackpropThresholdOutsideZeroToThetaIsAUsageError() {
        for (String bth : List.of("0", "-0.1", "1.01", "NaN")) {
            Cli result = Cli.run("train", "--backprop-threshold", bth);
            assertThat(result.exitCode()).as(bth).isEqualTo(2);
            assertThat(result.err()).as(bth).contains("B_th must be in (0, 1.0]");
        }
    }

    @Test
    void aNetworkThatWouldNotFitTheHeapIsRefusedBeforeAnythingIsAllocated() {
        Cli result = Cli.run("train", "--dataset", "fmnist", "--method", "dense", "--hidden", "4000,4000", "--batch", "4096");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("heap", "--batch", "--method sparse", "-Xmx");
    }

    @Test
    void aDeepFullyConnectedStackStartsFromTheDeepPresetUnlessItsSurrogateIsGiven() throws IOException {
        Path deep = folder.resolve("deep");
        Path chosen = folder.resolve("chosen");
        Cli preset = Cli.run("train", "--hidden", "16,16,16", "--epochs", "1", "--no-plots", "--out", deep.toString());
        Cli given = Cli.run("train", "--hidden", "16,16,16", "--epochs", "1", "--no-plots", "--surrogate-scale", "50",
            "--out", chosen.toString());

        assertThat(preset.exitCode()).as(preset.err()).isZero();
        assertThat(preset.err()).contains("3 fully connected hidden layers: surrogate scale 3");
        assertThat(Checkpoint.load(deep).model().config().surrogateScale()).isEqualTo(TrainingConfig.DEEP_SURROGATE_SCALE);
        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(given.err()).doesNotContain("surrogate scale 3");
        assertThat(Checkpoint.load(chosen).model().config().surrogateScale()).isEqualTo(50f);
    }

    @Test
    void theLauncherLearnsTheHeapOfARunWithoutTrainingOrClaimingAFolder() {
        Path run = folder.resolve("run");
        Cli small = Cli.run("train", "--print-heap", "--dataset", "fmnist", "--out", run.toString());
        Cli large = Cli.run("train", "--print-heap", "--dataset", "fmnist", "--method", "dense", "--batch", "1024",
            "--out", run.toString());

        assertThat(small.exitCode()).as(small.err()).isZero();
        long smallMiB = Long.parseLong(small.out().strip());
        long largeMiB = Long.parseLong(large.out().strip());
        assertThat(smallMiB).isEqualTo(MemoryEstimate.heapFor(TrainingConfig.preset(DatasetId.FASHION_MNIST)) >> 20);
        assertThat(largeMiB).isGreaterThan(smallMiB);
        assertThat(run).doesNotExist();
        assertThat(Cli.run("train", "--print-heap", "--batch", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void aMissingDataSetIsARuntimeFailureThatSaysWhereItLooked() {
        Cli result = Cli.run("train", "--dataset", "shd", "--data-dir", folder.toString(), "--out", folder.resolve("run").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("shd: not in --data-dir " + folder, folder.resolve("shd") + " does not exist")
            .doesNotContain("\tat ");
        assertThat(folder.resolve("run")).as("a run that never started leaves no folder behind").doesNotExist();
    }

    @Test
    void aDamagedCheckpointIsARuntimeFailureNamingTheFile() throws IOException {
        Path run = Files.createDirectories(folder.resolve("run"));
        Files.write(run.resolve(Checkpoint.LATEST), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
            19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30});
        Cli result = Cli.run("train", "--resume", run.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(run.resolve(Checkpoint.LATEST).toString(), "not an s3gd checkpoint");
    }

    @Test
    void aFolderHoldingARunIsNotOverwritten() throws IOException {
        Path run = Files.createDirectories(folder.resolve("run"));
        Files.writeString(run.resolve(Checkpoint.LATEST), "x");
        Cli result = Cli.run("train", "--out", run.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--resume");
    }

    @Test
    void resumingRefusesToChangeTheConfiguration() {
        Cli result = Cli.run("train", "--resume", folder.toString(), "--lr", "0.1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("only --epochs, --threads");
    }

    /** One column of a metrics CSV, a value per row ("NaN" read as NaN). */
    private static List<Double> column(Path csv, String name) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int index = List.of(lines.getFirst().split(",")).indexOf(name);
        assertThat(index).as(name + " in " + lines.getFirst()).isNotNegative();
        return lines.subList(1, lines.size()).stream().map(line -> Double.parseDouble(line.split(",")[index])).toList();
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Every regular file of {@code run} by name, with its bytes. */
    private static Map<String, byte[]> contents(Path run) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(run)) {
            for (Path file : entries.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static String[] concat(String[] options, String... first) {
        String[] all = new String[first.length + options.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(options, 0, all, first.length, options.length);
        return all;
    }

    @Test
    void aRunRepeatedFromItsRunJsonEndsWithBitIdenticalWeights() {
        Path first = folder.resolve("first");
        Path again = folder.resolve("again");
        Cli original = Cli.run("train", "--layers", "rlif:12,lif:10:dense", "--epochs", "2", "--batch", "50", "--threads", "2",
            "--seed", "9", "--tau-mem", "15", "--surrogate-scale", "40", "--reg-upper-strength", "0.1", "--validation", "0.2",
            "--no-plots", "--out", first.toString());
        assertThat(original.exitCode()).as(original.err()).isZero();

        Cli repeated = Cli.run("train", "--config", first.resolve(RunManifest.FILE).toString(), "--no-plots",
            "--out", again.toString());

        assertThat(repeated.exitCode()).as(repeated.err()).isZero();
        Checkpoint a = Checkpoint.load(first);
        Checkpoint b = Checkpoint.load(again);
        assertThat(b.config()).isEqualTo(a.config());
        assertThat(b.config().surrogateScale()).isEqualTo(40f);
        assertThat(b.config().regularizer().upperStrength()).isEqualTo(0.1f);
        for (int p = 0; p < a.parameters().size(); p++) {
            assertThat(b.parameters().get(p).value()).as(a.parameters().get(p).name()).containsExactly(a.parameters().get(p).value());
        }
        assertThat(b.validationAccuracy()).isEqualTo(a.validationAccuracy());
    }

    @Test
    void theRunJsonOfAnOlderS3gdRepeatsItsRunWithTheConfigurationOfItsCheckpoint() throws IOException {
        Path old = folder.resolve("old-run.json");
        Path checkpoint = folder.resolve("old.s3gd");
        try (var json = TrainCommandTest.class.getResourceAsStream("/org/s3gd/train/format-v2-run.json");
             var saved = TrainCommandTest.class.getResourceAsStream("/org/s3gd/train/format-v2.s3gd")) {
            Files.copy(json, old);
            Files.copy(saved, checkpoint);
        }
        Path again = folder.resolve("again");

        Cli repeated = Cli.run("train", "--config", old.toString(), "--no-plots", "--out", again.toString());

        assertThat(repeated.exitCode()).as(repeated.err()).isZero();
        Checkpoint expected = Checkpoint.load(checkpoint);
        Checkpoint actual = Checkpoint.load(again);
        assertThat(actual.config().validation()).as("older runs held no validation set out").isZero();
        // Every setting as that run was made. (Its weights are the same only while the engine's
        // arithmetic is: a changed summation order moves the last bits, and training amplifies them.)
        assertThat(actual.config()).isEqualTo(expected.config());
        assertThat(actual.parameters()).extracting(p -> p.name() + " " + p.rows() + "×" + p.cols())
            .containsExactlyElementsOf(expected.parameters().stream().map(p -> p.name() + " " + p.rows() + "×" + p.cols())
                .toList());
    }

    @Test
    void optionsOnTheCommandLineOverrideTheConfigFile() throws IOException {
        Path file = folder.resolve("c.json");
        Files.writeString(file, "{\"epochs\": 3, \"layers\": [\"lif:8\"], \"batchSize\": 100, \"dtMillis\": 2, \"steps\": 50}");
        Path run = folder.resolve("run");

        Cli result = Cli.run("train", "--config", file.toString(), "--epochs", "1", "--tau-readout", "30", "--init", "uniform",
            "--threads", "2", "--no-plots", "--out", run.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        TrainingConfigView config = new TrainingConfigView(Checkpoint.load(run));
        assertThat(config.epochs()).isEqualTo(1);
        assertThat(config.batch()).isEqualTo(100);
        assertThat(config.steps()).as("T of the file, and the synthetic task follows it").isEqualTo(50);
        assertThat(config.readoutBeta()).isEqualTo((float) Math.exp(-2.0 / 30));
        assertThat(Checkpoint.load(run).config().initializer()).isEqualTo(org.s3gd.model.Initializer.UNIFORM);
    }

    @Test
    void aConfigFileWithAnUnknownFieldOrAWrongTypeStopsWithOneLineNamingFileAndField() throws IOException {
        Path file = folder.resolve("c.json");
        Files.writeString(file, "{\"epochs\": 1, \"tau_mem\": 20}");
        Cli unknown = Cli.run("train", "--config", file.toString(), "--out", folder.resolve("a").toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("s3gd: " + file + ": unknown field 'tau_mem'").hasLineCount(1);

        Files.writeString(file, "{\"epochs\": [1]}");
        Cli wrong = Cli.run("train", "--config", file.toString(), "--out", folder.resolve("b").toString());
        assertThat(wrong.err()).startsWith("s3gd: " + file + ": field 'epochs': expected a whole number").hasLineCount(1);
        assertThat(folder.resolve("a")).doesNotExist();
    }

    /** What the run's checkpoint says it trained with. */
    private record TrainingConfigView(int epochs, int batch, int steps, float readoutBeta) {
        TrainingConfigView(Checkpoint c) {
            this(c.config().epochs(), c.config().batchSize(), c.config().steps(), c.networkConfig().readoutBeta());
        }
    }
}
