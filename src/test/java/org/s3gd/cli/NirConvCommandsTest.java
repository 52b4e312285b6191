package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.RealData;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.Flatten;
import org.s3gd.model.LifParameters;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Readout;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.Shape;
import org.s3gd.nir.NirExport;
import org.s3gd.nir.NirFile;
import org.s3gd.nir.NirGraph;
import org.s3gd.train.Checkpoint;

/** {@code eval}, {@code predict} and {@code train --init-from} of a conv network's NIR file, on the N-MNIST subset. */
class NirConvCommandsTest {
    private static final String STACK = "conv:3x5s2p1,sumpool:3,lif:12";

    @TempDir
    Path folder;

    private String[] withData(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", RealData.nmnistSmall().toString(), "--cache-dir", folder.resolve("cache").toString(),
            "--threads", "2"));
        return all.toArray(String[]::new);
    }

    @Test
    void aConvRunExportedToNirEvaluatesAndPredictsAsItsCheckpointAndStartsAnotherRun() throws IOException {
        Path run = folder.resolve("run");
        Cli train = Cli.run(withData("train", "--dataset", "nmnist", "--keep-polarity", "--layers", STACK, "--steps", "30",
            "--epochs", "1", "--batch", "100", "--validation", "0", "--start-activity", "0.02", "--no-plots",
            "--out", run.toString()));
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path nir = folder.resolve("conv.nir");
        Cli export = Cli.run("export", run.toString(), "--nir", nir.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();

        Cli fromRun = Cli.run(withData("eval", run.toString()));
        Cli fromNir = Cli.run(withData("eval", nir.toString()));

        assertThat(fromNir.exitCode()).as(fromNir.err()).isZero();
        assertThat(fromNir.out()).contains("NIR, 2×34×34 → conv:3x5s2p1 (sparse) 3×16×16 → sumpool:3 3×5×5 → lif:12 (sparse)");
        assertThat(results(fromNir)).isEqualTo(results(fromRun)).contains("nmnist/test: accuracy");

        Path samples = RealData.nmnistSmall().resolve("Test.zip");
        Cli predictRun = Cli.run("predict", run.toString(), "--input", samples.toString(), "--threads", "2",
            "--out", folder.resolve("run.csv").toString());
        Cli predictNir = Cli.run("predict", nir.toString(), "--input", samples.toString(), "--threads", "2",
            "--out", folder.resolve("nir.csv").toString());
        assertThat(predictRun.exitCode()).as(predictRun.err()).isZero();
        assertThat(predictNir.exitCode()).as(predictNir.err()).isZero();
        String classes = Files.readString(folder.resolve("nir.csv"));
        assertThat(classes).isEqualTo(Files.readString(folder.resolve("run.csv")));
        assertThat(classes.lines().skip(1).map(l -> l.split(",")[1]).distinct().count()).as("not one class for all").isGreaterThan(1);

        Path next = folder.resolve("next");
        Cli start = Cli.run(withData("train", "--init-from", nir.toString(), "--dataset", "nmnist", "--keep-polarity",
            "--steps", "30", "--lr", "1e-12", "--epochs", "1", "--batch", "100", "--validation", "0", "--no-plots",
            "--out", next.toString()));
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(Checkpoint.load(next).config().layers()).isEqualTo(Checkpoint.load(run).config().layers());
        Cli merged = Cli.run(withData("train", "--init-from", nir.toString(), "--dataset", "nmnist", "--steps", "30",
            "--epochs", "1", "--no-plots", "--out", folder.resolve("merged").toString()));
        assertThat(merged.exitCode()).isEqualTo(1);
        assertThat(merged.err()).contains("does not fit the data's 1×34×34 inputs", "is --keep-polarity").hasLineCount(1);
    }

    @Test
    void aConvGraphFromElsewhereReadsTheDataSetsImageOrSaysInOneLineThatItDoesNotFit() throws IOException {
        Path twoChannels = folder.resolve("polarity.nir");
        NirFile.write(graph(new Shape(2, 34, 34)), twoChannels);
        Cli polarity = Cli.run(withData("eval", twoChannels.toString(), "--dataset", "nmnist"));
        assertThat(polarity.exitCode()).as(polarity.err()).isZero();
        assertThat(polarity.out()).contains("NIR, 2×34×34 → conv:2x3s1p0", "nmnist/test: accuracy");

        Path other = folder.resolve("other.nir");
        NirFile.write(graph(new Shape(4, 17, 17)), other);
        Cli eval = Cli.run(withData("eval", other.toString(), "--dataset", "nmnist"));
        assertThat(eval.exitCode()).isEqualTo(1);
        assertThat(eval.err()).startsWith("s3gd: " + other + ": its network 4×17×17 → conv:2x3s1p0")
            .contains("does not fit nmnist/test (1×34×34 inputs, 10 classes)").hasLineCount(1);
        Cli predict = Cli.run("predict", other.toString(), "--dataset", "nmnist", "--input",
            RealData.nmnistSmall().resolve("Test.zip").toString(), "--out", folder.resolve("p.csv").toString());
        assertThat(predict.exitCode()).isEqualTo(1);
        assertThat(predict.err()).contains("Test.zip: the data have 1×34×34 inputs, the model 4×17×17").hasLineCount(1);
        assertThat(predict.err().split("Test.zip", -1)).as("the file named once").hasSize(2);
    }

    // A conv layer, flatten and readout over an input of `shape`, its weights zero, as a NIR graph without s3gd's metadata.
    private static NirGraph graph(Shape shape) {
        Conv2dLif conv = new Conv2dLif(2, 3, 1, 0, new LifParameters(0.9f, 1f), BackwardMethod.SPARSE);
        NetworkConfig network = new NetworkConfig(shape.units(), List.of(conv, new Flatten(), new Readout(10, 0.9f,
            ReadoutMode.MAX)), 0.2f, RegularizerParameters.paper(1f), shape);
        Shape map = conv.output(shape);
        return NirExport.graph(network, List.of(new float[shape.channels() * 9 * 2], new float[map.units() * 10]), 1.0, Map.of());
    }

    private static String results(Cli eval) {
        return eval.out().substring(eval.out().indexOf("nmnist/test: accuracy"));
    }
}
