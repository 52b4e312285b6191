package org.s3gd.model;

import java.util.List;

/**
 * Spike pooling over {@code size × size} windows moved by {@code size} (ALGORITHM.md §8): no
 * neurons, no weights. Rows and columns that do not fill a window are dropped, as PyTorch's
 * {@code max_pool2d} and {@code avg_pool2d} drop them.
 *
 * @param mode max (the OR of the window's spikes; its gradient goes to the first spiking input in
 *             row-major order, or the first input when none spiked) or sum (the window's spike
 *             count, NIR's SumPool2d; its gradient goes to every input of the window)
 * @param size the side of the window, also its stride
 */
public record SpikePool(Mode mode, int size) implements LayerSpec {
    /** How a window's spikes become one output. */
    public enum Mode {
        MAX("maxpool"),
        SUM("sumpool");

        private final String kind;

        Mode(String kind) {
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }

    public SpikePool {
        LayerChecks.present("pool", mode);
        if (size < 1) {
            throw new IllegalArgumentException(mode.kind() + " layer: the window must be >= 1, got " + size);
        }
    }

    @Override
    public String kind() {
        return mode.kind();
    }

    @Override
    public Shape output(Shape input) {
        if (input.height() < size || input.width() < size) {
            throw new IllegalArgumentException("its " + size + "×" + size + " window is larger than its input " + input
                + (input.spatial() ? "" : " (a flat input has no height and width: pooling needs an image, C×H×W)"));
        }
        return new Shape(input.channels(), input.height() / size, input.width() / size);
    }

    @Override
    public List<ParameterShape> parameters(Shape input) {
        return List.of();
    }
}
