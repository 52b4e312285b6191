package org.s3gd.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked Vector API versions of the sparse backward loops. Both keep a block of
 * {@link #BLOCK} floats in four vector registers for a whole sum or walk, so each multiply–add
 * costs one load instead of a load, a load and a store.
 */
final class SimdSparseKernel implements SparseKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Floats per register block: four vectors. */
    static final int BLOCK = 4 * LANES;

    SimdSparseKernel() {
        if (LANES < 4) {
            throw new UnsupportedOperationException("preferred float species has only " + LANES + " lanes");
        }
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    @Override
    public void accumulateRows(float[] rows, int width, int[] rowIndex, float[] coefficient, int from, int to,
                               float[] out, int outOffset) {
        int i = 0;
        for (; i + BLOCK <= width; i += BLOCK) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = FloatVector.zero(SPECIES);
            FloatVector a2 = FloatVector.zero(SPECIES);
            FloatVector a3 = FloatVector.zero(SPECIES);
            for (int e = from; e < to; e++) {
                FloatVector c = FloatVector.broadcast(SPECIES, coefficient[e]);
                int base = rowIndex[e] * width + i;
                a0 = FloatVector.fromArray(SPECIES, rows, base).fma(c, a0);
                a1 = FloatVector.fromArray(SPECIES, rows, base + LANES).fma(c, a1);
                a2 = FloatVector.fromArray(SPECIES, rows, base + 2 * LANES).fma(c, a2);
                a3 = FloatVector.fromArray(SPECIES, rows, base + 3 * LANES).fma(c, a3);
            }
            int o = outOffset + i;
            FloatVector.fromArray(SPECIES, out, o).add(a0).intoArray(out, o);
            FloatVector.fromArray(SPECIES, out, o + LANES).add(a1).intoArray(out, o + LANES);
            FloatVector.fromArray(SPECIES, out, o + 2 * LANES).add(a2).intoArray(out, o + 2 * LANES);
            FloatVector.fromArray(SPECIES, out, o + 3 * LANES).add(a3).intoArray(out, o + 3 * LANES);
        }
        for (; i < width; i += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(i, width);
            FloatVector a = FloatVector.zero(SPECIES);
            for (int e = from; e < to; e++) {
                a = FloatVector.fromArray(SPECIES, rows, rowIndex[e] * width + i, m)
                    .fma(FloatVector.broadcast(SPECIES, coefficient[e]), a);
            }
            int o = outOffset + i;
            FloatVector.fromArray(SPECIES, out, o, m).add(a).intoArray(out, o, m);
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
        for (; i0 + BLOCK <= w.inputs(); i0 += BLOCK) {
            walkBlock(w, i0, BLOCK, eventSteps, events, scratch);
        }
        if (i0 < w.inputs()) {
            walkBlock(w, i0, w.inputs() - i0, eventSteps, events, scratch);
        }
    }

    // Z[i0 … i0+width) lives in z0…z3 for the whole backward walk over the event steps. Loads and
    // stores are masked so that a last, partial block needs no scalar tail.
    private static void walkBlock(SpikeGradientWalk w, int i0, int width, int[] eventSteps, int events, float[] scratch) {
        int inputs = w.inputs();
        VectorMask<Float> m0 = SPECIES.indexInRange(0, width);
        VectorMask<Float> m1 = SPECIES.indexInRange(LANES, width);
        VectorMask<Float> m2 = SPECIES.indexInRange(2 * LANES, width);
        VectorMask<Float> m3 = SPECIES.indexInRange(3 * LANES, width);
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
        int current = w.steps() - 1; // z holds Z[current]
        for (int k = 0; k < events; k++) {
            int t = eventSteps[k];
            // No active step lies in (t, current]: Z[t] = β^(current−t)·Z[current].
            float gap = decay[current - t];
            z0 = z0.mul(gap);
            z1 = z1.mul(gap);
            z2 = z2.mul(gap);
            z3 = z3.mul(gap);
            int o = dense ? w.outOffset() + t * inputs + i0 : 0;
            float[] spill = dense ? out : scratch;
            z0.intoArray(spill, o, m0);
            z1.intoArray(spill, o + LANES, m1);
            z2.intoArray(spill, o + 2 * LANES, m2);
            z3.intoArray(spill, o + 3 * LANES, m3);
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
            for (int e = acOffsets[t]; e < acOffsets[t + 1]; e++) {
                FloatVector d = FloatVector.broadcast(SPECIES, delta[e]);
                int base = acUnits[e] * inputs + i0;
                z0 = FloatVector.fromArray(SPECIES, wt, base, m0).fma(d, z0);
                z1 = FloatVector.fromArray(SPECIES, wt, base + LANES, m1).fma(d, z1);
                z2 = FloatVector.fromArray(SPECIES, wt, base + 2 * LANES, m2).fma(d, z2);
                z3 = FloatVector.fromArray(SPECIES, wt, base + 3 * LANES, m3).fma(d, z3);
            }
            current = t - 1;
        }
    }
}
