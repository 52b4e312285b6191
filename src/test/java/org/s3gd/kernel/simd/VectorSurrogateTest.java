package org.s3gd.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.s3gd.model.Surrogate;

/** The vector surrogate and band test are Surrogate's, lane by lane, bit for bit. */
class VectorSurrogateTest {
    @Test
    void vectorTwinsGiveTheScalarSurrogateAndBandAtAnyScale() {
        SplittableRandom random = new SplittableRandom(4);
        float[] v = new float[Simd.LANES * 64];
        for (int k = 0; k < v.length; k++) {
            v[k] = k % 9 == 0 ? 1f : (float) random.nextDouble(-0.5, 2.5);
        }
        v[1] = 0.8f;
        v[2] = 1.2f;
        for (int c = 0; c < v.length; c += Simd.LANES) {
            FloatVector lanes = FloatVector.fromArray(Simd.SPECIES, v, c);
            float[] derivative = VectorSurrogate.derivative(lanes, 1f, Surrogate.DEFAULT_SCALE).toArray();
            float[] gentle = VectorSurrogate.derivative(lanes, 1f, 3.25f).toArray();
            long active = VectorSurrogate.active(lanes, 1f, 0.2f).toLong();
            for (int l = 0; l < Simd.LANES; l++) {
                assertThat(derivative[l]).isEqualTo(Surrogate.derivative(v[c + l], 1f));
                assertThat(gentle[l]).isEqualTo(Surrogate.derivative(v[c + l], 1f, 3.25f));
                assertThat((active >>> l & 1) == 1).as("v = %s", v[c + l]).isEqualTo(Surrogate.isActive(v[c + l], 1f, 0.2f));
            }
        }
    }
}
