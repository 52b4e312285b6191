package org.s3gd.model;

import java.util.List;

/**
 * Flatten: a C×H×W input becomes C·H·W flat units, in the same order (row-major, channel first),
 * so it moves no spike and no gradient; it says where an image ends and fully connected layers
 * begin, as in PyTorch and NIR. A fully connected layer reads an image input in the same order
 * without one.
 *
 * @param units the size the stack expects here, checked against the input; 0 checks nothing
 */
public record Flatten(int units) implements LayerSpec {
    public Flatten {
        if (units < 0) {
            throw new IllegalArgumentException("flatten layer: the expected size must be >= 0, got " + units);
        }
    }

    /** A flatten that takes any size. */
    public Flatten() {
        this(0);
    }

    @Override
    public String kind() {
        return "flatten";
    }

    @Override
    public Shape output(Shape input) {
        if (units != 0 && input.units() != units) {
            throw new IllegalArgumentException("its input " + input + " has " + input.units() + " units, not the " + units
                + " it expects");
        }
        return Shape.flat(input.units());
    }

    @Override
    public List<ParameterShape> parameters(Shape input) {
        return List.of();
    }
}
