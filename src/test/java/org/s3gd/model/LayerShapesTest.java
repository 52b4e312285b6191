package org.s3gd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ALGORITHM.md §8: each layer's shape follows from its input's, and a layer that cannot take its input is named. */
class LayerShapesTest {
    private static final LifParameters NEURON = LifParameters.of(1, 10);

    private static NetworkConfig network(Shape input, LayerSpec... hidden) {
        List<LayerSpec> layers = new ArrayList<>(List.of(hidden));
        layers.add(new Readout(10, 0.9f, ReadoutMode.MAX));
        return new NetworkConfig(input.units(), layers, 0.2f, RegularizerParameters.paper(1f), input);
    }

    private static Conv2dLif conv(int channels, int kernel, int stride, int padding) {
        return new Conv2dLif(channels, kernel, stride, padding, NEURON, BackwardMethod.SPARSE);
    }

    @Test
    void thePapersConvNetworkFlattensTo4608Units() {
        NetworkConfig config = network(new Shape(1, 28, 28), conv(32, 5, 1, 0), new SpikePool(SpikePool.Mode.MAX, 2),
            new Flatten(4608));
        assertThat(config.outputShape(0)).isEqualTo(new Shape(32, 24, 24));
        assertThat(config.outputShape(1)).isEqualTo(new Shape(32, 12, 12));
        assertThat(config.lastWidth()).isEqualTo(4608);
        assertThat(config.hiddenLayer(0)).isInstanceOf(Conv2dLif.class);
        assertThat(config.hiddenLayers()).hasSize(1);
        assertThat(config.describe()).isEqualTo(
            "1×28×28 → conv:32x5s1p0 (sparse) 32×24×24 → maxpool:2 32×12×12 → flatten:4608 4608 → readout:10 (max)");
        SpikingNetwork network = SpikingNetwork.zeros(config);
        assertThat(network.parameters()).extracting(Parameter::name).containsExactly("W1", "Wout");
        assertThat(network.hidden(0).rows()).isEqualTo(25);
        assertThat(network.hidden(0).cols()).isEqualTo(32);
        assertThat(network.readout().rows()).isEqualTo(4608);
    }

    @Test
    void strideAndPaddingSetTheOutputSide() {
        NetworkConfig config = network(new Shape(2, 34, 34), conv(4, 3, 2, 1), conv(3, 5, 1, 2));
        assertThat(config.outputShape(0)).isEqualTo(new Shape(4, 17, 17));
        assertThat(config.outputShape(1)).isEqualTo(new Shape(3, 17, 17));
    }

    @Test
    void aKernelLargerThanItsInputIsAnErrorNamingTheLayer() {
        assertThatThrownBy(() -> network(new Shape(1, 28, 28), conv(8, 5, 1, 0), new SpikePool(SpikePool.Mode.MAX, 2),
            conv(8, 13, 1, 0)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("layer 3 (conv:8x13s1p0): its 13×13 kernel is larger than its input 8×12×12");
    }

    @Test
    void aConvLayerOnAFlatInputSaysItNeedsAnImage() {
        assertThatThrownBy(() -> network(Shape.flat(700), conv(8, 3, 1, 0)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("layer 1 (conv:8x3s1p0): its 3×3 kernel is larger than its input 700")
            .hasMessageContaining("a conv layer needs an image, C×H×W");
    }

    @Test
    void aFlattenOfAnotherSizeIsAnErrorNamingTheLayer() {
        assertThatThrownBy(() -> network(new Shape(1, 28, 28), conv(32, 5, 1, 0), new SpikePool(SpikePool.Mode.MAX, 2),
            new Flatten(4096)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("layer 3 (flatten:4096): its input 32×12×12 has 4608 units, not the 4096 it expects");
    }

    @Test
    void aPoolingWindowLargerThanItsInputIsAnErrorNamingTheLayer() {
        assertThatThrownBy(() -> network(new Shape(1, 5, 5), conv(2, 3, 1, 0), new SpikePool(SpikePool.Mode.SUM, 4)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("layer 2 (sumpool:4): its 4×4 window is larger than its input 2×3×3");
    }

    @Test
    void aNetworkOfPoolingAloneHasNoNeuronsToTrain() {
        assertThatThrownBy(() -> network(new Shape(1, 8, 8), new SpikePool(SpikePool.Mode.MAX, 2), new Flatten()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("at least one spiking hidden layer");
    }

    @Test
    void anInputShapeOfAnotherSizeIsRefused() {
        assertThatThrownBy(() -> new NetworkConfig(100, List.of(new LinearLif(5, NEURON, BackwardMethod.SPARSE),
            new Readout(2, 0.9f, ReadoutMode.MAX)), 0.2f, RegularizerParameters.paper(1f), new Shape(1, 28, 28)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the input shape 1×28×28 has 784 units, not 100");
    }
}
