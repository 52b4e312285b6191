package org.s3gd.nir;

import java.util.Arrays;

/**
 * A numeric field of a NIR node: its shape and values, row-major. Values are held as doubles,
 * which keeps float32 weights exact; {@link #float32()} says how the file stores them.
 *
 * @param shape   the dimensions (empty for a scalar)
 * @param values  the values, row-major
 * @param float32 whether the file stores them as 32-bit floats (else 64-bit floats, or integers for shapes)
 * @param integer whether they are integers (a node's {@code shape})
 */
public record NirArray(int[] shape, double[] values, boolean float32, boolean integer) {
    public NirArray {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size + " values, got " + values.length);
        }
    }

    /** A vector of 32-bit floats. */
    public static NirArray of(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new NirArray(new int[] {values.length}, d, true, false);
    }

    /** A vector of 64-bit floats. */
    public static NirArray of(double[] values) {
        return new NirArray(new int[] {values.length}, values.clone(), false, false);
    }

    /** A {@code rows × cols} matrix of 32-bit floats from row-major values. */
    public static NirArray matrix(int rows, int cols, float[] rowMajor) {
        double[] d = new double[rowMajor.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = rowMajor[i];
        }
        return new NirArray(new int[] {rows, cols}, d, true, false);
    }

    /** A tensor of 32-bit floats of any shape from row-major values (a convolution's weight). */
    public static NirArray tensor(int[] shape, float[] rowMajor) {
        double[] d = new double[rowMajor.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = rowMajor[i];
        }
        return new NirArray(shape.clone(), d, true, false);
    }

    /** A tensor of 64-bit floats of any shape, every value {@code value} (a LIF node's constants over a feature map). */
    public static NirArray filled(int[] shape, double value) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] d = new double[size];
        Arrays.fill(d, value);
        return new NirArray(shape.clone(), d, false, false);
    }

    /** A whole number, stored as a scalar (a convolution's {@code groups}, a flatten's dimensions). */
    public static NirArray integer(int value) {
        return new NirArray(new int[0], new double[] {value}, false, true);
    }

    /** A shape, as NIR's Input and Output nodes store it. */
    public static NirArray shape(int... dims) {
        return new NirArray(new int[] {dims.length}, Arrays.stream(dims).asDoubleStream().toArray(), false, true);
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    /** {@code [2, 3]} */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    /** The values for a message: {@code 2} for a scalar, {@code [1, 2]} for a vector, whole numbers without a fraction. */
    public String valuesText() {
        String[] cells = new String[values.length];
        for (int i = 0; i < cells.length; i++) {
            double v = values[i];
            cells[i] = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return rank() == 0 ? cells[0] : "[" + String.join(", ", cells) + "]";
    }

    /** The values as 32-bit floats (exact when the file stores them so). */
    public float[] floats() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
