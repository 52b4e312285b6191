package org.s3gd.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One fused pass per step and vector of neurons: threshold and band test, decay, the weight rows
 * of this step's input spikes, and the reset, with the membrane loaded and stored once. Entries
 * come out in step order, neurons ascending, with no sort.
 */
final class SimdLifKernel implements LifKernel {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;

    SimdLifKernel() {
        Simd.requireWideVectors();
    }

    @Override
    public String name() {
        return Simd.name();
    }

    @Override
    public int integrate(LifWalk w) {
        int neurons = w.neurons();
        float theta = w.threshold();
        float beta = w.beta();
        float band = w.band();
        float[] v = w.membrane();
        float[] weights = w.weights();
        int[] inOffsets = w.inOffsets();
        int[] inUnits = w.inUnits();
        Arrays.fill(v, 0, neurons, 0f);
        int count = 0;
        for (int t = 0; t < w.steps(); t++) {
            int firstInput = inOffsets[t];
            int lastInput = inOffsets[t + 1];
            for (int c = 0; c < neurons; c += LANES) {
                VectorMask<Float> inRange = SPECIES.indexInRange(c, neurons);
                FloatVector vt = FloatVector.fromArray(SPECIES, v, c, inRange);
                // s[t] = H(v[t] − θ); active iff |v[t] − θ| < B_th
                VectorMask<Float> spike = vt.compare(VectorOperators.GT, theta, inRange);
                VectorMask<Float> active = vt.sub(theta).abs().compare(VectorOperators.LT, band, inRange);
                long bits = spike.or(active).toLong();
                if (bits != 0) {
                    count = record(w, t, c, bits, spike.toLong(), active.toLong(), count);
                }
                // v[t+1] = β·v[t] + Σ_{i: x_i[t]=1} W[i][·] − θ·s[t]
                FloatVector next = vt.mul(beta);
                for (int e = firstInput; e < lastInput; e++) {
                    next = next.add(FloatVector.fromArray(SPECIES, weights, inUnits[e] * neurons + c, inRange));
                }
                next.lanewise(VectorOperators.SUB, theta, spike).intoArray(v, c, inRange);
            }
        }
        return count;
    }

    private static int record(LifWalk w, int t, int c, long bits, long spikeBits, long activeBits, int count) {
        float[] v = w.membrane();
        while (bits != 0) {
            int lane = Long.numberOfTrailingZeros(bits);
            long bit = 1L << lane;
            byte kind = (byte) (((spikeBits & bit) != 0 ? LifWalk.SPIKE : 0) | ((activeBits & bit) != 0 ? LifWalk.ACTIVE : 0));
            w.entryStep()[count] = t;
            w.entryNeuron()[count] = c + lane;
            w.entryValue()[count] = v[c + lane];
            w.entryKind()[count] = kind;
            count++;
            bits &= bits - 1;
        }
        return count;
    }
}
