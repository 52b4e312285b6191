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
        int stride = w.stride();
        float theta = w.threshold();
        float beta = w.beta();
        float band = w.band();
        float[] v = w.membrane();
        float[] weights = w.weights();
        int[] inOffsets = w.inOffsets();
        int[] inUnits = w.inUnits();
        Arrays.fill(v, 0, stride, 0f);
        float watchLevel = Math.min(theta, theta - band);
        int count = 0;
        for (int t = 0; t < w.steps(); t++) {
            int firstInput = inOffsets[t];
            int lastInput = inOffsets[t + 1];
            for (int c = 0; c < stride; c += LANES) {
                // Rows are padded to whole vectors; lanes past N are never reported.
                long valid = neurons - c >= LANES ? -1L : (1L << (neurons - c)) - 1;
                FloatVector vt = FloatVector.fromArray(SPECIES, v, c);
                // s[t] = H(v[t] − θ). Almost every neuron is below both θ and the band's lower edge,
                // so one comparison against the lower of the two rules out a whole vector.
                VectorMask<Float> spike = vt.compare(VectorOperators.GT, theta);
                long watched = vt.compare(VectorOperators.GT, watchLevel).toLong() & valid;
                if (watched != 0) {
                    count = record(w, t, c, watched, count);
                }
                // v[t+1] = β·v[t] + Σ_{i: x_i[t]=1} W[i][·] − θ·s[t]
                FloatVector next = vt.mul(beta);
                for (int e = firstInput; e < lastInput; e++) {
                    next = next.add(FloatVector.fromArray(SPECIES, weights, inUnits[e] * stride + c));
                }
                next.lanewise(VectorOperators.SUB, theta, spike).intoArray(v, c);
            }
        }
        return count;
    }

    // Classifies the watched lanes: spiking (v > θ) and/or active (|v − θ| < B_th).
    private static int record(LifWalk w, int t, int c, long watched, int count) {
        float[] v = w.membrane();
        float theta = w.threshold();
        float band = w.band();
        long bits = watched;
        while (bits != 0) {
            int j = c + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            float vj = v[j];
            byte kind = (byte) ((vj > theta ? LifWalk.SPIKE : 0) | (Math.abs(vj - theta) < band ? LifWalk.ACTIVE : 0));
            if (kind != 0) {
                w.entryStep()[count] = t;
                w.entryNeuron()[count] = j;
                w.entryValue()[count] = vj;
                w.entryKind()[count] = kind;
                count++;
            }
        }
        return count;
    }
}
