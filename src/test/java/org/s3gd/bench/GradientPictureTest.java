package org.s3gd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientPictureTest {
    @TempDir
    Path directory;

    @Test
    void theSparseGradientsAgreeWithTheDenseOnesWhereComputedAndAreZeroWhereNever() throws Exception {
        GradientPicture picture = GradientPicture.compute(16, 100, 100, 100, 0.02, 0.2f, 3, 2);

        assertThat(picture.weightCosine()).isGreaterThanOrEqualTo(0.95);
        assertThat(picture.computedSpikeCosine()).isGreaterThanOrEqualTo(0.95);
        assertThat(picture.spikeCosine()).as("the entries never computed carry dense gradient").isLessThan(picture.computedSpikeCosine());
        assertThat(picture.computedShare(picture.spikesComputed())).isBetween(0.001, 0.2);
        int nonZeroDense = 0;
        for (int k = 0; k < picture.sparseSpikes().length; k++) {
            if (!picture.spikesComputed()[k]) {
                assertThat(picture.sparseSpikes()[k]).isZero();
                nonZeroDense += picture.denseSpikes()[k] != 0 ? 1 : 0;
            }
        }
        assertThat(nonZeroDense).as("the dense method computes what the sparse one leaves out").isPositive();
        for (int k = 0; k < picture.sparseWeights().length; k++) {
            if (!picture.weightsComputed()[k]) {
                assertThat(picture.sparseWeights()[k]).isZero();
            }
        }

        Path file = directory.resolve(GradientPlot.FILE);
        GradientPlot.write(picture, file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isGreaterThan(700);
        assertThat(image.getRGB(image.getWidth() / 2 + 80, image.getHeight() - 200) & 0xffffff)
            .as("a never-computed entry of the sparse ∂L/∂s1 panel is grey, or a computed one coloured").isNotEqualTo(0xffffff);
    }
}
