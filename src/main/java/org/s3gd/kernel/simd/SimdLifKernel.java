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
    private static final int BLOCK_LANES = 4 * LANES;

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

    // Neurons are taken four vectors at a time: four independent sums over the step's input rows
    // keep the adds from waiting on one another (one sum would stall on each add's latency), and
    // the four masks make one word for the recording. Per neuron the sum runs over the input spikes
    // in their order, as in the scalar kernel.
    private static int feedForward(LifWalk w) {
        int neurons = w.neurons();
        int stride = w.stride();
        float theta = w.threshold();
        FloatVector beta = FloatVector.broadcast(SPECIES, w.beta());
        float[] v = w.membrane();
        float[] weights = w.weights();
        int[] inOffsets = w.inOffsets();
        int[] inUnits = w.inUnits();
        float watchLevel = watchLevel(w);
        int blocked = BLOCK_LANES > 64 ? 0 : stride - stride % BLOCK_LANES;
        int count = 0;
        for (int t = 0; t < w.steps(); t++) {
            int firstInput = inOffsets[t];
            int lastInput = inOffsets[t + 1];
            int c = 0;
            for (; c < blocked; c += BLOCK_LANES) {
                FloatVector v0 = FloatVector.fromArray(SPECIES, v, c);
                FloatVector v1 = FloatVector.fromArray(SPECIES, v, c + LANES);
                FloatVector v2 = FloatVector.fromArray(SPECIES, v, c + 2 * LANES);
                FloatVector v3 = FloatVector.fromArray(SPECIES, v, c + 3 * LANES);
                // Almost every neuron is below both θ and the band's lower edge, so one comparison
                // against the lower of the two rules out a whole vector.
                long watched = (v0.compare(VectorOperators.GT, watchLevel).toLong()
                    | v1.compare(VectorOperators.GT, watchLevel).toLong() << LANES
                    | v2.compare(VectorOperators.GT, watchLevel).toLong() << 2 * LANES
                    | v3.compare(VectorOperators.GT, watchLevel).toLong() << 3 * LANES) & valid(neurons, c, BLOCK_LANES);
                if (watched != 0) {
                    count = record(w, t, c, watched, count);
                }
                FloatVector i0 = FloatVector.zero(SPECIES);
                FloatVector i1 = i0;
                FloatVector i2 = i0;
                FloatVector i3 = i0;
                for (int e = firstInput; e < lastInput; e++) {
                    int row = inUnits[e] * stride + c;
                    i0 = i0.add(FloatVector.fromArray(SPECIES, weights, row));
                    i1 = i1.add(FloatVector.fromArray(SPECIES, weights, row + LANES));
                    i2 = i2.add(FloatVector.fromArray(SPECIES, weights, row + 2 * LANES));
                    i3 = i3.add(FloatVector.fromArray(SPECIES, weights, row + 3 * LANES));
                }
                integrate(v0, i0, beta, theta).intoArray(v, c);
                integrate(v1, i1, beta, theta).intoArray(v, c + LANES);
                integrate(v2, i2, beta, theta).intoArray(v, c + 2 * LANES);
                integrate(v3, i3, beta, theta).intoArray(v, c + 3 * LANES);
            }
            for (; c < stride; c += LANES) {
                FloatVector vt = FloatVector.fromArray(SPECIES, v, c);
                long watched = vt.compare(VectorOperators.GT, watchLevel).toLong() & valid(neurons, c, LANES);
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
        FloatVector beta = FloatVector.broadcast(SPECIES, w.beta());
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
                    & valid(neurons, c, LANES);
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
    private static FloatVector integrate(FloatVector vt, FloatVector current, FloatVector beta, float theta) {
        VectorMask<Float> spike = vt.compare(VectorOperators.GT, theta);
        return vt.fma(beta, current).lanewise(VectorOperators.SUB, theta, spike);
    }

    // The lower of θ and the band's lower edge: a lane at or below it neither spikes nor is active.
    private static float watchLevel(LifWalk w) {
        return Math.min(w.threshold(), w.threshold() - w.band());
    }

    // Rows are padded to whole vectors; lanes past N among the `width` from c are never reported.
    private static long valid(int neurons, int c, int width) {
        int left = neurons - c;
        return left >= width ? (width == 64 ? -1L : (1L << width) - 1) : left <= 0 ? 0 : (1L << left) - 1;
    }

    // Records the watched lanes that spike or are active (LifWalk.kind), neurons ascending from c.
    // Every watched lane is written and the count moves on only for an entry: no branch on the
    // kind, which no predictor guesses.
    private static int record(LifWalk w, int t, int c, long watched, int count) {
        float[] v = w.membrane();
        int[] step = w.entryStep();
        int[] neuron = w.entryNeuron();
        float[] value = w.entryValue();
        byte[] kind = w.entryKind();
        float theta = w.threshold();
        float band = w.band();
        int n = count;
        for (long bits = watched; bits != 0; bits &= bits - 1) {
            int j = c + Long.numberOfTrailingZeros(bits);
            float vj = v[j];
            byte k = LifWalk.kind(vj, theta, band);
            step[n] = t;
            neuron[n] = j;
            value[n] = vj;
            kind[n] = k;
            n += k != 0 ? 1 : 0;
        }
        return n;
    }
}
