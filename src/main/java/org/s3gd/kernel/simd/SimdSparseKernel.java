package org.s3gd.kernel.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.s3gd.kernel.RecurrentWalk;
import org.s3gd.kernel.SparseKernel;
import org.s3gd.kernel.SparseKernels;
import org.s3gd.kernel.SpikeGradientWalk;
import org.s3gd.model.Surrogate;

/**
 * Register-blocked Vector API versions of the sparse backward loops. The row sums and the
 * spike-gradient walk keep a block of vectors in registers for a whole sum (up to eight vectors)
 * or walk (up to sixteen), so each multiply–add costs one load instead of a load, a load and a
 * store. The recurrent walk cannot: δ of a step needs the whole R of that step first.
 */
public final class SimdSparseKernel implements SparseKernel {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;
    /** Vectors per walk block: sixteen of the 32 registers AVX-512 has, eight of AVX2's sixteen. */
    static final int MAX_BLOCK = LANES >= 16 ? 16 : 8;

    public SimdSparseKernel() {
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

    /**
     * Whole vectors, with the part beyond the register blocks of {@link #MAX_BLOCK} vectors rounded
     * up to 4, 8 or 16 vectors, so that the walk covers a row in as few blocks as possible.
     */
    @Override
    public int walkStride(int width) {
        int vectors = (width + LANES - 1) / LANES;
        int full = vectors / MAX_BLOCK * MAX_BLOCK;
        int rest = vectors - full;
        int padded = rest == 0 ? 0 : rest <= 4 ? 4 : rest <= 8 ? 8 : MAX_BLOCK;
        return (full + padded) * LANES;
    }

    @Override
    public void accumulateRows(float[] rows, int width, int[] rowIndex, float[] coefficient, int from, int to,
                               float[] out, int outOffset) {
        // The width is a whole number of vectors: blocks of eight, four, then one vector. Not
        // sixteen: with a sixteen-vector block as well this method grew past what C2 inlines, and
        // in training (784-wide rows) its Vector API calls ran as heap objects, twenty times slower.
        int i = 0;
        for (; i + 8 * LANES <= width; i += 8 * LANES) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = FloatVector.zero(SPECIES);
            FloatVector a2 = FloatVector.zero(SPECIES);
            FloatVector a3 = FloatVector.zero(SPECIES);
            FloatVector a4 = FloatVector.zero(SPECIES);
            FloatVector a5 = FloatVector.zero(SPECIES);
            FloatVector a6 = FloatVector.zero(SPECIES);
            FloatVector a7 = FloatVector.zero(SPECIES);
            for (int e = from; e < to; e++) {
                FloatVector c = FloatVector.broadcast(SPECIES, coefficient[e]);
                int base = rowIndex[e] * width + i;
                a0 = FloatVector.fromArray(SPECIES, rows, base + 0 * LANES).fma(c, a0);
                a1 = FloatVector.fromArray(SPECIES, rows, base + 1 * LANES).fma(c, a1);
                a2 = FloatVector.fromArray(SPECIES, rows, base + 2 * LANES).fma(c, a2);
                a3 = FloatVector.fromArray(SPECIES, rows, base + 3 * LANES).fma(c, a3);
                a4 = FloatVector.fromArray(SPECIES, rows, base + 4 * LANES).fma(c, a4);
                a5 = FloatVector.fromArray(SPECIES, rows, base + 5 * LANES).fma(c, a5);
                a6 = FloatVector.fromArray(SPECIES, rows, base + 6 * LANES).fma(c, a6);
                a7 = FloatVector.fromArray(SPECIES, rows, base + 7 * LANES).fma(c, a7);
            }
            int o = outOffset + i;
            FloatVector.fromArray(SPECIES, out, o + 0 * LANES).add(a0).intoArray(out, o + 0 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 1 * LANES).add(a1).intoArray(out, o + 1 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 2 * LANES).add(a2).intoArray(out, o + 2 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 3 * LANES).add(a3).intoArray(out, o + 3 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 4 * LANES).add(a4).intoArray(out, o + 4 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 5 * LANES).add(a5).intoArray(out, o + 5 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 6 * LANES).add(a6).intoArray(out, o + 6 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 7 * LANES).add(a7).intoArray(out, o + 7 * LANES);
        }
        for (; i + 4 * LANES <= width; i += 4 * LANES) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = FloatVector.zero(SPECIES);
            FloatVector a2 = FloatVector.zero(SPECIES);
            FloatVector a3 = FloatVector.zero(SPECIES);
            for (int e = from; e < to; e++) {
                FloatVector c = FloatVector.broadcast(SPECIES, coefficient[e]);
                int base = rowIndex[e] * width + i;
                a0 = FloatVector.fromArray(SPECIES, rows, base + 0 * LANES).fma(c, a0);
                a1 = FloatVector.fromArray(SPECIES, rows, base + 1 * LANES).fma(c, a1);
                a2 = FloatVector.fromArray(SPECIES, rows, base + 2 * LANES).fma(c, a2);
                a3 = FloatVector.fromArray(SPECIES, rows, base + 3 * LANES).fma(c, a3);
            }
            int o = outOffset + i;
            FloatVector.fromArray(SPECIES, out, o + 0 * LANES).add(a0).intoArray(out, o + 0 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 1 * LANES).add(a1).intoArray(out, o + 1 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 2 * LANES).add(a2).intoArray(out, o + 2 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 3 * LANES).add(a3).intoArray(out, o + 3 * LANES);
        }
        for (; i < width; i += LANES) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            for (int e = from; e < to; e++) {
                FloatVector c = FloatVector.broadcast(SPECIES, coefficient[e]);
                a0 = FloatVector.fromArray(SPECIES, rows, rowIndex[e] * width + i).fma(c, a0);
            }
            FloatVector.fromArray(SPECIES, out, outOffset + i).add(a0).intoArray(out, outOffset + i);
        }
    }

    @Override
    public void spikeGradient(SpikeGradientWalk w, float[] scratch, int[] events) {
        // The steps where something happens, latest first: active entries feed Z, needed entries
        // read it. They are walked in windows of `rows`: within a window each block of Z lives in
        // registers and is written, one row per event, to the ring at the front of scratch; the
        // window's reads then pick their entries from the ring with no test per entry. Z between
        // windows (and between blocks) rests in the `state` row after the ring; the scale of each
        // row follows it.
        int[] acOffsets = w.activeOffsets();
        int[] needOffsets = w.neededOffsets();
        int count = 0;
        for (int t = w.steps() - 1; t >= 0; t--) {
            if (acOffsets[t] < acOffsets[t + 1] || needOffsets == null || needOffsets[t] < needOffsets[t + 1]) {
                events[count++] = t;
            }
        }
        int stride = w.stride();
        int rows = SparseKernels.ringRows(stride, w.steps());
        int state = rows * stride;
        int scales = state + stride;
        Arrays.fill(scratch, state, state + stride, 0f);
        float[] decay = w.decay();
        for (int first = 0; first < count; first += rows) {
            int last = Math.min(count, first + rows);
            int previous = first == 0 ? w.steps() : events[first - 1];
            for (int k = first; k < last; k++) {
                scratch[scales + k - first] = decay[previous - 1 - events[k]];
                previous = events[k];
            }
            int i0 = 0;
            for (; i0 + 16 * LANES <= stride && MAX_BLOCK >= 16; i0 += 16 * LANES) {
                walk16(w, i0, events, first, last, scratch, state);
            }
            for (; i0 + 8 * LANES <= stride; i0 += 8 * LANES) {
                walk8(w, i0, events, first, last, scratch, state);
            }
            for (; i0 < stride; i0 += 4 * LANES) {
                walk4(w, i0, events, first, last, scratch, state);
            }
            w.read(events, first, last, scratch, scratch, scales);
        }
    }

    @Override
    public void recurrentDelta(RecurrentWalk w, float[] r) {
        // r holds R[previous − 1], previous being the last step with active entries walked (T at
        // first, where R[T − 1] = 0); in between R only decays (ALGORITHM.md §7, memoised R).
        int stride = w.stride();
        int[] offsets = w.activeOffsets();
        int[] units = w.activeUnits();
        float[] grad = w.grad();
        float[] membrane = w.membrane();
        float[] wt = w.transposed();
        float[] decay = w.decay();
        float theta = w.threshold();
        float steepness = w.surrogateScale();
        Arrays.fill(r, 0, stride, 0f);
        int previous = w.steps();
        for (int t = w.steps() - 1; t >= 0; t--) {
            int first = offsets[t];
            int last = offsets[t + 1];
            if (first == last) {
                continue;
            }
            // δ_j[t] = (g_j[t] + R_j[t])·σ'(v_j[t]) with R[t] = β^(previous − 1 − t)·r
            float scale = decay[previous - 1 - t];
            for (int e = first; e < last; e++) {
                grad[e] = (grad[e] + scale * r[units[e]]) * Surrogate.derivative(membrane[e], theta, steepness);
            }
            // R[t − 1] = β·R[t] + Σ_{k active at t} δ_k[t]·Vᵀ[k], two entries' rows per pass over R
            // (a step has one to a few entries): a loop over the entries inside the loop over R's
            // vectors ended in a misprediction per vector, which cost more than reading R again.
            // The products are added in entry order, as one loop over the entries would.
            FloatVector gap = FloatVector.broadcast(SPECIES, decay[previous - t]);
            int e = first;
            if (last - first >= 2) {
                FloatVector d0 = FloatVector.broadcast(SPECIES, grad[e]);
                FloatVector d1 = FloatVector.broadcast(SPECIES, grad[e + 1]);
                int row0 = units[e] * stride;
                int row1 = units[e + 1] * stride;
                for (int c = 0; c < stride; c += LANES) {
                    FloatVector sum = FloatVector.fromArray(SPECIES, wt, row0 + c).fma(d0, FloatVector.fromArray(SPECIES, r, c).mul(gap));
                    FloatVector.fromArray(SPECIES, wt, row1 + c).fma(d1, sum).intoArray(r, c);
                }
                e += 2;
            } else {
                FloatVector d0 = FloatVector.broadcast(SPECIES, grad[e]);
                int row0 = units[e] * stride;
                for (int c = 0; c < stride; c += LANES) {
                    FloatVector.fromArray(SPECIES, wt, row0 + c).fma(d0, FloatVector.fromArray(SPECIES, r, c).mul(gap)).intoArray(r, c);
                }
                e++;
            }
            for (; e + 1 < last; e += 2) {
                FloatVector d0 = FloatVector.broadcast(SPECIES, grad[e]);
                FloatVector d1 = FloatVector.broadcast(SPECIES, grad[e + 1]);
                int row0 = units[e] * stride;
                int row1 = units[e + 1] * stride;
                for (int c = 0; c < stride; c += LANES) {
                    FloatVector sum = FloatVector.fromArray(SPECIES, wt, row0 + c).fma(d0, FloatVector.fromArray(SPECIES, r, c));
                    FloatVector.fromArray(SPECIES, wt, row1 + c).fma(d1, sum).intoArray(r, c);
                }
            }
            if (e < last) {
                FloatVector d0 = FloatVector.broadcast(SPECIES, grad[e]);
                int row0 = units[e] * stride;
                for (int c = 0; c < stride; c += LANES) {
                    FloatVector.fromArray(SPECIES, wt, row0 + c).fma(d0, FloatVector.fromArray(SPECIES, r, c)).intoArray(r, c);
                }
            }
            previous = t;
        }
    }

    // Z[i0 … i0 + 16·LANES) in 16 registers over the events [first, last), from and back to `state`.
    private static void walk16(SpikeGradientWalk w, int i0, int[] events, int first, int last, float[] ring,
                               int state) {
        int stride = w.stride();
        int[] acOffsets = w.activeOffsets();
        int[] acUnits = w.activeUnits();
        float[] delta = w.delta();
        float[] wt = w.transposed();
        float[] decay = w.decay();
        FloatVector z0 = FloatVector.fromArray(SPECIES, ring, state + i0 + 0 * LANES);
        FloatVector z1 = FloatVector.fromArray(SPECIES, ring, state + i0 + 1 * LANES);
        FloatVector z2 = FloatVector.fromArray(SPECIES, ring, state + i0 + 2 * LANES);
        FloatVector z3 = FloatVector.fromArray(SPECIES, ring, state + i0 + 3 * LANES);
        FloatVector z4 = FloatVector.fromArray(SPECIES, ring, state + i0 + 4 * LANES);
        FloatVector z5 = FloatVector.fromArray(SPECIES, ring, state + i0 + 5 * LANES);
        FloatVector z6 = FloatVector.fromArray(SPECIES, ring, state + i0 + 6 * LANES);
        FloatVector z7 = FloatVector.fromArray(SPECIES, ring, state + i0 + 7 * LANES);
        FloatVector z8 = FloatVector.fromArray(SPECIES, ring, state + i0 + 8 * LANES);
        FloatVector z9 = FloatVector.fromArray(SPECIES, ring, state + i0 + 9 * LANES);
        FloatVector z10 = FloatVector.fromArray(SPECIES, ring, state + i0 + 10 * LANES);
        FloatVector z11 = FloatVector.fromArray(SPECIES, ring, state + i0 + 11 * LANES);
        FloatVector z12 = FloatVector.fromArray(SPECIES, ring, state + i0 + 12 * LANES);
        FloatVector z13 = FloatVector.fromArray(SPECIES, ring, state + i0 + 13 * LANES);
        FloatVector z14 = FloatVector.fromArray(SPECIES, ring, state + i0 + 14 * LANES);
        FloatVector z15 = FloatVector.fromArray(SPECIES, ring, state + i0 + 15 * LANES);
        int previous = first == 0 ? w.steps() : events[first - 1];
        for (int k = first; k < last; k++) {
            int t = events[k];
            int row = (k - first) * stride + i0;
            z0.intoArray(ring, row + 0 * LANES);
            z1.intoArray(ring, row + 1 * LANES);
            z2.intoArray(ring, row + 2 * LANES);
            z3.intoArray(ring, row + 3 * LANES);
            z4.intoArray(ring, row + 4 * LANES);
            z5.intoArray(ring, row + 5 * LANES);
            z6.intoArray(ring, row + 6 * LANES);
            z7.intoArray(ring, row + 7 * LANES);
            z8.intoArray(ring, row + 8 * LANES);
            z9.intoArray(ring, row + 9 * LANES);
            z10.intoArray(ring, row + 10 * LANES);
            z11.intoArray(ring, row + 11 * LANES);
            z12.intoArray(ring, row + 12 * LANES);
            z13.intoArray(ring, row + 13 * LANES);
            z14.intoArray(ring, row + 14 * LANES);
            z15.intoArray(ring, row + 15 * LANES);
            // Z[t−1] = β·Z[t] + Σ_{j active at t} δ_j[t]·W[·][j], Z[t] being β^(previous−1−t) times z
            float gap = decay[previous - t];
            z0 = z0.mul(gap);
            z1 = z1.mul(gap);
            z2 = z2.mul(gap);
            z3 = z3.mul(gap);
            z4 = z4.mul(gap);
            z5 = z5.mul(gap);
            z6 = z6.mul(gap);
            z7 = z7.mul(gap);
            z8 = z8.mul(gap);
            z9 = z9.mul(gap);
            z10 = z10.mul(gap);
            z11 = z11.mul(gap);
            z12 = z12.mul(gap);
            z13 = z13.mul(gap);
            z14 = z14.mul(gap);
            z15 = z15.mul(gap);
            for (int e = acOffsets[t]; e < acOffsets[t + 1]; e++) {
                FloatVector d = FloatVector.broadcast(SPECIES, delta[e]);
                int base = acUnits[e] * stride + i0;
                z0 = FloatVector.fromArray(SPECIES, wt, base + 0 * LANES).fma(d, z0);
                z1 = FloatVector.fromArray(SPECIES, wt, base + 1 * LANES).fma(d, z1);
                z2 = FloatVector.fromArray(SPECIES, wt, base + 2 * LANES).fma(d, z2);
                z3 = FloatVector.fromArray(SPECIES, wt, base + 3 * LANES).fma(d, z3);
                z4 = FloatVector.fromArray(SPECIES, wt, base + 4 * LANES).fma(d, z4);
                z5 = FloatVector.fromArray(SPECIES, wt, base + 5 * LANES).fma(d, z5);
                z6 = FloatVector.fromArray(SPECIES, wt, base + 6 * LANES).fma(d, z6);
                z7 = FloatVector.fromArray(SPECIES, wt, base + 7 * LANES).fma(d, z7);
                z8 = FloatVector.fromArray(SPECIES, wt, base + 8 * LANES).fma(d, z8);
                z9 = FloatVector.fromArray(SPECIES, wt, base + 9 * LANES).fma(d, z9);
                z10 = FloatVector.fromArray(SPECIES, wt, base + 10 * LANES).fma(d, z10);
                z11 = FloatVector.fromArray(SPECIES, wt, base + 11 * LANES).fma(d, z11);
                z12 = FloatVector.fromArray(SPECIES, wt, base + 12 * LANES).fma(d, z12);
                z13 = FloatVector.fromArray(SPECIES, wt, base + 13 * LANES).fma(d, z13);
                z14 = FloatVector.fromArray(SPECIES, wt, base + 14 * LANES).fma(d, z14);
                z15 = FloatVector.fromArray(SPECIES, wt, base + 15 * LANES).fma(d, z15);
            }
            previous = t;
        }
        z0.intoArray(ring, state + i0 + 0 * LANES);
        z1.intoArray(ring, state + i0 + 1 * LANES);
        z2.intoArray(ring, state + i0 + 2 * LANES);
        z3.intoArray(ring, state + i0 + 3 * LANES);
        z4.intoArray(ring, state + i0 + 4 * LANES);
        z5.intoArray(ring, state + i0 + 5 * LANES);
        z6.intoArray(ring, state + i0 + 6 * LANES);
        z7.intoArray(ring, state + i0 + 7 * LANES);
        z8.intoArray(ring, state + i0 + 8 * LANES);
        z9.intoArray(ring, state + i0 + 9 * LANES);
        z10.intoArray(ring, state + i0 + 10 * LANES);
        z11.intoArray(ring, state + i0 + 11 * LANES);
        z12.intoArray(ring, state + i0 + 12 * LANES);
        z13.intoArray(ring, state + i0 + 13 * LANES);
        z14.intoArray(ring, state + i0 + 14 * LANES);
        z15.intoArray(ring, state + i0 + 15 * LANES);
    }

    // Z[i0 … i0 + 8·LANES) in 8 registers over the events [first, last), from and back to `state`.
    private static void walk8(SpikeGradientWalk w, int i0, int[] events, int first, int last, float[] ring,
                               int state) {
        int stride = w.stride();
        int[] acOffsets = w.activeOffsets();
        int[] acUnits = w.activeUnits();
        float[] delta = w.delta();
        float[] wt = w.transposed();
        float[] decay = w.decay();
        FloatVector z0 = FloatVector.fromArray(SPECIES, ring, state + i0 + 0 * LANES);
        FloatVector z1 = FloatVector.fromArray(SPECIES, ring, state + i0 + 1 * LANES);
        FloatVector z2 = FloatVector.fromArray(SPECIES, ring, state + i0 + 2 * LANES);
        FloatVector z3 = FloatVector.fromArray(SPECIES, ring, state + i0 + 3 * LANES);
        FloatVector z4 = FloatVector.fromArray(SPECIES, ring, state + i0 + 4 * LANES);
        FloatVector z5 = FloatVector.fromArray(SPECIES, ring, state + i0 + 5 * LANES);
        FloatVector z6 = FloatVector.fromArray(SPECIES, ring, state + i0 + 6 * LANES);
        FloatVector z7 = FloatVector.fromArray(SPECIES, ring, state + i0 + 7 * LANES);
        int previous = first == 0 ? w.steps() : events[first - 1];
        for (int k = first; k < last; k++) {
            int t = events[k];
            int row = (k - first) * stride + i0;
            z0.intoArray(ring, row + 0 * LANES);
            z1.intoArray(ring, row + 1 * LANES);
            z2.intoArray(ring, row + 2 * LANES);
            z3.intoArray(ring, row + 3 * LANES);
            z4.intoArray(ring, row + 4 * LANES);
            z5.intoArray(ring, row + 5 * LANES);
            z6.intoArray(ring, row + 6 * LANES);
            z7.intoArray(ring, row + 7 * LANES);
            // Z[t−1] = β·Z[t] + Σ_{j active at t} δ_j[t]·W[·][j], Z[t] being β^(previous−1−t) times z
            float gap = decay[previous - t];
            z0 = z0.mul(gap);
            z1 = z1.mul(gap);
            z2 = z2.mul(gap);
            z3 = z3.mul(gap);
            z4 = z4.mul(gap);
            z5 = z5.mul(gap);
            z6 = z6.mul(gap);
            z7 = z7.mul(gap);
            for (int e = acOffsets[t]; e < acOffsets[t + 1]; e++) {
                FloatVector d = FloatVector.broadcast(SPECIES, delta[e]);
                int base = acUnits[e] * stride + i0;
                z0 = FloatVector.fromArray(SPECIES, wt, base + 0 * LANES).fma(d, z0);
                z1 = FloatVector.fromArray(SPECIES, wt, base + 1 * LANES).fma(d, z1);
                z2 = FloatVector.fromArray(SPECIES, wt, base + 2 * LANES).fma(d, z2);
                z3 = FloatVector.fromArray(SPECIES, wt, base + 3 * LANES).fma(d, z3);
                z4 = FloatVector.fromArray(SPECIES, wt, base + 4 * LANES).fma(d, z4);
                z5 = FloatVector.fromArray(SPECIES, wt, base + 5 * LANES).fma(d, z5);
                z6 = FloatVector.fromArray(SPECIES, wt, base + 6 * LANES).fma(d, z6);
                z7 = FloatVector.fromArray(SPECIES, wt, base + 7 * LANES).fma(d, z7);
            }
            previous = t;
        }
        z0.intoArray(ring, state + i0 + 0 * LANES);
        z1.intoArray(ring, state + i0 + 1 * LANES);
        z2.intoArray(ring, state + i0 + 2 * LANES);
        z3.intoArray(ring, state + i0 + 3 * LANES);
        z4.intoArray(ring, state + i0 + 4 * LANES);
        z5.intoArray(ring, state + i0 + 5 * LANES);
        z6.intoArray(ring, state + i0 + 6 * LANES);
        z7.intoArray(ring, state + i0 + 7 * LANES);
    }

    // Z[i0 … i0 + 4·LANES) in 4 registers over the events [first, last), from and back to `state`.
    private static void walk4(SpikeGradientWalk w, int i0, int[] events, int first, int last, float[] ring,
                               int state) {
        int stride = w.stride();
        int[] acOffsets = w.activeOffsets();
        int[] acUnits = w.activeUnits();
        float[] delta = w.delta();
        float[] wt = w.transposed();
        float[] decay = w.decay();
        FloatVector z0 = FloatVector.fromArray(SPECIES, ring, state + i0 + 0 * LANES);
        FloatVector z1 = FloatVector.fromArray(SPECIES, ring, state + i0 + 1 * LANES);
        FloatVector z2 = FloatVector.fromArray(SPECIES, ring, state + i0 + 2 * LANES);
        FloatVector z3 = FloatVector.fromArray(SPECIES, ring, state + i0 + 3 * LANES);
        int previous = first == 0 ? w.steps() : events[first - 1];
        for (int k = first; k < last; k++) {
            int t = events[k];
            int row = (k - first) * stride + i0;
            z0.intoArray(ring, row + 0 * LANES);
            z1.intoArray(ring, row + 1 * LANES);
            z2.intoArray(ring, row + 2 * LANES);
            z3.intoArray(ring, row + 3 * LANES);
            // Z[t−1] = β·Z[t] + Σ_{j active at t} δ_j[t]·W[·][j], Z[t] being β^(previous−1−t) times z
            float gap = decay[previous - t];
            z0 = z0.mul(gap);
            z1 = z1.mul(gap);
            z2 = z2.mul(gap);
            z3 = z3.mul(gap);
            for (int e = acOffsets[t]; e < acOffsets[t + 1]; e++) {
                FloatVector d = FloatVector.broadcast(SPECIES, delta[e]);
                int base = acUnits[e] * stride + i0;
                z0 = FloatVector.fromArray(SPECIES, wt, base + 0 * LANES).fma(d, z0);
                z1 = FloatVector.fromArray(SPECIES, wt, base + 1 * LANES).fma(d, z1);
                z2 = FloatVector.fromArray(SPECIES, wt, base + 2 * LANES).fma(d, z2);
                z3 = FloatVector.fromArray(SPECIES, wt, base + 3 * LANES).fma(d, z3);
            }
            previous = t;
        }
        z0.intoArray(ring, state + i0 + 0 * LANES);
        z1.intoArray(ring, state + i0 + 1 * LANES);
        z2.intoArray(ring, state + i0 + 2 * LANES);
        z3.intoArray(ring, state + i0 + 3 * LANES);
    }
}
