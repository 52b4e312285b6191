package org.s3gd.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked Vector API versions of the sparse backward loops. Both keep a block of
 * {@link #WALK_BLOCK} floats in eight vector registers for a whole sum or walk, so each multiply–add
 * costs one load instead of a load, a load and a store.
 */
final class SimdSparseKernel implements SparseKernel {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;
    /** Floats per register block: eight vectors (of the 32 registers AVX-512 has). */
    static final int WALK_BLOCK = 8 * LANES;

    SimdSparseKernel() {
        Simd.requireWideVectors();
    }

    @Override
    public String name() {
        return Simd.name();
    }

    @Override
    public void accumulateRows(float[] rows, int width, int[] rowIndex, float[] coefficient, int from, int to,
                               float[] out, int outOffset) {
        // The width is a whole number of vectors: blocks of eight, then four, then one vector.
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
                a0 = FloatVector.fromArray(SPECIES, rows, base).fma(c, a0);
                a1 = FloatVector.fromArray(SPECIES, rows, base + 1 * LANES).fma(c, a1);
                a2 = FloatVector.fromArray(SPECIES, rows, base + 2 * LANES).fma(c, a2);
                a3 = FloatVector.fromArray(SPECIES, rows, base + 3 * LANES).fma(c, a3);
                a4 = FloatVector.fromArray(SPECIES, rows, base + 4 * LANES).fma(c, a4);
                a5 = FloatVector.fromArray(SPECIES, rows, base + 5 * LANES).fma(c, a5);
                a6 = FloatVector.fromArray(SPECIES, rows, base + 6 * LANES).fma(c, a6);
                a7 = FloatVector.fromArray(SPECIES, rows, base + 7 * LANES).fma(c, a7);
            }
            int o = outOffset + i;
            FloatVector.fromArray(SPECIES, out, o).add(a0).intoArray(out, o);
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
                a0 = FloatVector.fromArray(SPECIES, rows, base).fma(c, a0);
                a1 = FloatVector.fromArray(SPECIES, rows, base + 1 * LANES).fma(c, a1);
                a2 = FloatVector.fromArray(SPECIES, rows, base + 2 * LANES).fma(c, a2);
                a3 = FloatVector.fromArray(SPECIES, rows, base + 3 * LANES).fma(c, a3);
            }
            int o = outOffset + i;
            FloatVector.fromArray(SPECIES, out, o).add(a0).intoArray(out, o);
            FloatVector.fromArray(SPECIES, out, o + 1 * LANES).add(a1).intoArray(out, o + 1 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 2 * LANES).add(a2).intoArray(out, o + 2 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 3 * LANES).add(a3).intoArray(out, o + 3 * LANES);
        }
        for (; i + 1 * LANES <= width; i += 1 * LANES) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            for (int e = from; e < to; e++) {
                FloatVector c = FloatVector.broadcast(SPECIES, coefficient[e]);
                int base = rowIndex[e] * width + i;
                a0 = FloatVector.fromArray(SPECIES, rows, base).fma(c, a0);
            }
            int o = outOffset + i;
            FloatVector.fromArray(SPECIES, out, o).add(a0).intoArray(out, o);
        }
    }

    @Override
    public void spikeGradient(SpikeGradientWalk w, float[] scratch, int[] eventSteps) {
        // The steps where something happens: active entries feed Z, needed entries read it. Walking
        // only these, with no branch on z inside the walk, lets the compiler keep z in registers.
        int events = 0;
        int[] acOffsets = w.activeOffsets();
        int[] needOffsets = w.neededOffsets();
        for (int t = w.steps() - 1; t >= 0; t--) {
            boolean active = acOffsets[t] < acOffsets[t + 1];
            boolean read = needOffsets == null || needOffsets[t] < needOffsets[t + 1];
            if (active || read) {
                eventSteps[events++] = t;
            }
        }
        int i0 = 0;
        for (; i0 + 8 * LANES <= w.stride(); i0 += 8 * LANES) {
            walk8(w, i0, eventSteps, events, scratch);
        }
        for (; i0 + 4 * LANES <= w.stride(); i0 += 4 * LANES) {
            walk4(w, i0, eventSteps, events, scratch);
        }
        for (; i0 < w.stride(); i0 += LANES) {
            walk1(w, i0, eventSteps, events, scratch);
        }
    }

    // Hands Z[t][i0 … i0+width), spilled to scratch, to the entries that need it.
    private static void read(SpikeGradientWalk w, int t, int i0, int width, float[] scratch) {
        float[] out = w.out();
        if (w.dense()) {
            System.arraycopy(scratch, 0, out, w.outOffset() + t * w.inputs() + i0, width);
            return;
        }
        int[] needOffsets = w.neededOffsets();
        int[] needUnits = w.neededUnits();
        for (int e = needOffsets[t]; e < needOffsets[t + 1]; e++) {
            int lane = needUnits[e] - i0;
            if (lane >= 0 && lane < width) {
                out[e] = scratch[lane];
            }
        }
    }

    // Z[i0 … i0 + 8·LANES) lives in 8 vector registers for the whole walk over the event steps.
    private static void walk8(SpikeGradientWalk w, int i0, int[] eventSteps, int events, float[] scratch) {
        int width = Math.min(8 * LANES, w.inputs() - i0);
        int stride = w.stride();
        int[] acOffsets = w.activeOffsets();
        int[] acUnits = w.activeUnits();
        float[] delta = w.delta();
        float[] wt = w.transposed();
        float[] decay = w.decay();
        float beta = decay[1];
        FloatVector z0 = FloatVector.zero(SPECIES);
        FloatVector z1 = FloatVector.zero(SPECIES);
        FloatVector z2 = FloatVector.zero(SPECIES);
        FloatVector z3 = FloatVector.zero(SPECIES);
        FloatVector z4 = FloatVector.zero(SPECIES);
        FloatVector z5 = FloatVector.zero(SPECIES);
        FloatVector z6 = FloatVector.zero(SPECIES);
        FloatVector z7 = FloatVector.zero(SPECIES);
        int current = w.steps() - 1; // z holds Z[current]
        for (int k = 0; k < events; k++) {
            int t = eventSteps[k];
            // No active step lies in (t, current]: Z[t] = β^(current−t)·Z[current].
            float gap = decay[current - t];
            z0 = z0.mul(gap);
            z1 = z1.mul(gap);
            z2 = z2.mul(gap);
            z3 = z3.mul(gap);
            z4 = z4.mul(gap);
            z5 = z5.mul(gap);
            z6 = z6.mul(gap);
            z7 = z7.mul(gap);
            z0.intoArray(scratch, 0);
            z1.intoArray(scratch, 1 * LANES);
            z2.intoArray(scratch, 2 * LANES);
            z3.intoArray(scratch, 3 * LANES);
            z4.intoArray(scratch, 4 * LANES);
            z5.intoArray(scratch, 5 * LANES);
            z6.intoArray(scratch, 6 * LANES);
            z7.intoArray(scratch, 7 * LANES);
            read(w, t, i0, width, scratch);
            // Z[t−1] = β·Z[t] + Σ_{j active at t} δ_j[t]·W[·][j]
            z0 = z0.mul(beta);
            z1 = z1.mul(beta);
            z2 = z2.mul(beta);
            z3 = z3.mul(beta);
            z4 = z4.mul(beta);
            z5 = z5.mul(beta);
            z6 = z6.mul(beta);
            z7 = z7.mul(beta);
            for (int e = acOffsets[t]; e < acOffsets[t + 1]; e++) {
                FloatVector d = FloatVector.broadcast(SPECIES, delta[e]);
                int base = acUnits[e] * stride + i0;
                z0 = FloatVector.fromArray(SPECIES, wt, base).fma(d, z0);
                z1 = FloatVector.fromArray(SPECIES, wt, base + 1 * LANES).fma(d, z1);
                z2 = FloatVector.fromArray(SPECIES, wt, base + 2 * LANES).fma(d, z2);
                z3 = FloatVector.fromArray(SPECIES, wt, base + 3 * LANES).fma(d, z3);
                z4 = FloatVector.fromArray(SPECIES, wt, base + 4 * LANES).fma(d, z4);
                z5 = FloatVector.fromArray(SPECIES, wt, base + 5 * LANES).fma(d, z5);
                z6 = FloatVector.fromArray(SPECIES, wt, base + 6 * LANES).fma(d, z6);
                z7 = FloatVector.fromArray(SPECIES, wt, base + 7 * LANES).fma(d, z7);
            }
            current = t - 1;
        }
    }

    // Z[i0 … i0 + 4·LANES) lives in 4 vector registers for the whole walk over the event steps.
    private static void walk4(SpikeGradientWalk w, int i0, int[] eventSteps, int events, float[] scratch) {
        int width = Math.min(4 * LANES, w.inputs() - i0);
        int stride = w.stride();
        int[] acOffsets = w.activeOffsets();
        int[] acUnits = w.activeUnits();
        float[] delta = w.delta();
        float[] wt = w.transposed();
        float[] decay = w.decay();
        float beta = decay[1];
        FloatVector z0 = FloatVector.zero(SPECIES);
        FloatVector z1 = FloatVector.zero(SPECIES);
        FloatVector z2 = FloatVector.zero(SPECIES);
        FloatVector z3 = FloatVector.zero(SPECIES);
        int current = w.steps() - 1; // z holds Z[current]
        for (int k = 0; k < events; k++) {
            int t = eventSteps[k];
            // No active step lies in (t, current]: Z[t] = β^(current−t)·Z[current].
            float gap = decay[current - t];
            z0 = z0.mul(gap);
            z1 = z1.mul(gap);
            z2 = z2.mul(gap);
            z3 = z3.mul(gap);
            z0.intoArray(scratch, 0);
            z1.intoArray(scratch, 1 * LANES);
            z2.intoArray(scratch, 2 * LANES);
            z3.intoArray(scratch, 3 * LANES);
            read(w, t, i0, width, scratch);
            // Z[t−1] = β·Z[t] + Σ_{j active at t} δ_j[t]·W[·][j]
            z0 = z0.mul(beta);
            z1 = z1.mul(beta);
            z2 = z2.mul(beta);
            z3 = z3.mul(beta);
            for (int e = acOffsets[t]; e < acOffsets[t + 1]; e++) {
                FloatVector d = FloatVector.broadcast(SPECIES, delta[e]);
                int base = acUnits[e] * stride + i0;
                z0 = FloatVector.fromArray(SPECIES, wt, base).fma(d, z0);
                z1 = FloatVector.fromArray(SPECIES, wt, base + 1 * LANES).fma(d, z1);
                z2 = FloatVector.fromArray(SPECIES, wt, base + 2 * LANES).fma(d, z2);
                z3 = FloatVector.fromArray(SPECIES, wt, base + 3 * LANES).fma(d, z3);
            }
            current = t - 1;
        }
    }

    // Z[i0 … i0 + 1·LANES) lives in 1 vector registers for the whole walk over the event steps.
    private static void walk1(SpikeGradientWalk w, int i0, int[] eventSteps, int events, float[] scratch) {
        int width = Math.min(1 * LANES, w.inputs() - i0);
        int stride = w.stride();
        int[] acOffsets = w.activeOffsets();
        int[] acUnits = w.activeUnits();
        float[] delta = w.delta();
        float[] wt = w.transposed();
        float[] decay = w.decay();
        float beta = decay[1];
        FloatVector z0 = FloatVector.zero(SPECIES);
        int current = w.steps() - 1; // z holds Z[current]
        for (int k = 0; k < events; k++) {
            int t = eventSteps[k];
            // No active step lies in (t, current]: Z[t] = β^(current−t)·Z[current].
            float gap = decay[current - t];
            z0 = z0.mul(gap);
            z0.intoArray(scratch, 0);
            read(w, t, i0, width, scratch);
            // Z[t−1] = β·Z[t] + Σ_{j active at t} δ_j[t]·W[·][j]
            z0 = z0.mul(beta);
            for (int e = acOffsets[t]; e < acOffsets[t + 1]; e++) {
                FloatVector d = FloatVector.broadcast(SPECIES, delta[e]);
                int base = acUnits[e] * stride + i0;
                z0 = FloatVector.fromArray(SPECIES, wt, base).fma(d, z0);
            }
            current = t - 1;
        }
    }
}
