package org.s3gd.train;

import org.s3gd.model.Parameter;

/**
 * A saved weight matrix with its Adam moments, row-major {@code rows × cols}.
 *
 * @param name         the parameter's name ({@code W1}, …, {@code Wout})
 * @param value        the weights
 * @param firstMoment  Adam's m
 * @param secondMoment Adam's v
 */
public record ParameterState(String name, int rows, int cols, float[] value, float[] firstMoment, float[] secondMoment) {
    public ParameterState {
        int size = Math.multiplyExact(rows, cols);
        if (value.length != size || firstMoment.length != size || secondMoment.length != size) {
            throw new IllegalArgumentException(name + ": " + rows + "×" + cols + " needs " + size + " values, got "
                + value.length + ", " + firstMoment.length + ", " + secondMoment.length);
        }
    }

    /** A copy of {@code parameter} and its moments. */
    public static ParameterState copyOf(Parameter parameter, float[] firstMoment, float[] secondMoment) {
        return new ParameterState(parameter.name(), parameter.rows(), parameter.cols(), parameter.value().clone(),
            firstMoment.clone(), secondMoment.clone());
    }

    /** Whether {@code parameter} has this name and shape. */
    public boolean fits(Parameter parameter) {
        return parameter.name().equals(name) && parameter.rows() == rows && parameter.cols() == cols;
    }
}
