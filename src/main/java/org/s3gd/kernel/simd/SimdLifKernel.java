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
    // in their order, as in the scalar kernel. The blocks and the tail of a step are two methods:
    // in one, C2 reaches its inlining budget on 512-bit vectors and leaves some vector operations
    // as calls, which then put every vector on the heap; and no vector lives across the call to
    // record, for the same reason.
    private static int feedForward(LifWalk w) {
        int blocked = BLOCK_LANES > 64 ? 0 : w.stride() - w.stride() % BLOCK_LANES;
        int count = 0;
        for (int t = 0; t < w.steps(); t++) {
            count = blocks(w, t, blocked, count);
            count = tail(w, t, blocked, count);
        }
        return count;
    }

    // Neurons [0, blocked) of step t, four vectors at a time.
    private static int blocks(LifWalk w, int t, int blocked, int count) {
        int neurons = w.neurons();
        int stride = w.stride();
        float theta = w.threshold();
        float beta = w.beta();
        float[] v = w.membrane();
        float[] weights = w.weights();
        int[] inUnits = w.inUnits();
        int firstInput = w.inOffsets()[t];
        int lastInput = w.inOffsets()[t + 1];
        float watchLevel = watchLevel(w);
        int n = count;
        for (int c = 0; c < blocked; c += BLOCK_LANES) {
            // Almost every neuron is below both θ and the band's lower edge, so one comparison
            // against the lower of the two rules out a whole vector.
            long watched = (watched(v, c, watchLevel) | watched(v, c + LANES, watchLevel) << LANES
                | watched(v, c + 2 * LANES, watchLevel) << 2 * LANES
                | watched(v, c + 3 * LANES, watchLevel) << 3 * LANES) & valid(neurons, c, BLOCK_LANES);
            if (watched != 0) {
                n = record(w, t, c, watched, n);
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
            integrate(v, c, i0, beta, theta);
            integrate(v, c + LANES, i1, beta, theta);
            integrate(v, c + 2 * LANES, i2, beta, theta);
            integrate(v, c + 3 * LANES, i3, beta, theta);
        }
        return n;
    }

    // Neurons [from, stride) of step t, one vector at a time.
    private static int tail(LifWalk w, int t, int from, int count) {
        int neurons = w.neurons();
        int stride = w.stride();
        float[] v = w.membrane();
        float[] weights = w.weights();
        int[] inUnits = w.inUnits();
        int firstInput = w.inOffsets()[t];
        int lastInput = w.inOffsets()[t + 1];
        float watchLevel = watchLevel(w);
        int n = count;
        for (int c = from; c < stride; c += LANES) {
            long watched = watched(v, c, watchLevel) & valid(neurons, c, LANES);
            if (watched != 0) {
                n = record(w, t, c, watched, n);
            }
            FloatVector current = FloatVector.zero(SPECIES);
            for (int e = firstInput; e < lastInput; e++) {
                current = current.add(FloatVector.fromArray(SPECIES, weights, inUnits[e] * stride + c));
            }
            integrate(v, c, current, w.beta(), w.threshold());
        }
        return n;
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
                long watched = watched(v, c, watchLevel) & valid(neurons, c, LANES);
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
                integrate(v, c, current, beta, theta);
            }
        }
        return count;
    }

    // v[t+1] = β·v[t] + I[t] − θ·s[t] for the vector of neurons at c, as LifStep.next: one fused
    // multiply–add, then the reset.
    private static void integrate(float[] v, int c, FloatVector current, float beta, float theta) {
        FloatVector vt = FloatVector.fromArray(SPECIES, v, c);
        VectorMask<Float> spike = vt.compare(VectorOperators.GT, theta);
        vt.fma(FloatVector.broadcast(SPECIES, beta), current).lanewise(VectorOperators.SUB, theta, spike).intoArray(v, c);
    }

    // One bit per lane of the vector at v[c] above the watch level.
    private static long watched(float[] v, int c, float watchLevel) {
        return FloatVector.fromArray(SPECIES, v, c).compare(VectorOperators.GT, watchLevel).toLong();
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
