package org.s3gd.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.s3gd.model.Surrogate;

/**
 * The vector twins of {@link Surrogate}: the same expressions lane by lane, tested to give the
 * same bits.
 */
final class VectorSurrogate {
    private VectorSurrogate() {
    }

    /** {@link Surrogate#derivative}: {@code 1 / (scale·|v − θ| + 1)²}. */
    static FloatVector derivative(FloatVector v, float threshold, float scale) {
        FloatVector d = v.sub(threshold).abs().mul(scale).add(1f);
        return FloatVector.broadcast(v.species(), 1f).div(d.mul(d));
    }

    /** {@link Surrogate#isActive}: {@code |v − θ| < B_th}. */
    static VectorMask<Float> active(FloatVector v, float threshold, float band) {
        return v.sub(threshold).abs().compare(VectorOperators.LT, band);
    }
}
