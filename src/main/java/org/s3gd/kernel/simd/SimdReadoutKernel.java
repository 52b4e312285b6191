package org.s3gd.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.s3gd.kernel.ReadoutKernel;
import org.s3gd.model.ReadoutMode;

/**
 * The readout with the O outputs across a vector's lanes (O ≤ 16 is one vector on AVX-512, SHD's
 * 20 two): per sample and block of outputs, the state of the time loop (y, the logit, its peak
 * step, ε) stays in registers, and a spike's row is one vector add. Every lane does what the
 * scalar kernel does for its output, in the same order, so the results equal it bit for bit:
 * {@code β·y + (1−β)·I} as two products and a sum (no fused multiply–add), the spike gradient's
 * sum over o as the halving tree {@link ReadoutKernel#spikeGradient} defines.
 */
final class SimdReadoutKernel implements ReadoutKernel {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final VectorSpecies<Integer> INTS = SPECIES.withLanes(int.class);
    private static final int LANES = Simd.LANES;
    private static final VectorShuffle<Float> SWAP_32 = swap(32);
    private static final VectorShuffle<Float> SWAP_16 = swap(16);
    private static final VectorShuffle<Float> SWAP_8 = swap(8);
    private static final VectorShuffle<Float> SWAP_4 = swap(4);
    private static final VectorShuffle<Float> SWAP_2 = swap(2);
    private static final VectorShuffle<Float> SWAP_1 = swap(1);

    // Lane i ← lane i ^ h, for h below the vector's width (null above it, where it is never used).
    private static VectorShuffle<Float> swap(int h) {
        return h < LANES ? VectorShuffle.fromOp(SPECIES, i -> i ^ h) : null;
    }

    SimdReadoutKernel() {
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
    public void forward(float[] weights, int outputs, int stride, float beta, ReadoutMode mode, int steps, int[] offsets,
                        int[] units, float[] logits, int[] peakStep, int at) {
        float gain = 1f - beta;
        boolean max = mode == ReadoutMode.MAX;
        for (int block = 0; block < stride; block += LANES) {
            FloatVector y = FloatVector.zero(SPECIES);
            FloatVector logit = max ? FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY) : y;
            IntVector peak = IntVector.zero(INTS);
            for (int t = 0; t < steps; t++) {
                if (max) {
                    VectorMask<Float> above = y.compare(VectorOperators.GT, logit);
                    logit = logit.blend(y, above);
                    peak = peak.blend(t, above.cast(INTS));
                } else {
                    logit = logit.add(y);
                }
                FloatVector current = FloatVector.zero(SPECIES);
                for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                    current = current.add(FloatVector.fromArray(SPECIES, weights, units[e] * stride + block));
                }
                y = y.mul(beta).add(current.mul(gain));
            }
            VectorMask<Float> kept = SPECIES.indexInRange(block, outputs);
            logit.intoArray(logits, at + block, kept);
            peak.intoArray(peakStep, at + block, kept.cast(INTS));
        }
    }

    @Override
    public void epsilon(float beta, ReadoutMode mode, int steps, int outputs, int stride, float[] logitGrad,
                        int[] peakStep, int at, float[] epsilon) {
        float gain = 1f - beta;
        boolean sum = mode == ReadoutMode.SUM;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int block = 0; block < stride; block += LANES) {
            VectorMask<Float> kept = SPECIES.indexInRange(block, outputs);
            FloatVector grad = FloatVector.fromArray(SPECIES, logitGrad, at + block, kept);
            IntVector peak = IntVector.fromArray(INTS, peakStep, at + block, kept.cast(INTS));
            FloatVector eps = zero;
            zero.intoArray(epsilon, (steps - 1) * stride + block);
            for (int t = steps - 2; t >= 0; t--) {
                FloatVector enters = sum ? grad : zero.blend(grad, peak.compare(VectorOperators.EQ, t + 1).cast(SPECIES));
                eps = enters.add(eps.mul(beta));
                eps.mul(gain).intoArray(epsilon, t * stride + block);
            }
        }
    }

    @Override
    public void weightGradient(int entries, int[] units, int[] entrySteps, float[] epsilon, int stride, float[] partial) {
        for (int e = 0; e < entries; e++) {
            int row = units[e] * stride;
            int at = entrySteps[e] * stride;
            for (int block = 0; block < stride; block += LANES) {
                FloatVector.fromArray(SPECIES, partial, row + block).add(FloatVector.fromArray(SPECIES, epsilon, at + block))
                    .intoArray(partial, row + block);
            }
        }
    }

    // Per entry: the products as vectors, the tree's levels above one vector as vector adds, then
    // the levels within the vector as a shuffle (lane i ← lane i ^ h) and an add each.
    @Override
    public void spikeGradient(int entries, int[] units, int[] entrySteps, float[] weights, int outputs, int stride,
                              float[] epsilon, float[] out) {
        int width = ReadoutKernel.treeWidth(outputs);
        float[] tree = width > 2 * LANES ? new float[width] : null;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int e = 0; e < entries; e++) {
            int row = units[e] * stride;
            int at = entrySteps[e] * stride;
            FloatVector sum;
            if (width <= LANES) {
                sum = product(weights, row, epsilon, at);
            } else if (width == 2 * LANES) {
                sum = product(weights, row, epsilon, at)
                    .add(stride > LANES ? product(weights, row + LANES, epsilon, at + LANES) : zero);
            } else {
                sum = wideLevels(weights, row, epsilon, at, stride, tree);
            }
            // The levels within the vector: h below the vector's width (the wider ones are done).
            if (32 < LANES && width > 32) {
                sum = sum.add(sum.rearrange(SWAP_32));
            }
            if (16 < LANES && width > 16) {
                sum = sum.add(sum.rearrange(SWAP_16));
            }
            if (8 < LANES && width > 8) {
                sum = sum.add(sum.rearrange(SWAP_8));
            }
            if (4 < LANES && width > 4) {
                sum = sum.add(sum.rearrange(SWAP_4));
            }
            if (2 < LANES && width > 2) {
                sum = sum.add(sum.rearrange(SWAP_2));
            }
            if (1 < LANES && width > 1) {
                sum = sum.add(sum.rearrange(SWAP_1));
            }
            out[e] = sum.lane(0);
        }
    }

    private static FloatVector product(float[] weights, int row, float[] epsilon, int at) {
        return FloatVector.fromArray(SPECIES, weights, row).mul(FloatVector.fromArray(SPECIES, epsilon, at));
    }

    // A tree wider than two vectors: the products in memory (zeros past the stride), its levels
    // down to one vector as vector adds there.
    private static FloatVector wideLevels(float[] weights, int row, float[] epsilon, int at, int stride, float[] tree) {
        int width = tree.length;
        for (int block = 0; block < width; block += LANES) {
            (block < stride ? product(weights, row + block, epsilon, at + block) : FloatVector.zero(SPECIES))
                .intoArray(tree, block);
        }
        for (int h = width / 2; h >= LANES; h /= 2) {
            for (int i = 0; i < h; i += LANES) {
                FloatVector.fromArray(SPECIES, tree, i).add(FloatVector.fromArray(SPECIES, tree, i + h)).intoArray(tree, i);
            }
        }
        return FloatVector.fromArray(SPECIES, tree, 0);
    }

}
