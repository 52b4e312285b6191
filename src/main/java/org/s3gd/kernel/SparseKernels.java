package org.s3gd.kernel;

/** Checks the arguments of a {@link SparseKernel} and runs it. */
public final class SparseKernels {
    /** Floats of the ring of Z rows a spike-gradient walk fills and reads per window: 128 KiB. */
    public static final int RING_FLOATS = 32768;

    private final SparseKernel kernel;

    public SparseKernels(SparseKernel kernel) {
        this.kernel = kernel;
    }

    public String implementation() {
        return kernel.name();
    }

    /** The row stride for rows of {@code width} floats: padded to whole vectors so kernels load them without masks. */
    public int rowStride(int width) {
        return Strides.padded(width, kernel.lanes());
    }

    /** The row stride of {@code Wᵀ} (and of Z) for {@link #spikeGradient} over {@code width} units. */
    public int walkStride(int width) {
        return kernel.walkStride(width);
    }

    /**
     * Size of the scratch array {@link #spikeGradient} needs for {@code inputs} units over
     * {@code steps} steps: a ring of rows of Z, one row for Z between windows, and a scale per ring row.
     */
    public int scratchSize(int inputs, int steps) {
        int stride = walkStride(inputs);
        int rows = ringRows(stride, steps);
        return (rows + 1) * stride + rows;
    }

    /**
     * Rows of a spike-gradient walk's ring, one per step where something happens in a window: as many
     * as fit {@link #RING_FLOATS}, at least one, at most T.
     */
    public static int ringRows(int stride, int steps) {
        return Math.max(1, Math.min(steps, RING_FLOATS / stride));
    }

    /**
     * {@code out[outOffset + i] += Σ_{e ∈ [from, to)} coefficient[e] · rows[rowIndex[e]·width + i]}
     * for i in [0, width): a sum of scaled rows kept in registers, written once. The width must be a
     * {@link #rowStride(int) row stride}.
     */
    public void accumulateRows(float[] rows, int width, int[] rowIndex, float[] coefficient, int from, int to,
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
        kernel.accumulateRows(rows, width, rowIndex, coefficient, from, to, out, outOffset);
    }

    /**
     * Ints of the {@code events} scratch of {@link #spikeGradient} over T steps: T for the steps where
     * something happens, and, for a walk that reads entries, room to find each entry's step (up to
     * T·N_in entries and one more).
     */
    public static int eventsSize(int steps, int inputs, boolean readsEntries) {
        return readsEntries ? Math.addExact(steps, Math.addExact(Math.multiplyExact(steps, inputs), 1)) : steps;
    }

    /**
     * Runs one sample's spike-gradient walk; {@code scratch} holds at least
     * {@link #scratchSize(int, int)} floats and {@code events} at least {@link #eventsSize} ints (T,
     * and for a walk that reads entries its entries and one more).
     */
    public void spikeGradient(SpikeGradientWalk walk, float[] scratch, int[] events) {
        long eventsNeeded = walk.steps() + (walk.dense() ? 0L : walk.neededOffsets()[walk.steps()] + 1L);
        if (scratch.length < scratchSize(walk.inputs(), walk.steps()) || events.length < eventsNeeded) {
            throw new IllegalArgumentException("scratch has " + scratch.length + " floats and events " + events.length
                + " ints, need " + scratchSize(walk.inputs(), walk.steps()) + " and " + eventsNeeded);
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
        kernel.spikeGradient(walk, scratch, events);
    }

    /**
     * Runs one sample's recurrent walk (ALGORITHM.md §7), turning the spike gradients from outside
     * the layer into δ in place; {@code scratch} holds at least {@link #rowStride(int)} of N floats.
     */
    public void recurrentDelta(RecurrentWalk walk, float[] scratch) {
        if (walk.stride() != rowStride(walk.neurons())) {
            throw new IllegalArgumentException("recurrent walk: stride " + walk.stride() + ", expected "
                + rowStride(walk.neurons()));
        }
        if (scratch.length < walk.stride() || walk.activeOffsets().length < walk.steps() + 1
            || walk.decay().length < walk.steps() + 1) {
            throw new IllegalArgumentException("recurrent walk: scratch of " + scratch.length + " floats (need "
                + walk.stride() + "), or offsets or decay table shorter than T + 1 = " + (walk.steps() + 1));
        }
        int entries = walk.activeOffsets()[walk.steps()];
        if (walk.membrane().length < entries || walk.grad().length < entries) {
            throw new IllegalArgumentException("recurrent walk: " + entries + " active entries but " + walk.membrane().length
                + " membrane values and " + walk.grad().length + " gradients");
        }
        if ((long) walk.transposed().length < (long) walk.neurons() * walk.stride()) {
            throw new IllegalArgumentException("recurrent walk: Vᵀ holds " + walk.transposed().length + " floats, need N × stride");
        }
        kernel.recurrentDelta(walk, scratch);
    }
}
