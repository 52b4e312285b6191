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
    /** Neurons whose vectors one 64-bit word of "vectors to list" covers. */
    private static final int WORD_NEURONS = 64 * LANES;
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
            if (!compress) {
                for (long bits = above.toLong(); bits != 0; bits &= bits - 1) {
                    int k = j + Long.numberOfTrailingZeros(bits);
                    found[count] = k;
                    values[count++] = v[k];
                    counts[k] += LifStep.spikes(v[k], threshold) ? 1 : 0;
                }
            } else if (above.anyTrue()) {
                // The listed lanes compressed to the lists' end (a store of a whole vector, which
                // stays below j + LANES ≤ n), the spiking ones counted.
                LANE_INDEX.add(j).compress(above.cast(INTS)).intoArray(found, count);
                vt.compress(above).intoArray(values, count);
                count += above.trueCount();
                IntVector.fromArray(INTS, counts, j).add(1, vt.compare(VectorOperators.GT, threshold).cast(INTS))
                    .intoArray(counts, j);
            }
            vt.fma(betas, in).lanewise(VectorOperators.SUB, threshold, vt.compare(VectorOperators.GT, threshold))
                .intoArray(v, j);
        }
        return ScalarLifKernel.stepRange(v, current, j, n, beta, threshold, level, counts, found, values, count);
    }

    // Neurons are taken four vectors at a time: four independent sums over the step's input rows
    // keep the adds from waiting on one another (one sum would stall on each add's latency). Per
    // neuron the sum runs over the input spikes in their order, as in the scalar kernel. The
    // membrane is kept twice, v[t] in one half of the workspace and v[t+1] written to the other, so
    // a step's entries are listed after its update, from v[t]: the update pass only notes which
    // vectors hold a lane above the watch level (a bit each, no branch), and the listing visits
    // those alone, in one loop per step (per 64 vectors) whose length no predictor knows, where a
    // test per block cost a misprediction about every other block. The blocks and the tail of a
    // step are two methods: in one, C2 reaches its inlining budget on 512-bit vectors and leaves
    // some vector operations as calls, which then put every vector on the heap. For the same reason
    // no vector is passed to or kept across a call: where C2 does not inline the callee, as happens
    // once other kernels share the call sites, the vector goes to the heap every step. So
    // v[t+1] = β·v[t] + I[t] − θ·s[t] (LifStep.next: one fused multiply–add, then the reset) is
    // written out where it is used.
    private void feedForward(LifWalk w) {
        int stride = w.stride();
        long cursor = 0;
        for (int t = 0; t < w.steps(); t++) {
            int now = (t & 1) * stride;
            int next = stride - now;
            for (int from = 0; from < stride; from += WORD_NEURONS) {
                int to = Math.min(stride, from + WORD_NEURONS);
                int blocked = to - (to - from) % BLOCK_LANES;
                long vectors = blocks(w, t, from, blocked, now, next) | tail(w, t, from, blocked, to, now, next);
                cursor = list(w, now, from, vectors, cursor);
            }
            endStep(w, t, cursor);
        }
    }

    // Neurons [from, blocked) of step t, four vectors at a time; returns the word of vectors to list.
    private static long blocks(LifWalk w, int t, int from, int blocked, int now, int next) {
        int stride = w.stride();
        float theta = w.threshold();
        FloatVector betas = FloatVector.broadcast(SPECIES, w.beta());
        float[] v = w.membrane();
        float[] weights = w.weights();
        int[] inUnits = w.inUnits();
        int firstInput = w.inOffsets()[t];
        int lastInput = w.inOffsets()[t + 1];
        float watchLevel = w.watchLevel();
        long vectors = 0;
        for (int c = from; c < blocked; c += BLOCK_LANES) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, v, now + c);
            FloatVector v1 = FloatVector.fromArray(SPECIES, v, now + c + LANES);
            FloatVector v2 = FloatVector.fromArray(SPECIES, v, now + c + 2 * LANES);
            FloatVector v3 = FloatVector.fromArray(SPECIES, v, now + c + 3 * LANES);
            // Almost every neuron is below both θ and the band's lower edge, so one comparison
            // against the lower of the two rules out a whole vector.
            int k = (c - from) / LANES;
            vectors |= bit(v0.compare(VectorOperators.GT, watchLevel).toLong(), k)
                | bit(v1.compare(VectorOperators.GT, watchLevel).toLong(), k + 1)
                | bit(v2.compare(VectorOperators.GT, watchLevel).toLong(), k + 2)
                | bit(v3.compare(VectorOperators.GT, watchLevel).toLong(), k + 3);
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
            v0.fma(betas, i0).lanewise(VectorOperators.SUB, theta, v0.compare(VectorOperators.GT, theta))
                .intoArray(v, next + c);
            v1.fma(betas, i1).lanewise(VectorOperators.SUB, theta, v1.compare(VectorOperators.GT, theta))
                .intoArray(v, next + c + LANES);
            v2.fma(betas, i2).lanewise(VectorOperators.SUB, theta, v2.compare(VectorOperators.GT, theta))
                .intoArray(v, next + c + 2 * LANES);
            v3.fma(betas, i3).lanewise(VectorOperators.SUB, theta, v3.compare(VectorOperators.GT, theta))
                .intoArray(v, next + c + 3 * LANES);
        }
        return vectors;
    }

    // Neurons [blocked, to) of step t, one vector at a time; returns their bits of the word (vectors counted from `from`).
    private static long tail(LifWalk w, int t, int from, int blocked, int to, int now, int next) {
        float theta = w.threshold();
        FloatVector betas = FloatVector.broadcast(SPECIES, w.beta());
        int stride = w.stride();
        float[] v = w.membrane();
        float[] weights = w.weights();
        int[] inUnits = w.inUnits();
        int firstInput = w.inOffsets()[t];
        int lastInput = w.inOffsets()[t + 1];
        float watchLevel = w.watchLevel();
        long vectors = 0;
        for (int c = blocked; c < to; c += LANES) {
            FloatVector vt = FloatVector.fromArray(SPECIES, v, now + c);
            vectors |= bit(vt.compare(VectorOperators.GT, watchLevel).toLong(), (c - from) / LANES);
            FloatVector current = FloatVector.zero(SPECIES);
            for (int e = firstInput; e < lastInput; e++) {
                current = current.add(FloatVector.fromArray(SPECIES, weights, inUnits[e] * stride + c));
            }
            vt.fma(betas, current).lanewise(VectorOperators.SUB, theta, vt.compare(VectorOperators.GT, theta))
                .intoArray(v, next + c);
        }
        return vectors;
    }

    // A recurrent layer lists a step's entries first (its spikes feed the step's current), then
    // updates in place.
    private void recurrent(LifWalk w) {
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
            for (int from = 0; from < stride; from += WORD_NEURONS) {
                int to = Math.min(stride, from + WORD_NEURONS);
                long vectors = 0;
                for (int c = from; c < to; c += LANES) {
                    vectors |= bit(FloatVector.fromArray(SPECIES, v, c).compare(VectorOperators.GT, watchLevel).toLong(),
                        (c - from) / LANES);
                }
                cursor = list(w, 0, from, vectors, cursor);
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

    // Bit k of a word, set where a lane's bit is: arithmetic, not a test, which C2 compiles as a
    // branch when its profile says it rarely holds (a walk of a narrow band, or inference) and which
    // then mispredicts in training, 60 % slower.
    private static long bit(long lanes, int k) {
        return (lanes | -lanes) >>> 63 << k;
    }

    // Rows are padded to whole vectors; lanes of the vector at neuron c past N are never reported.
    private static long valid(int neurons, int c) {
        int left = neurons - c;
        return left >= LANES ? (1L << LANES) - 1 : left <= 0 ? 0 : (1L << left) - 1;
    }

    // Lists the lanes that spike or are active of the vectors set in the word (vector k of it at
    // neuron from + k·LANES, membrane at offset `membrane`), neurons ascending: per vector the
    // spike and band tests as two masks, and each list takes its lanes compressed to its end with
    // one store (up to a vector past it; the lists have room). No branch on a lane's kind, which no
    // predictor guesses, and no loop over the lanes. Without an active set (inference) only the
    // spikes are listed.
    private long list(LifWalk w, int membrane, int from, long vectors, long cursor) {
        if (!compress) {
            return bitByBit(w, membrane, from, vectors, cursor);
        }
        float theta = w.threshold();
        float[] v = w.membrane();
        int neurons = w.neurons();
        int spikes = spikesOf(cursor);
        int active = activeOf(cursor);
        if (!w.keepsActiveSet()) {
            for (long left = vectors; left != 0; left &= left - 1) {
                int at = from + Long.numberOfTrailingZeros(left) * LANES;
                VectorMask<Float> lanes = VectorMask.fromLong(SPECIES, valid(neurons, at));
                VectorMask<Float> spiking = FloatVector.fromArray(SPECIES, v, membrane + at)
                    .compare(VectorOperators.GT, theta).and(lanes);
                LANE_INDEX.add(at).compress(spiking.cast(INTS)).intoArray(w.spikeUnits(), spikes);
                spikes += spiking.trueCount();
            }
            return (long) spikes << 32 | active;
        }
        float band = w.band();
        int[] spikeUnits = w.spikeUnits();
        int[] activeUnits = w.activeUnits();
        float[] activeValues = w.activeValues();
        for (long left = vectors; left != 0; left &= left - 1) {
            int at = from + Long.numberOfTrailingZeros(left) * LANES;
            VectorMask<Float> lanes = VectorMask.fromLong(SPECIES, valid(neurons, at));
            FloatVector vt = FloatVector.fromArray(SPECIES, v, membrane + at);
            IntVector units = LANE_INDEX.add(at);
            VectorMask<Float> spiking = vt.compare(VectorOperators.GT, theta).and(lanes);
            units.compress(spiking.cast(INTS)).intoArray(spikeUnits, spikes);
            spikes += spiking.trueCount();
            VectorMask<Float> inBand = vt.sub(theta).abs().compare(VectorOperators.LT, band).and(lanes);
            units.compress(inBand.cast(INTS)).intoArray(activeUnits, active);
            vt.compress(inBand).intoArray(activeValues, active);
            active += inBand.trueCount();
        }
        return (long) spikes << 32 | active;
    }

    // The same lists without compress: one entry per set bit of either mask, written to both
    // lists, each moving on only if the entry belongs there.
    private static long bitByBit(LifWalk w, int membrane, int from, long vectors, long cursor) {
        float[] v = w.membrane();
        float theta = w.threshold();
        boolean keepActive = w.keepsActiveSet();
        int spikes = spikesOf(cursor);
        int active = activeOf(cursor);
        for (long left = vectors; left != 0; left &= left - 1) {
            int at = from + Long.numberOfTrailingZeros(left) * LANES;
            long lanes = valid(w.neurons(), at);
            long spiking = FloatVector.fromArray(SPECIES, v, membrane + at).compare(VectorOperators.GT, theta).toLong()
                & lanes;
            long inBand = keepActive ? bandBits(v, membrane + at, theta, w.band()) & lanes : 0L;
            for (long bits = spiking | inBand; bits != 0; bits &= bits - 1) {
                int i = Long.numberOfTrailingZeros(bits);
                w.spikeUnits()[spikes] = at + i;
                spikes += (int) (spiking >>> i) & 1;
                if (keepActive) {
                    w.activeUnits()[active] = at + i;
                    w.activeValues()[active] = v[membrane + at + i];
                    active += (int) (inBand >>> i) & 1;
                }
            }
        }
        return (long) spikes << 32 | active;
    }

    private static long bandBits(float[] v, int at, float theta, float band) {
        return FloatVector.fromArray(SPECIES, v, at).sub(theta).abs().compare(VectorOperators.LT, band).toLong();
    }
}
