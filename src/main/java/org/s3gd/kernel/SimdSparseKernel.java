package org.s3gd.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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
        // Blocks of eight vectors; masked loads and stores cover a last, partial block.
        for (int i = 0; i < width; i += WALK_BLOCK) {
            VectorMask<Float> m0 = SPECIES.indexInRange(i + 0 * LANES, width);
            VectorMask<Float> m1 = SPECIES.indexInRange(i + 1 * LANES, width);
            VectorMask<Float> m2 = SPECIES.indexInRange(i + 2 * LANES, width);
            VectorMask<Float> m3 = SPECIES.indexInRange(i + 3 * LANES, width);
            VectorMask<Float> m4 = SPECIES.indexInRange(i + 4 * LANES, width);
            VectorMask<Float> m5 = SPECIES.indexInRange(i + 5 * LANES, width);
            VectorMask<Float> m6 = SPECIES.indexInRange(i + 6 * LANES, width);
            VectorMask<Float> m7 = SPECIES.indexInRange(i + 7 * LANES, width);
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
                a0 = FloatVector.fromArray(SPECIES, rows, base + 0 * LANES, m0).fma(c, a0);
                a1 = FloatVector.fromArray(SPECIES, rows, base + 1 * LANES, m1).fma(c, a1);
                a2 = FloatVector.fromArray(SPECIES, rows, base + 2 * LANES, m2).fma(c, a2);
                a3 = FloatVector.fromArray(SPECIES, rows, base + 3 * LANES, m3).fma(c, a3);
                a4 = FloatVector.fromArray(SPECIES, rows, base + 4 * LANES, m4).fma(c, a4);
                a5 = FloatVector.fromArray(SPECIES, rows, base + 5 * LANES, m5).fma(c, a5);
                a6 = FloatVector.fromArray(SPECIES, rows, base + 6 * LANES, m6).fma(c, a6);
                a7 = FloatVector.fromArray(SPECIES, rows, base + 7 * LANES, m7).fma(c, a7);
            }
            int o = outOffset + i;
            FloatVector.fromArray(SPECIES, out, o + 0 * LANES, m0).add(a0).intoArray(out, o + 0 * LANES, m0);
            FloatVector.fromArray(SPECIES, out, o + 1 * LANES, m1).add(a1).intoArray(out, o + 1 * LANES, m1);
            FloatVector.fromArray(SPECIES, out, o + 2 * LANES, m2).add(a2).intoArray(out, o + 2 * LANES, m2);
            FloatVector.fromArray(SPECIES, out, o + 3 * LANES, m3).add(a3).intoArray(out, o + 3 * LANES, m3);
            FloatVector.fromArray(SPECIES, out, o + 4 * LANES, m4).add(a4).intoArray(out, o + 4 * LANES, m4);
            FloatVector.fromArray(SPECIES, out, o + 5 * LANES, m5).add(a5).intoArray(out, o + 5 * LANES, m5);
            FloatVector.fromArray(SPECIES, out, o + 6 * LANES, m6).add(a6).intoArray(out, o + 6 * LANES, m6);
            FloatVector.fromArray(SPECIES, out, o + 7 * LANES, m7).add(a7).intoArray(out, o + 7 * LANES, m7);
        }
    }

    @Override
    public void spikeGradient(SpikeGradientWalk w, float[] scratch, int[] eventSteps) {
        // The steps where something happens: active entries feed Z, needed entries read it. Walking
        // only these, with no branch on z inside the walk, lets the compiler keep z0…z3 in registers.
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
        for (; i0 + WALK_BLOCK <= w.inputs(); i0 += WALK_BLOCK) {
            walkBlock(w, i0, WALK_BLOCK, eventSteps, events, scratch);
        }
        if (i0 < w.inputs()) {
            walkBlock(w, i0, w.inputs() - i0, eventSteps, events, scratch);
        }
    }

    // Z[i0 … i0+width) lives in z0…z7 for the whole backward walk over the event steps. Loads and
    // stores are masked so that a last, partial block needs no scalar tail.
    private static void walkBlock(SpikeGradientWalk w, int i0, int width, int[] eventSteps, int events, float[] scratch) {
        int inputs = w.inputs();
        VectorMask<Float> m0 = SPECIES.indexInRange(0 * LANES, width);
        VectorMask<Float> m1 = SPECIES.indexInRange(1 * LANES, width);
        VectorMask<Float> m2 = SPECIES.indexInRange(2 * LANES, width);
        VectorMask<Float> m3 = SPECIES.indexInRange(3 * LANES, width);
        VectorMask<Float> m4 = SPECIES.indexInRange(4 * LANES, width);
        VectorMask<Float> m5 = SPECIES.indexInRange(5 * LANES, width);
        VectorMask<Float> m6 = SPECIES.indexInRange(6 * LANES, width);
        VectorMask<Float> m7 = SPECIES.indexInRange(7 * LANES, width);
        int[] acOffsets = w.activeOffsets();
        int[] acUnits = w.activeUnits();
        float[] delta = w.delta();
        float[] wt = w.transposed();
        float[] decay = w.decay();
        float beta = decay[1];
        float[] out = w.out();
        int[] needOffsets = w.neededOffsets();
        int[] needUnits = w.neededUnits();
        boolean dense = needOffsets == null;
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
            int o = dense ? w.outOffset() + t * inputs + i0 : 0;
            float[] spill = dense ? out : scratch;
            z0.intoArray(spill, o + 0 * LANES, m0);
            z1.intoArray(spill, o + 1 * LANES, m1);
            z2.intoArray(spill, o + 2 * LANES, m2);
            z3.intoArray(spill, o + 3 * LANES, m3);
            z4.intoArray(spill, o + 4 * LANES, m4);
            z5.intoArray(spill, o + 5 * LANES, m5);
            z6.intoArray(spill, o + 6 * LANES, m6);
            z7.intoArray(spill, o + 7 * LANES, m7);
            int readFrom = dense ? 0 : needOffsets[t];
            int readTo = dense ? 0 : needOffsets[t + 1];
            for (int e = readFrom; e < readTo; e++) {
                int lane = needUnits[e] - i0;
                if (lane >= 0 && lane < width) {
                    out[e] = scratch[lane];
                }
            }
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
                int base = acUnits[e] * inputs + i0;
                z0 = FloatVector.fromArray(SPECIES, wt, base + 0 * LANES, m0).fma(d, z0);
                z1 = FloatVector.fromArray(SPECIES, wt, base + 1 * LANES, m1).fma(d, z1);
                z2 = FloatVector.fromArray(SPECIES, wt, base + 2 * LANES, m2).fma(d, z2);
                z3 = FloatVector.fromArray(SPECIES, wt, base + 3 * LANES, m3).fma(d, z3);
                z4 = FloatVector.fromArray(SPECIES, wt, base + 4 * LANES, m4).fma(d, z4);
                z5 = FloatVector.fromArray(SPECIES, wt, base + 5 * LANES, m5).fma(d, z5);
                z6 = FloatVector.fromArray(SPECIES, wt, base + 6 * LANES, m6).fma(d, z6);
                z7 = FloatVector.fromArray(SPECIES, wt, base + 7 * LANES, m7).fma(d, z7);
            }
            current = t - 1;
        }
    }
}
