package org.s3gd.kernel;

/**
 * The event-driven LIF forward pass of one sample, behind a facade that picks the Vector API
 * implementation where available and a scalar one otherwise (or with {@code -Ds3gd.kernel=scalar}).
 */
public final class LifKernels {
    private static final LifKernel KERNEL = choose();

    private LifKernels() {
    }

    static LifKernel choose() {
        if ("scalar".equals(System.getProperty("s3gd.kernel"))) {
            return new ScalarLifKernel();
        }
        try {
            return new SimdLifKernel();
        } catch (LinkageError | RuntimeException e) {
            return new ScalarLifKernel();
        }
    }

    public static String implementation() {
        return KERNEL.name();
    }

    /** The row stride for N neurons: weight rows and the membrane are padded to whole vectors. */
    public static int rowStride(int neurons) {
        return Simd.paddedWidth(neurons);
    }

    /** Runs one sample's walk. The entry arrays must hold T·N entries. Returns the number of entries. */
    public static int integrate(LifWalk walk) {
        long capacity = (long) walk.steps() * walk.neurons();
        if (walk.entryStep().length < capacity || walk.entryNeuron().length < capacity
            || walk.entryValue().length < capacity || walk.entryKind().length < capacity) {
            throw new IllegalArgumentException("LIF walk entry arrays need T·N = " + capacity + " entries");
        }
        if (walk.stride() != rowStride(walk.neurons())) {
            throw new IllegalArgumentException("weight rows need stride " + rowStride(walk.neurons()) + " for N = "
                + walk.neurons() + ", got " + walk.stride());
        }
        if (walk.membrane().length < walk.stride()) {
            throw new IllegalArgumentException("membrane workspace needs " + walk.stride() + " floats");
        }
        if (walk.inOffsets().length < walk.steps() + 1) {
            throw new IllegalArgumentException("input offsets shorter than T + 1 = " + (walk.steps() + 1));
        }
        if (walk.weights().length < walk.stride()) {
            throw new IllegalArgumentException("weights hold " + walk.weights().length + " floats, less than one row of "
                + walk.stride());
        }
        return KERNEL.integrate(walk);
    }
}
