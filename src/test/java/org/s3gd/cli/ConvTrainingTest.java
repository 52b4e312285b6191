package org.s3gd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.RealData;
import org.s3gd.model.Shape;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.TrainedModel;

/** A convolutional network trains on real N-MNIST images, resumes to the weights of an uninterrupted run, and evaluates. */
class ConvTrainingTest {
    private static final String STACK = "conv:4x5s2,maxpool:3,flatten,lif:16:dense";

    @TempDir
    Path folder;

    private List<String> train(Path data, Path out, int epochs) {
        return new ArrayList<>(List.of("train", "--dataset", "nmnist", "--data-dir", data.toString(), "--keep-polarity",
            "--layers", STACK, "--start-activity", "0.02", "--steps", "60", "--epochs", String.valueOf(epochs), "--batch",
            "100", "--threads", "2", "--validation", "0", "--no-plots", "--cache-dir", folder.resolve("cache").toString(),
            "--out", out.toString()));
    }

    @Test
    void aConvNetworkTrainsResumesAndEvaluatesOnNmnistImages() throws Exception {
        Path data = RealData.nmnistSmall();
        Path resumed = folder.resolve("resumed");
        Cli first = Cli.run(train(data, resumed, 1).toArray(String[]::new));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).as("pooling and flatten have no activity to show")
            .containsPattern("active \\d+\\.\\d\\d% / – / – / \\d+\\.\\d\\d%");
        assertThat(Files.readString(resumed.resolve("run.json"))).contains("\"conv:4x5s2p0:sparse\"", "\"maxpool:3\"",
            "\"flatten\"", "\"lif:16:dense\"", "\"keepPolarity\": true", "\"startActivity\": 0.02");

        Cli more = Cli.run("train", "--resume", resumed.toString(), "--epochs", "2", "--threads", "2");
        assertThat(more.exitCode()).as(more.err()).isZero();
        Path straight = folder.resolve("straight");
        Cli uninterrupted = Cli.run(train(data, straight, 2).toArray(String[]::new));
        assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isZero();

        TrainedModel a = Checkpoint.load(resumed).model();
        TrainedModel b = Checkpoint.load(straight).model();
        assertThat(a.networkConfig().inputShape()).isEqualTo(new Shape(2, 34, 34));
        assertThat(a.networkConfig().outputShape(0)).isEqualTo(new Shape(4, 15, 15));
        assertThat(a.networkConfig().lastWidth()).isEqualTo(16);
        assertThat(a.weights()).hasSameSizeAs(b.weights());
        for (int p = 0; p < a.weights().size(); p++) {
            assertThat(a.weights().get(p)).as("weights %d after a resume", p).containsExactly(b.weights().get(p));
        }

        Cli eval = Cli.run("eval", resumed.toString(), "--threads", "2");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("layers conv:4x5s2p0:sparse,maxpool:3,flatten,lif:16:dense, 2 epochs",
            "nmnist/test: accuracy", "of 100)");
    }

    @Test
    void aLayerThatCannotTakeItsInputIsAUsageErrorNamingIt() {
        Cli tooLarge = Cli.run("train", "--dataset", "nmnist", "--layers", "conv:8x5,maxpool:2,conv:8x20");
        assertThat(tooLarge.exitCode()).isEqualTo(2);
        assertThat(tooLarge.err()).contains("layer 3 (conv:8x20s1p0): its 20×20 kernel is larger than its input 8×15×15")
            .doesNotContain("\tat ");
        Cli flatten = Cli.run("train", "--dataset", "fashion-mnist", "--layers", "conv:32x5,maxpool:2,flatten:4096,lif:10");
        assertThat(flatten.exitCode()).isEqualTo(2);
        assertThat(flatten.err()).contains("layer 3 (flatten:4096): its input 32×12×12 has 4608 units, not the 4096 it expects");
        Cli flat = Cli.run("train", "--dataset", "shd", "--layers", "conv:8x3");
        assertThat(flat.exitCode()).isEqualTo(2);
        assertThat(flat.err()).contains("layer 1 (conv:8x3s1p0)", "a conv layer needs an image");
        Cli polarity = Cli.run("train", "--dataset", "shd", "--keep-polarity");
        assertThat(polarity.exitCode()).isEqualTo(2);
        assertThat(polarity.err()).contains("--keep-polarity) is for N-MNIST only");
    }
}
