package org.s3gd.kernel;

/** Checks the arguments of a {@link LifKernel} and runs it. */
public final class LifKernels {
    private final LifKernel kernel;

    public LifKernels(LifKernel kernel) {
        this.kernel = kernel;
    }

    public String implementation() {
        return kernel.name();
    }

    /** The row stride for N neurons: weight rows and the membrane are padded to whole vectors. */
    public int rowStride(int neurons) {
        return Strides.padded(neurons, kernel.lanes());
    }

    /** Floats of the membrane workspace of a walk over N neurons: the membrane, then a step's current. */
    public int workspaceSize(int neurons) {
        return 2 * rowStride(neurons);
    }

    /** Entries a list of a walk over T steps and N neurons must hold: T·N, and a vector of lanes to write past the last. */
    public int listCapacity(int steps, int neurons) {
        return Math.addExact(Math.multiplyExact(steps, neurons), kernel.lanes());
    }

    /** Runs one sample's walk. Its lists must hold {@link #listCapacity} entries, its offsets T + 1. */
    public void integrate(LifWalk walk) {
        int capacity = listCapacity(walk.steps(), walk.neurons());
        if (walk.spikeUnits().length < capacity || walk.spikeOffsets().length < walk.steps() + 1) {
            throw new IllegalArgumentException("LIF walk spike list needs T·N + " + kernel.lanes() + " = " + capacity
                + " entries and T + 1 offsets");
        }
        if (walk.keepsActiveSet() && (walk.activeValues() == null || walk.activeOffsets() == null
            || walk.activeUnits().length < capacity || walk.activeValues().length < capacity
            || walk.activeOffsets().length < walk.steps() + 1)) {
            throw new IllegalArgumentException("LIF walk active set needs units and values of T·N + " + kernel.lanes()
                + " = " + capacity + " entries and T + 1 offsets");
        }
        if (walk.stride() != rowStride(walk.neurons())) {
            throw new IllegalArgumentException("weight rows need stride " + rowStride(walk.neurons()) + " for N = "
                + walk.neurons() + ", got " + walk.stride());
        }
        if (walk.membrane().length < workspaceSize(walk.neurons())) {
            throw new IllegalArgumentException("membrane workspace needs " + workspaceSize(walk.neurons()) + " floats");
        }
        if (walk.inOffsets().length < walk.steps() + 1) {
            throw new IllegalArgumentException("input offsets shorter than T + 1 = " + (walk.steps() + 1));
        }
        if (walk.weights().length < walk.stride()) {
            throw new IllegalArgumentException("weights hold " + walk.weights().length + " floats, less than one row of "
                + walk.stride());
        }
        if (walk.recurrent() != null && (long) walk.recurrent().length < (long) walk.neurons() * walk.stride()) {
            throw new IllegalArgumentException("recurrent weights hold " + walk.recurrent().length + " floats, need N × stride = "
                + walk.neurons() + " × " + walk.stride());
        }
        kernel.integrate(walk);
    }

    /** One step of a layer with its current given: see {@link LifKernel#step}. {@code level} must not exceed θ. */
    public int step(float[] v, float[] current, int n, float beta, float threshold, float level, int[] counts, int[] found,
                    float[] values) {
        if (v.length < n || current.length < n || counts.length < n || found.length < n || values.length < n) {
            throw new IllegalArgumentException("a step over " + n + " neurons needs arrays of at least " + n + " entries");
        }
        if (!(level <= threshold)) {
            throw new IllegalArgumentException("level " + level + " above the threshold " + threshold + " would miss spikes");
        }
        return kernel.step(v, current, n, beta, threshold, level, counts, found, values);
    }
}
