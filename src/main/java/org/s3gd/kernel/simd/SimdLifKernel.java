package org.s3gd.kernel.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.s3gd.kernel.LifKernel;
import org.s3gd.kernel.LifWalk;
import org.s3gd.kernel.ScalarLifKernel;
import org.s3gd.model.LifStep;

/**
 * One pass per step and vector of neurons: threshold and band test, the current of this step's
 * input spikes, and {@code v[t+1] = β·v[t] + I[t] − θ·s[t]} as {@link org.s3gd.model.LifStep}
 * computes it (fused multiply–add, then the reset), with the membrane loaded and stored once.
 * A recurrent layer needs the whole step's spikes before its current is known, so it runs two
 * passes per step: threshold first, then the currents with the recurrent rows. Entries come out in
 * step order, neurons ascending, with no sort; the results equal the scalar kernel's bit for bit.
 *
 * <p>A walk's state between calls is its cursor: the number of spikes listed in the high 32 bits,
 * of active entries in the low 32, one long so that no object carries it.
 */
public final class SimdLifKernel implements LifKernel {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;
    private static final int BLOCK_LANES = 4 * LANES;
    private static final long LANE_BITS = LANES == 64 ? -1L : (1L << LANES) - 1;
    private static final VectorSpecies<Integer> INTS = SPECIES.withLanes(int.class);
    private static final IntVector LANE_INDEX = IntVector.zero(INTS).addIndex(1);

    /**
     * Whether lanes are listed by compressing them (AVX-512's {@code vpcompressd}, which C2 emits
     * for {@code compress} only there; elsewhere the call runs as plain Java, many times slower).
     * A 512-bit preferred shape implies AVX-512; below it the set bits are walked one by one.
     */
    static final boolean COMPRESS_BY_DEFAULT = SPECIES.vectorBitSize() >= 512;

    private final boolean compress;

    public SimdLifKernel() {
        this(COMPRESS_BY_DEFAULT);
    }

    /** With {@code compress} false, the set bits are walked one by one whatever the machine (tests compare both). */
    SimdLifKernel(boolean compress) {
        Simd.requireWideVectors();
        this.compress = compress;
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
    public void integrate(LifWalk w) {
        Arrays.fill(w.membrane(), 0, w.stride(), 0f);
        w.spikeOffsets()[0] = 0;
        if (w.keepsActiveSet()) {
            w.activeOffsets()[0] = 0;
        }
        if (w.recurrent() == null) {
            feedForward(w);
        } else {
            recurrent(w);
        }
    }

    /**
     * One load and one store of the membrane and the current per vector: the level test finds the
     * rare listed neurons, the update is LifStep.next's.
     */
    @Override
    public int step(float[] v, float[] current, int n, float beta, float threshold, float level, int[] counts, int[] found,
                    float[] values) {
        int count = 0;
        int j = 0;
        FloatVector betas = FloatVector.broadcast(SPECIES, beta);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int upper = SPECIES.loopBound(n); j < upper; j += LANES) {
            FloatVector vt = FloatVector.fromArray(SPECIES, v, j);
            FloatVector in = FloatVector.fromArray(SPECIES, current, j);
            zero.intoArray(current, j);
            VectorMask<Float> above = vt.compare(VectorOperators.GT, level);
            if (compress && above.anyTrue()) {
                // The listed lanes compressed to the lists' end (a store of a whole vector, which
                // stays below j + LANES ≤ n), the spiking ones counted.
                LANE_INDEX.add(j).compress(above.cast(INTS)).intoArray(found, count);
                vt.compress(above).intoArray(values, count);
                count += above.trueCount();
                IntVector.fromArray(INTS, counts, j).add(1, vt.compare(VectorOperators.GT, threshold).cast(INTS))
                    .intoArray(counts, j);
            } else if (!compress) {
                for (long bits = above.toLong(); bits != 0; bits &= bits - 1) {
                    int k = j + Long.numberOfTrailingZeros(bits);
                    found[count] = k;
                    values[count++] = v[k];
                    counts[k] += LifStep.spikes(v[k], threshold) ? 1 : 0;
                }
            }
            vt.fma(betas, in).lanewise(VectorOperators.SUB, threshold, vt.compare(VectorOperators.GT, threshold))
                .intoArray(v, j);
        }
        return ScalarLifKernel.stepRange(v, current, j, n, beta, threshold, level, counts, found, values, count);
    }

    // Neurons are taken four vectors at a time: four independent sums over the step's input rows
    // keep the adds from waiting on one another (one sum would stall on each add's latency), and
    // the four masks make one word for the recording. Per neuron the sum runs over the input spikes
    // in their order, as in the scalar kernel. The blocks and the tail of a step are two methods:
    // in one, C2 reaches its inlining budget on 512-bit vectors and leaves some vector operations
    // as calls, which then put every vector on the heap. For the same reason no vector is passed to
    // or kept across a call (record, a helper for the update): where C2 does not inline the callee,
    // as happens once other kernels share the call sites, the vector goes to the heap every step.
    // So v[t+1] = β·v[t] + I[t] − θ·s[t] (LifStep.next: one fused multiply–add, then the reset) is
    // written out where it is used.
    private void feedForward(LifWalk w) {
        int blocked = BLOCK_LANES > 64 ? 0 : w.stride() - w.stride() % BLOCK_LANES;
        long cursor = 0;
        for (int t = 0; t < w.steps(); t++) {
            cursor = blocks(w, t, blocked, cursor);
            cursor = tail(w, t, blocked, cursor);
            endStep(w, t, cursor);
        }
    }

    // Neurons [0, blocked) of step t, four vectors at a time.
    private long blocks(LifWalk w, int t, int blocked, long cursor) {
        int neurons = w.neurons();
        int stride = w.stride();
        float theta = w.threshold();
        FloatVector betas = FloatVector.broadcast(SPECIES, w.beta());
        float[] v = w.membrane();
        float[] weights = w.weights();
        int[] inUnits = w.inUnits();
        int firstInput = w.inOffsets()[t];
        int lastInput = w.inOffsets()[t + 1];
        float watchLevel = w.watchLevel();
        long n = cursor;
        for (int c = 0; c < blocked; c += BLOCK_LANES) {
            // Almost every neuron is below both θ and the band's lower edge, so one comparison
            // against the lower of the two rules out a whole vector.
            long watched = (watched(v, c, watchLevel) | watched(v, c + LANES, watchLevel) << LANES
                | watched(v, c + 2 * LANES, watchLevel) << 2 * LANES
                | watched(v, c + 3 * LANES, watchLevel) << 3 * LANES) & valid(neurons, c, BLOCK_LANES);
            if (watched != 0) {
                n = record(w, c, watched, n);
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
            FloatVector v0 = FloatVector.fromArray(SPECIES, v, c);
            FloatVector v1 = FloatVector.fromArray(SPECIES, v, c + LANES);
            FloatVector v2 = FloatVector.fromArray(SPECIES, v, c + 2 * LANES);
            FloatVector v3 = FloatVector.fromArray(SPECIES, v, c + 3 * LANES);
            v0.fma(betas, i0).lanewise(VectorOperators.SUB, theta, v0.compare(VectorOperators.GT, theta)).intoArray(v, c);
            v1.fma(betas, i1).lanewise(VectorOperators.SUB, theta, v1.compare(VectorOperators.GT, theta))
                .intoArray(v, c + LANES);
            v2.fma(betas, i2).lanewise(VectorOperators.SUB, theta, v2.compare(VectorOperators.GT, theta))
                .intoArray(v, c + 2 * LANES);
            v3.fma(betas, i3).lanewise(VectorOperators.SUB, theta, v3.compare(VectorOperators.GT, theta))
                .intoArray(v, c + 3 * LANES);
        }
        return n;
    }

    // Neurons [from, stride) of step t, one vector at a time.
    private long tail(LifWalk w, int t, int from, long cursor) {
        float theta = w.threshold();
        FloatVector betas = FloatVector.broadcast(SPECIES, w.beta());
        int neurons = w.neurons();
        int stride = w.stride();
        float[] v = w.membrane();
        float[] weights = w.weights();
        int[] inUnits = w.inUnits();
        int firstInput = w.inOffsets()[t];
        int lastInput = w.inOffsets()[t + 1];
        float watchLevel = w.watchLevel();
        long n = cursor;
        for (int c = from; c < stride; c += LANES) {
            long watched = watched(v, c, watchLevel) & valid(neurons, c, LANES);
            if (watched != 0) {
                n = record(w, c, watched, n);
            }
            FloatVector current = FloatVector.zero(SPECIES);
            for (int e = firstInput; e < lastInput; e++) {
                current = current.add(FloatVector.fromArray(SPECIES, weights, inUnits[e] * stride + c));
            }
            FloatVector vt = FloatVector.fromArray(SPECIES, v, c);
            vt.fma(betas, current).lanewise(VectorOperators.SUB, theta, vt.compare(VectorOperators.GT, theta)).intoArray(v, c);
        }
        return n;
    }

    private void recurrent(LifWalk w) {
        int neurons = w.neurons();
        int stride = w.stride();
        float theta = w.threshold();
        FloatVector betas = FloatVector.broadcast(SPECIES, w.beta());
        float[] v = w.membrane();
        float[] weights = w.weights();
        float[] rows = w.recurrent();
        int[] inOffsets = w.inOffsets();
        int[] inUnits = w.inUnits();
        int[] spikeUnits = w.spikeUnits();
        float watchLevel = w.watchLevel();
        long cursor = 0;
        for (int t = 0; t < w.steps(); t++) {
            int stepStart = spikesOf(cursor);
            for (int c = 0; c < stride; c += LANES) {
                long watched = watched(v, c, watchLevel) & valid(neurons, c, LANES);
                if (watched != 0) {
                    cursor = record(w, c, watched, cursor);
                }
            }
            endStep(w, t, cursor);
            int stepEnd = spikesOf(cursor);
            for (int c = 0; c < stride; c += LANES) {
                FloatVector current = FloatVector.zero(SPECIES);
                for (int e = inOffsets[t]; e < inOffsets[t + 1]; e++) {
                    current = current.add(FloatVector.fromArray(SPECIES, weights, inUnits[e] * stride + c));
                }
                for (int e = stepStart; e < stepEnd; e++) {
                    current = current.add(FloatVector.fromArray(SPECIES, rows, spikeUnits[e] * stride + c));
                }
                FloatVector vt = FloatVector.fromArray(SPECIES, v, c);
                vt.fma(betas, current).lanewise(VectorOperators.SUB, theta, vt.compare(VectorOperators.GT, theta))
                    .intoArray(v, c);
            }
        }
    }

    private static int spikesOf(long cursor) {
        return (int) (cursor >>> 32);
    }

    private static int activeOf(long cursor) {
        return (int) cursor;
    }

    private static void endStep(LifWalk w, int t, long cursor) {
        w.spikeOffsets()[t + 1] = spikesOf(cursor);
        if (w.keepsActiveSet()) {
            w.activeOffsets()[t + 1] = activeOf(cursor);
        }
    }

    // One bit per lane of the vector at v[c] above the watch level.
    private static long watched(float[] v, int c, float watchLevel) {
        return FloatVector.fromArray(SPECIES, v, c).compare(VectorOperators.GT, watchLevel).toLong();
    }

    // Rows are padded to whole vectors; lanes past N among the `width` from c are never reported.
    private static long valid(int neurons, int c, int width) {
        int left = neurons - c;
        return left >= width ? (width == 64 ? -1L : (1L << width) - 1) : left <= 0 ? 0 : (1L << left) - 1;
    }

    // Lists the watched lanes that spike or are active, neurons ascending from c: per vector with a
    // watched lane, the spike and band tests as two masks, and each list takes its lanes compressed
    // to its end with one store (up to a vector past it; the lists have room). No branch on a
    // lane's kind, which no predictor guesses, and no loop over the lanes.
    // Lists the watched lanes that spike or are active, neurons ascending from c: per vector with a
    // watched lane, the spike and band tests as two masks, and each list takes its lanes compressed
    // to its end with one store (up to a vector past it; the lists have room). No branch on a
    // lane's kind, which no predictor guesses, and no loop over the lanes.
    private long record(LifWalk w, int c, long watched, long cursor) {
        return compress ? compressed(w, c, watched, cursor) : bitByBit(w, c, watched, cursor);
    }

    private static long compressed(LifWalk w, int c, long watched, long cursor) {
        float[] v = w.membrane();
        float theta = w.threshold();
        float band = w.band();
        boolean keepActive = w.keepsActiveSet();
        int spikes = spikesOf(cursor);
        int active = activeOf(cursor);
        for (long left = watched; left != 0; ) {
            int first = Long.numberOfTrailingZeros(left) & -LANES;
            int at = c + first;
            VectorMask<Float> lanes = VectorMask.fromLong(SPECIES, left >>> first & LANE_BITS);
            left &= ~(LANE_BITS << first);
            FloatVector vt = FloatVector.fromArray(SPECIES, v, at);
            IntVector units = LANE_INDEX.add(at);
            VectorMask<Float> spiking = vt.compare(VectorOperators.GT, theta).and(lanes);
            units.compress(spiking.cast(INTS)).intoArray(w.spikeUnits(), spikes);
            spikes += spiking.trueCount();
            if (keepActive) {
                VectorMask<Float> inBand = vt.sub(theta).abs().compare(VectorOperators.LT, band).and(lanes);
                units.compress(inBand.cast(INTS)).intoArray(w.activeUnits(), active);
                vt.compress(inBand).intoArray(w.activeValues(), active);
                active += inBand.trueCount();
            }
        }
        return (long) spikes << 32 | active;
    }

    // The same lists without compress: per vector with a watched lane, one entry per set bit of
    // either mask, written to both lists, each moving on only if the entry belongs there.
    private static long bitByBit(LifWalk w, int c, long watched, long cursor) {
        float[] v = w.membrane();
        float theta = w.threshold();
        float band = w.band();
        boolean keepActive = w.keepsActiveSet();
        int[] spikeUnits = w.spikeUnits();
        int[] activeUnits = w.activeUnits();
        float[] activeValues = w.activeValues();
        int spikes = spikesOf(cursor);
        int active = activeOf(cursor);
        for (long left = watched; left != 0; ) {
            int first = Long.numberOfTrailingZeros(left) & -LANES;
            int at = c + first;
            long lanes = left >>> first & LANE_BITS;
            left &= ~(LANE_BITS << first);
            FloatVector vt = FloatVector.fromArray(SPECIES, v, at);
            long spiking = vt.compare(VectorOperators.GT, theta).toLong() & lanes;
            long inBand = keepActive ? vt.sub(theta).abs().compare(VectorOperators.LT, band).toLong() & lanes : 0L;
            for (long bits = spiking | inBand; bits != 0; bits &= bits - 1) {
                int i = Long.numberOfTrailingZeros(bits);
                spikeUnits[spikes] = at + i;
                spikes += (int) (spiking >>> i) & 1;
                if (keepActive) {
                    activeUnits[active] = at + i;
                    activeValues[active] = v[at + i];
                    active += (int) (inBand >>> i) & 1;
                }
            }
        }
        return (long) spikes << 32 | active;
    }
}
