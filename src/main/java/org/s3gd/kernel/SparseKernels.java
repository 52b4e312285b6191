package org.s3gd.kernel;

/**
 * The inner loops of the sparse backward pass, behind a facade that picks the Vector API
 * implementation where available and a scalar one otherwise (or with {@code -Ds3gd.kernel=scalar}).
 */
public final class SparseKernels {
    private static final SparseKernel KERNEL = choose();
    /** Floats of the ring of Z rows a spike-gradient walk fills and reads per window: 128 KiB. */
    static final int RING_FLOATS = 32768;

    private SparseKernels() {
    }

    static SparseKernel choose() {
        if ("scalar".equals(System.getProperty("s3gd.kernel"))) {
            return new ScalarSparseKernel();
        }
        try {
            return new SimdSparseKernel();
        } catch (LinkageError | RuntimeException e) {
            return new ScalarSparseKernel();
        }
    }

    public static String implementation() {
        return KERNEL.name();
    }

    /**
     * Size of the scratch array {@link #spikeGradient} needs for {@code inputs} units over
     * {@code steps} steps: a ring of rows of Z, one row for Z between windows, and a scale per ring row.
     */
    public static int scratchSize(int inputs, int steps) {
        int stride = walkStride(inputs);
        int rows = ringRows(stride, steps);
        return (rows + 1) * stride + rows;
    }

    /**
     * Rows of a spike-gradient walk's ring, one per step where something happens in a window: as many
     * as fit {@link #RING_FLOATS}, at least one, at most T.
     */
    static int ringRows(int stride, int steps) {
        return Math.max(1, Math.min(steps, RING_FLOATS / stride));
    }

    /** The row stride for rows of {@code width} floats: padded to whole vectors so kernels load them without masks. */
    public static int rowStride(int width) {
        return Simd.paddedWidth(width);
    }

    /**
     * The row stride of {@code Wᵀ} for {@link #spikeGradient}: whole vectors, with the part beyond
     * the register blocks of {@link SimdSparseKernel#MAX_BLOCK} vectors rounded up to 4, 8 or 16
     * vectors, so that the walk covers a row in as few blocks as possible (padding zero).
     */
    public static int walkStride(int width) {
        int lanes = Simd.LANES;
        int vectors = (width + lanes - 1) / lanes;
        int block = SimdSparseKernel.MAX_BLOCK;
        int full = vectors / block * block;
        int rest = vectors - full;
        int padded = rest == 0 ? 0 : rest <= 4 ? 4 : rest <= 8 ? 8 : block;
        return (full + padded) * lanes;
    }

    /**
     * {@code out[outOffset + i] += Σ_{e ∈ [from, to)} coefficient[e] · rows[rowIndex[e]·width + i]}
     * for i in [0, width): a sum of scaled rows kept in registers, written once. The width must be a
     * {@link #rowStride(int) row stride}.
     */
    public static void accumulateRows(float[] rows, int width, int[] rowIndex, float[] coefficient, int from, int to,
                                      float[] out, int outOffset) {
        if (width != rowStride(width)) {
            throw new IllegalArgumentException("accumulateRows: width " + width + " is not a row stride (" + rowStride(width) + ")");
        }
        if (width < 0 || from < 0 || to > rowIndex.length || to > coefficient.length || outOffset < 0
            || (long) outOffset + width > out.length) {
            throw new IllegalArgumentException("accumulateRows: entries [" + from + ", " + to + ") of " + rowIndex.length
                + ", width " + width + " at " + outOffset + " in an output of " + out.length);
        }
        for (int e = from; e < to; e++) {
            if (rowIndex[e] < 0 || (long) (rowIndex[e] + 1) * width > rows.length) {
                throw new IllegalArgumentException("accumulateRows: row " + rowIndex[e] + " of width " + width
                    + " is outside " + rows.length + " values");
            }
        }
        KERNEL.accumulateRows(rows, width, rowIndex, coefficient, from, to, out, outOffset);
    }

    /**
     * Runs one sample's spike-gradient walk; {@code scratch} holds at least
     * {@link #scratchSize(int, int)} floats and {@code events} at least T ints.
     */
    public static void spikeGradient(SpikeGradientWalk walk, float[] scratch, int[] events) {
        if (scratch.length < scratchSize(walk.inputs(), walk.steps()) || events.length < walk.steps()) {
            throw new IllegalArgumentException("scratch has " + scratch.length + " floats and events " + events.length
                + " ints, need " + scratchSize(walk.inputs(), walk.steps()) + " and T = " + walk.steps());
        }
        if (walk.activeOffsets().length < walk.steps() + 1 || walk.decay().length < walk.steps() + 1
            || (walk.neededOffsets() != null && walk.neededOffsets().length < walk.steps() + 1)) {
            throw new IllegalArgumentException("spike gradient walk: offsets or decay table shorter than T + 1 = "
                + (walk.steps() + 1));
        }
        if (walk.stride() != walkStride(walk.inputs())) {
            throw new IllegalArgumentException("spike gradient walk: stride " + walk.stride() + ", expected "
                + walkStride(walk.inputs()));
        }
        if (walk.dense() && (long) walk.outOffset() + (long) walk.steps() * walk.inputs() > walk.out().length) {
            throw new IllegalArgumentException("spike gradient walk: dense output too short");
        }
        KERNEL.spikeGradient(walk, scratch, events);
    }
}
