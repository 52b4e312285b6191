package org.s3gd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.SpikeDataset;
import org.s3gd.data.synthetic.RandomManifolds;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.ReadoutMode;

class TrainingConfigTest {
    @Test
    void fashionMnistPresetIsThePapers() {
        TrainingConfig c = TrainingConfig.preset(DatasetId.FASHION_MNIST);
        assertThat(c.hidden()).containsExactly(200, 200);
        assertThat(c.steps()).isEqualTo(100);
        assertThat(c.dtMillis()).isEqualTo(1.0);
        assertThat(c.tauMemMillis()).isEqualTo(10);
        assertThat(c.tauReadoutMillis()).isEqualTo(10);
        assertThat(c.batchSize()).isEqualTo(256);
        assertThat(c.learningRate()).isEqualTo(2e-4);
        assertThat(c.initializer()).isEqualTo(Initializer.SCALED_NORMAL);
        assertThat(c.readout()).isEqualTo(ReadoutMode.MAX);
        assertThat(c.regularizer().upperRate()).isEqualTo(1f);
        assertThat(c.epochs()).isEqualTo(100);
        assertThat(c.backpropThreshold()).isEqualTo(0.2f);
    }

    @Test
    void nmnistPresetIsThePapers() {
        TrainingConfig c = TrainingConfig.preset(DatasetId.NMNIST);
        assertThat(c.steps()).isEqualTo(300);
        assertThat(c.initializer()).isEqualTo(Initializer.UNIFORM);
        assertThat(c.readout()).isEqualTo(ReadoutMode.MAX);
        assertThat(c.learningRate()).isEqualTo(2e-4);
        assertThat(c.epochs()).isEqualTo(100);
    }

    @Test
    void shdPresetIsThePapers() {
        TrainingConfig c = TrainingConfig.preset(DatasetId.SHD);
        assertThat(c.steps()).isEqualTo(500);
        assertThat(c.dtMillis()).isEqualTo(2.0);
        assertThat(c.tauReadoutMillis()).isEqualTo(20);
        assertThat(c.learningRate()).isEqualTo(1e-3);
        assertThat(c.readout()).isEqualTo(ReadoutMode.SUM);
        assertThat(c.regularizer().upperRate()).isEqualTo(10f);
        assertThat(c.epochs()).isEqualTo(200);
        assertThat(c.datasetOptions().steps()).isEqualTo(500);
        assertThat(c.datasetOptions().dtMillis()).isEqualTo(2.0);
    }

    @Test
    void theNetworkFollowsTheConfiguration() {
        var network = TrainingConfig.preset(DatasetId.SHD).withHidden(List.of(400, 300, 20)).network(700, 20);
        assertThat(network.hidden()).containsExactly(400, 300, 20);
        for (int l = 0; l < network.depth(); l++) {
            assertThat(network.neuron(l).beta()).isEqualTo((float) Math.exp(-2.0 / 10));
        }
        assertThat(network.readoutBeta()).isEqualTo((float) Math.exp(-2.0 / 20));
        assertThat(network.regularizer().upperRate()).isEqualTo(10f);
    }

    @Test
    void backpropThresholdMustLieBetweenZeroAndTheta() {
        TrainingConfig c = TrainingConfig.preset(DatasetId.SYNTHETIC);
        assertThat(c.withBackpropThreshold(1f).backpropThreshold()).isEqualTo(1f);
        for (float bad : new float[] {0f, -0.5f, 1.0001f, Float.NaN}) {
            assertThatThrownBy(() -> c.withBackpropThreshold(bad)).hasMessageContaining("(0, 1.0]");
        }
    }

    @Test
    void sizesMustBePositive() {
        TrainingConfig c = TrainingConfig.preset(DatasetId.SYNTHETIC);
        assertThatThrownBy(() -> c.withHidden(List.of())).hasMessageContaining("--hidden");
        assertThatThrownBy(() -> c.withHidden(List.of(10, 0))).hasMessageContaining("--hidden");
        assertThatThrownBy(() -> c.withBatchSize(0)).hasMessageContaining("--batch");
        assertThatThrownBy(() -> c.withEpochs(0)).hasMessageContaining("--epochs");
        assertThatThrownBy(() -> c.withThreads(0)).hasMessageContaining("--threads");
        assertThatThrownBy(() -> c.withLearningRate(0)).hasMessageContaining("--lr");
    }

    @Test
    void denseTrainingNeedsMoreMemoryThanSparse() {
        TrainingConfig c = TrainingConfig.preset(DatasetId.FASHION_MNIST);
        long dense = MemoryEstimate.of(c.withMethod(BackwardMethod.DENSE)).bytes();
        long sparse = MemoryEstimate.of(c).bytes();
        assertThat(sparse).isLessThan(dense);
        // B·T·(784 + 200)·4·3 + B·T·(200 + 200)·4·3 bytes for the two dense layers
        assertThat(dense).isGreaterThan(256L * 100 * (984 + 400) * 12);
    }

    @Test
    void theHeapOfARunHoldsItsNetworkAndItsDataWithRoomToSpare() {
        TrainingConfig synthetic = TrainingConfig.preset(DatasetId.SYNTHETIC);
        DatasetSplit data = RandomManifolds.generate(synthetic.synthetic());
        long held = 0;
        for (SpikeDataset set : List.of(data.train(), data.test())) {
            for (int i = 0; i < set.size(); i++) {
                held += 4L * (set.sample(i).steps() + 1) + 2L * set.sample(i).spikeCount();
            }
        }
        assertThat(MemoryEstimate.dataBytes(synthetic)).isGreaterThanOrEqualTo(held);
        long heap = MemoryEstimate.heapFor(synthetic);
        assertThat(heap).isGreaterThanOrEqualTo(MemoryEstimate.HEAP_BASE
            + (long) (1.5 * (MemoryEstimate.of(synthetic).bytes() + held)));
        assertThat(heap % (64L << 20)).isZero();

        TrainingConfig fmnist = TrainingConfig.preset(DatasetId.FASHION_MNIST);
        // 70,000 images, each pixel at most one spike of 2 bytes, and T + 1 offsets of 4 bytes
        assertThat(MemoryEstimate.dataBytes(fmnist)).isGreaterThanOrEqualTo(70_000.0 * (784 * 2 + 101 * 4));
        assertThat(MemoryEstimate.heapFor(fmnist.withBatchSize(1024))).isGreaterThan(MemoryEstimate.heapFor(fmnist));
        assertThat(MemoryEstimate.heapFor(fmnist.withMethod(BackwardMethod.DENSE)))
            .isGreaterThan(MemoryEstimate.heapFor(fmnist));
    }

    @Test
    void deepFullyConnectedStacksTakeTheFlatterSurrogateAndOtherStacksKeepThePapers() {
        TrainingConfig preset = TrainingConfig.preset(DatasetId.FASHION_MNIST);
        assertThat(preset.forDepth().surrogateScale()).as("2 × 200").isEqualTo(preset.surrogateScale());
        assertThat(preset.withHidden(List.of(300, 300, 300, 300, 300)).forDepth().surrogateScale())
            .isEqualTo(TrainingConfig.DEEP_SURROGATE_SCALE);
        assertThat(preset.withLayers(StackLayer.parseStack("rlif:64,lif:64,rlif:64", BackwardMethod.SPARSE))
            .forDepth().surrogateScale()).isEqualTo(TrainingConfig.DEEP_SURROGATE_SCALE);
        TrainingConfig conv = preset.withLayers(StackLayer.parseStack("conv:8x5,maxpool:2,conv:8x3,flatten,lif:64",
            BackwardMethod.SPARSE));
        assertThat(conv.forDepth().surrogateScale()).as("conv stacks are not changed").isEqualTo(preset.surrogateScale());
    }
}
