package org.s3gd.model;

import java.util.List;

/**
 * The non-spiking readout (ALGORITHM.md §1): leaky integrators with decay β_r, input scaled by
 * {@code (1−β_r)}, whose trace becomes a logit by its maximum or its sum over time.
 *
 * @param outputs number of classes
 * @param beta    β_r, in (0, 1)
 * @param mode    max or sum over time
 */
public record Readout(int outputs, float beta, ReadoutMode mode) implements LayerSpec {
    public Readout {
        LayerChecks.positive("readout", outputs);
        if (!(beta > 0f && beta < 1f)) {
            throw new IllegalArgumentException("readout beta must be in (0, 1), got " + beta);
        }
        LayerChecks.present("readout", mode);
    }

    @Override
    public String kind() {
        return "readout";
    }

    @Override
    public Shape output(Shape input) {
        return Shape.flat(outputs);
    }

    @Override
    public List<ParameterShape> parameters(Shape input) {
        return List.of(ParameterShape.readout(input.units(), outputs));
    }
}
