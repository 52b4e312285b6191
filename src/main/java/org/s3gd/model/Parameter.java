package org.s3gd.model;

/**
 * A trainable weight matrix and its gradient, row-major {@code rows × cols}.
 *
 * <p>A hidden layer's weights are {@code W[i][j]} with i the input unit and j the neuron
 * (ALGORITHM.md §1); the readout's are {@code W_out[j][o]}.
 */
public final class Parameter {
    private final String name;
    private final int rows;
    private final int cols;
    private final float[] value;
    private final float[] gradient;

    public Parameter(String name, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(name + ": shape must be positive, got " + rows + "×" + cols);
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.value = new float[Math.multiplyExact(rows, cols)];
        this.gradient = new float[value.length];
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The weights, row-major; updated in place by the optimiser. */
    public float[] value() {
        return value;
    }

    /** ∂L/∂value of the last backward pass, row-major. */
    public float[] gradient() {
        return gradient;
    }

    public int size() {
        return value.length;
    }
}
