package org.s3gd.data.fmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.s3gd.data.DatasetException;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.SpikeSample;

class FashionMnistTest {
    private static final LatencyEncoding PAPER = LatencyEncoding.paper(1.0, 100);

    @Test
    void latencyCodeMatchesTheFormulaAtKnownIntensities() {
        // Expected values computed independently with Python's math module: floor(20 ln(x / (x - 0.2))).
        assertThat(PAPER.step(255)).isEqualTo(4);
        assertThat(PAPER.step(128)).isEqualTo(10);
        assertThat(PAPER.step(60)).isEqualTo(37);
        assertThat(PAPER.step(52)).isEqualTo(79);
        assertThat(PAPER.step(51)).isEqualTo(-1);
        assertThat(PAPER.step(0)).isEqualTo(-1);
        assertThat(LatencyEncoding.paper(1.0, 50).step(52)).as("steps >= T are dropped").isEqualTo(-1);
        assertThat(LatencyEncoding.paper(2.0, 100).step(255)).isEqualTo(2);
    }

    @Test
    void eachBrightEnoughPixelFiresOnceAtItsLatencyInRowMajorUnits(@TempDir Path dir) throws Exception {
        byte[] image = new byte[784];
        image[0] = (byte) 255;
        image[28 * 3 + 5] = (byte) 128;
        image[783] = 52;
        image[100] = 30;
        writeSet(dir, new byte[][] {image}, new int[] {7});

        DatasetSplit split = FashionMnist.load(dir, PAPER, false);
        SpikeSample s = split.train().sample(0);
        assertThat(s.label()).isEqualTo(7);
        assertThat(s.spikeCount()).isEqualTo(3);
        assertThat(s.spikes(0, 4)).isTrue();
        assertThat(s.spikes(89, 10)).isTrue();
        assertThat(s.spikes(783, 79)).isTrue();
        assertThat(split.inputs()).isEqualTo(784);
        assertThat(split.classes()).isEqualTo(10);
        assertThat(split.steps()).isEqualTo(100);
    }

    @Test
    void moreImagesThanLabelsIsAnError(@TempDir Path dir) throws Exception {
        writeSet(dir, new byte[2][784], new int[] {1});
        assertThatThrownBy(() -> FashionMnist.load(dir, PAPER, false))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("train-images-idx3-ubyte.gz: 2 images but ")
            .hasMessageContaining("train-labels-idx1-ubyte has 1 labels; expected as many labels as images");
    }

    @Test
    void aLabelOutOfRangeNamesTheSample(@TempDir Path dir) throws Exception {
        writeSet(dir, new byte[3][784], new int[] {1, 2, 10});
        assertThatThrownBy(() -> FashionMnist.load(dir, PAPER, false))
            .hasMessageEndingWith("train-labels-idx1-ubyte: sample 2: label 10 out of range [0, 10)");
    }

    @Test
    void imagesOfAnotherSizeAreRefused(@TempDir Path dir) throws Exception {
        writeSet(dir, new byte[1][784], new int[] {1});
        byte[] odd = java.nio.ByteBuffer.allocate(16 + 10 * 10).putInt(0x803).putInt(1).putInt(10).putInt(10).array();
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(odd));
        assertThatThrownBy(() -> FashionMnist.load(dir, PAPER, false))
            .hasMessageEndingWith("images are 10x10 pixels, expected 28x28");
    }

    @Test
    void verificationRefusesFilesThatAreNotTheOfficialOnes(@TempDir Path dir) throws Exception {
        writeSet(dir, new byte[1][784], new int[] {1});
        assertThatThrownBy(() -> FashionMnist.load(dir, PAPER, true))
            .isInstanceOf(DatasetException.class)
            .hasMessageContaining("train-images-idx3-ubyte.gz: content SHA-256 ")
            .hasMessageContaining("differs from the official c59f468a");
    }

    @Test
    void aMissingFileIsNamedWithBothAcceptedNames(@TempDir Path dir) {
        assertThatThrownBy(() -> FashionMnist.load(dir, PAPER, false))
            .hasMessageEndingWith(": no train-images-idx3-ubyte.gz (or train-images-idx3-ubyte) here");
    }

    /** Writes train images gzip-compressed and labels raw, the test split as a copy of the train one. */
    private static void writeSet(Path dir, byte[][] images, int[] labels) throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(images)));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(labels));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(images)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(labels)));
    }
}
