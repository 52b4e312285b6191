package org.s3gd.kernel.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.s3gd.kernel.LifKernel;
import org.s3gd.kernel.LifWalk;

/**
 * One pass per step and vector of neurons: threshold and band test, the current of this step's
 * input spikes, and {@code v[t+1] = β·v[t] + I[t] − θ·s[t]} as {@link org.s3gd.model.LifStep}
 * computes it (fused multiply–add, then the reset), with the membrane loaded and stored once.
 * A recurrent layer needs the whole step's spikes before its current is known, so it runs two
 * passes per step: threshold first, then the currents with the recurrent rows. Entries come out in
 * step order, neurons ascending, with no sort; the results equal the scalar kernel's bit for bit.
 */
public final class SimdLifKernel implements LifKernel {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;

    public SimdLifKernel() {
        Simd.requireWideVectors();
    }

    @Override
    public String name() {
        return Simd.name();
    }

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public int integrate(LifWalk w) {
        Arrays.fill(w.membrane(), 0, w.stride(), 0f);
        return w.recurrent() == null ? feedForward(w) : recurrent(w);
    }

    private static int feedForward(LifWalk w) {
        int neurons = w.neurons();
        int stride = w.stride();
        float theta = w.threshold();
        float beta = w.beta();
        float[] v = w.membrane();
        float[] weights = w.weights();
        int[] inOffsets = w.inOffsets();
        int[] inUnits = w.inUnits();
        float watchLevel = watchLevel(w);
        int count = 0;
        for (int t = 0; t < w.steps(); t++) {
            int firstInput = inOffsets[t];
            int lastInput = inOffsets[t + 1];
            for (int c = 0; c < stride; c += LANES) {
                FloatVector vt = FloatVector.fromArray(SPECIES, v, c);
                // Almost every neuron is below both θ and the band's lower edge, so one comparison
                // against the lower of the two rules out a whole vector.
                long watched = vt.compare(VectorOperators.GT, watchLevel).toLong() & valid(neurons, c);
                if (watched != 0) {
                    count = record(w, t, c, watched, count);
                }
                FloatVector current = FloatVector.zero(SPECIES);
                for (int e = firstInput; e < lastInput; e++) {
                    current = current.add(FloatVector.fromArray(SPECIES, weights, inUnits[e] * stride + c));
                }
                integrate(vt, current, beta, theta).intoArray(v, c);
            }
        }
        return count;
    }

    private static int recurrent(LifWalk w) {
        int neurons = w.neurons();
        int stride = w.stride();
        float theta = w.threshold();
        float beta = w.beta();
        float[] v = w.membrane();
        float[] weights = w.weights();
        float[] rows = w.recurrent();
        int[] inOffsets = w.inOffsets();
        int[] inUnits = w.inUnits();
        float watchLevel = watchLevel(w);
        int count = 0;
        for (int t = 0; t < w.steps(); t++) {
            int stepStart = count;
            for (int c = 0; c < stride; c += LANES) {
                long watched = FloatVector.fromArray(SPECIES, v, c).compare(VectorOperators.GT, watchLevel).toLong()
                    & valid(neurons, c);
                if (watched != 0) {
                    count = record(w, t, c, watched, count);
                }
            }
            for (int c = 0; c < stride; c += LANES) {
                FloatVector current = FloatVector.zero(SPECIES);
                for (int e = inOffsets[t]; e < inOffsets[t + 1]; e++) {
                    current = current.add(FloatVector.fromArray(SPECIES, weights, inUnits[e] * stride + c));
                }
                for (int e = stepStart; e < count; e++) {
                    if ((w.entryKind()[e] & LifWalk.SPIKE) != 0) {
                        current = current.add(FloatVector.fromArray(SPECIES, rows, w.entryNeuron()[e] * stride + c));
                    }
                }
                integrate(FloatVector.fromArray(SPECIES, v, c), current, beta, theta).intoArray(v, c);
            }
        }
        return count;
    }

    // v[t+1] = β·v[t] + I[t] − θ·s[t], as LifStep.next: one fused multiply–add, then the reset.
    private static FloatVector integrate(FloatVector vt, FloatVector current, float beta, float theta) {
        VectorMask<Float> spike = vt.compare(VectorOperators.GT, theta);
        return vt.fma(FloatVector.broadcast(SPECIES, beta), current).lanewise(VectorOperators.SUB, theta, spike);
    }

    // The lower of θ and the band's lower edge: a lane at or below it neither spikes nor is active.
    private static float watchLevel(LifWalk w) {
        return Math.min(w.threshold(), w.threshold() - w.band());
    }

    // Rows are padded to whole vectors; lanes past N are never reported.
    private static long valid(int neurons, int c) {
        return neurons - c >= LANES ? -1L : (1L << (neurons - c)) - 1;
    }

    // Classifies the watched lanes (LifWalk.kind) and records those that spike or are active.
    private static int record(LifWalk w, int t, int c, long watched, int count) {
        float[] v = w.membrane();
        long bits = watched;
        while (bits != 0) {
            int j = c + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            byte kind = LifWalk.kind(v[j], w.threshold(), w.band());
            if (kind != 0) {
                w.entryStep()[count] = t;
                w.entryNeuron()[count] = j;
                w.entryValue()[count] = v[j];
                w.entryKind()[count] = kind;
                count++;
            }
        }
        return count;
    }
}
