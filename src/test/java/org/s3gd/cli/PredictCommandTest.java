package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DataLocator;
import org.s3gd.data.DataSource;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;
import org.s3gd.data.RealData;
import org.s3gd.data.SpikeCache;
import org.s3gd.data.shd.Shd;
import org.s3gd.parallel.Workers;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.Evaluation;
import org.s3gd.train.TrainedModel;

/** {@code s3gd predict}: new samples without labels get the classes {@code eval} gives the same samples. */
class PredictCommandTest {
    @TempDir
    Path folder;

    @Test
    void aFolderOfNmnistBinFilesGetsTheClassesEvalGivesThem() throws IOException {
        Path data = RealData.nmnistSmall();
        Path run = folder.resolve("run");
        Cli train = Cli.run("train", "--dataset", "nmnist", "--data-dir", data.toString(), "--hidden", "16", "--steps", "100",
            "--epochs", "1", "--batch", "100", "--threads", "2", "--no-plots", "--cache-dir", folder.resolve("cache").toString(),
            "--out", run.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path bins = unzip(data.resolve("Test.zip"), folder.resolve("bins"));
        Path csv = folder.resolve("nmnist.csv");

        Cli predict = Cli.run("predict", run.toString(), "--input", bins.toString(), "--out", csv.toString(), "--threads", "2");

        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).contains("100 samples predicted");
        Map<String, Integer> predicted = classes(csv);
        assertThat(predicted).hasSize(100);
        TrainedModel model = Checkpoint.load(run).model();
        try (Workers workers = new Workers(2)) {
            DatasetSplit split = Datasets.load(DataSource.in(model.config().dataset(), data, DataLocator.Origin.DATA_DIR),
                new SpikeCache(folder.resolve("cache")), model.config().datasetOptions(), workers);
            Evaluation eval = Evaluation.of(model, split.test(), 100, workers);
            try (var archive = org.s3gd.data.nmnist.NmnistArchive.open(data.resolve("Test.zip"))) {
                for (int i = 0; i < archive.size(); i++) {
                    assertThat(predicted.get(archive.name(i))).as(archive.name(i)).isEqualTo(eval.predictions()[i]);
                }
            }
            long correct = predicted.entrySet().stream()
                .filter(e -> Integer.parseInt(e.getKey().split("/")[1]) == e.getValue()).count();
            Cli evalCli = Cli.run("eval", run.toString(), "--threads", "2");
            assertThat(evalCli.out()).contains("(" + correct + " of 100)");
            assertThat(correct).isEqualTo(eval.confusion().correct());
        }
    }

    @Test
    void anShdFileCompressedOrNotWithLabelsOrWithoutGetsTheClassesEvalGivesIt() throws Exception {
        Path data = RecordedSetupTest.shdFolder(folder.resolve("data"));
        Path run = folder.resolve("run");
        Cli train = Cli.run("train", "--dataset", "shd", "--data-dir", data.toString(), "--hidden", "8", "--batch", "4",
            "--epochs", "1", "--threads", "2", "--no-plots", "--cache-dir", folder.resolve("cache").toString(), "--out", run.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path gz = folder.resolve("shd_test.h5.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(data.resolve(Shd.TEST), out);
        }
        TrainedModel model = Checkpoint.load(run).model();
        int[] expected;
        try (Workers workers = new Workers(2)) {
            DatasetSplit split = Datasets.load(DataSource.in(model.config().dataset(), data, DataLocator.Origin.DATA_DIR),
                new SpikeCache(folder.resolve("cache")), model.config().datasetOptions(), workers);
            expected = Evaluation.of(model, split.test(), 4, workers).predictions();
        }

        // The same four samples as shd_small.h5, which the run's test set is a copy of, with no /labels (make_fixtures.py).
        Path unlabelled = Path.of(getClass().getResource("/org/s3gd/data/shd/shd_bad_missing_labels.h5").toURI());

        for (Path input : List.of(data.resolve(Shd.TEST), gz, unlabelled)) {
            Path csv = folder.resolve(input.getFileName() + ".csv");
            Cli predict = Cli.run("predict", run.resolve(Checkpoint.LATEST).toString(), "--input", input.toString(),
                "--out", csv.toString());
            assertThat(predict.exitCode()).as(predict.err()).isZero();
            Map<String, Integer> predicted = classes(csv);
            assertThat(predicted).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(predicted.get(Integer.toString(i))).as("sample %d of %s", i, input).isEqualTo(expected[i]);
            }
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines).as("a header and a row per sample").hasSize(1 + expected.length);
            assertThat(lines.get(0)).isEqualTo("sample,predicted,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9,p_10,p_11,p_12,p_13,"
                + "p_14,p_15,p_16,p_17,p_18,p_19");
            double total = 0;
            for (String p : lines.get(1).split(",", 3)[2].split(",")) {
                total += Double.parseDouble(p);
            }
            assertThat(total).as("probabilities sum to 1").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(Files.readAllLines(folder.resolve(unlabelled.getFileName() + ".csv"))).as("classes and probabilities")
            .isEqualTo(Files.readAllLines(folder.resolve(Shd.TEST + ".csv")));
    }

    @Test
    void anExistingOutputIsNeverOverwrittenAndAnUnknownInputIsNamed() throws Exception {
        Path data = RecordedSetupTest.shdFolder(folder.resolve("data"));
        Path run = folder.resolve("run");
        assertThat(Cli.run("train", "--dataset", "shd", "--data-dir", data.toString(), "--hidden", "8", "--batch", "4",
            "--epochs", "1", "--threads", "2", "--no-plots", "--cache-dir", folder.resolve("cache").toString(),
            "--out", run.toString()).exitCode()).isZero();
        Path csv = folder.resolve("taken.csv");
        Files.writeString(csv, "mine");

        Cli taken = Cli.run("predict", run.toString(), "--input", data.resolve(Shd.TEST).toString(), "--out", csv.toString());
        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.err()).isEqualTo("s3gd: " + csv + ": exists; s3gd does not overwrite it, choose another --out\n");
        assertThat(Files.readString(csv)).isEqualTo("mine");

        Path notes = folder.resolve("notes.txt");
        Files.writeString(notes, "hello");
        Cli unknown = Cli.run("predict", run.toString(), "--input", notes.toString(), "--out", folder.resolve("x.csv").toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("s3gd: " + notes + ": not a format s3gd reads").hasLineCount(1);
    }

    private static Map<String, Integer> classes(Path csv) throws IOException {
        Map<String, Integer> classes = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            classes.put(cells[0], Integer.parseInt(cells[1]));
        }
        return classes;
    }

    private static Path unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy((InputStream) in, file);
                }
            }
        }
        return target;
    }
}
