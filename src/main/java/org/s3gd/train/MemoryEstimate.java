package org.s3gd.train;

import java.util.ArrayList;
import java.util.List;
import org.s3gd.data.fmnist.FashionMnist;
import org.s3gd.data.nmnist.NmnistEncoding;
import org.s3gd.data.nmnist.NmnistReader;
import org.s3gd.data.shd.ShdReader;
import org.s3gd.data.synthetic.RandmanParameters;
import org.s3gd.layer.KeptBytes;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.ParameterShape;
import org.s3gd.model.SpikingLayerSpec;

/**
 * What training a network will keep on the heap, estimated before anything is allocated so a run
 * that cannot fit fails at once with advice instead of after minutes with an OutOfMemoryError.
 *
 * <p>Each hidden layer keeps what {@link KeptBytes} counts, with, for the dense method, as much
 * again for its spike history and its gradient (about three times the kept bytes in all). The
 * sparse method keeps events in proportion to activity; the estimate assumes a generous 20 % of
 * B·T·N active entries (each with a gradient as well) and 10 % spiking, far above the 1–5 % seen
 * in training.
 *
 * @param bytes     the estimated total
 * @param breakdown the parts, in words
 */
public record MemoryEstimate(long bytes, List<String> breakdown) {
    static final double ASSUMED_ACTIVITY = 0.20;
    static final double ASSUMED_SPIKE_RATE = 0.10;

    public MemoryEstimate {
        breakdown = List.copyOf(breakdown);
    }

    /** The input units {@code config}'s data set has, known without reading it. */
    public static int inputsOf(TrainingConfig config) {
        return switch (config.dataset()) {
            case SYNTHETIC -> config.synthetic().inputs();
            case FASHION_MNIST -> FashionMnist.INPUTS;
            case NMNIST -> config.keepPolarity() ? 2 * NmnistEncoding.PIXELS : NmnistEncoding.PIXELS;
            case SHD -> ShdReader.INPUTS;
        };
    }

    /** The classes {@code config}'s data set has. */
    public static int classesOf(TrainingConfig config) {
        return switch (config.dataset()) {
            case SYNTHETIC -> config.synthetic().classes();
            case FASHION_MNIST -> FashionMnist.CLASSES;
            case NMNIST -> NmnistReader.CLASSES;
            case SHD -> ShdReader.CLASSES;
        };
    }

    /** The estimate for training {@code config} on its data set. */
    public static MemoryEstimate of(TrainingConfig config) {
        return of(config.network(inputsOf(config), classesOf(config)), config.batchSize(), config.steps());
    }

    public static MemoryEstimate of(NetworkConfig network, int batch, int steps) {
        double rows = (double) batch * steps;
        double total = 0;
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < network.depth(); l++) {
            if (!network.spiking(l)) {
                continue;
            }
            SpikingLayerSpec spec = network.hiddenLayer(l);
            int inputs = network.layerInputs(l);
            int neurons = network.layerWidth(l);
            double layer;
            if (spec.method() == BackwardMethod.DENSE) {
                layer = KeptBytes.dense(batch, steps, inputs, neurons, spec.recurrent()) * 3.0;
            } else {
                long active = (long) (rows * neurons * ASSUMED_ACTIVITY);
                layer = KeptBytes.sparse((long) (rows * inputs * ASSUMED_SPIKE_RATE), active,
                    (long) (rows * neurons * ASSUMED_SPIKE_RATE), spec.recurrent(), batch, steps)
                    + (double) active * Float.BYTES;
            }
            total += layer;
            parts.add("layer " + (l + 1) + " (" + spec.kind() + ", " + spec.method().name().toLowerCase() + "): " + mib(layer));
        }
        double readout = rows * network.outputs() * Float.BYTES * 2;
        double weights = 0;
        for (int l = 0; l < network.layers().size(); l++) {
            for (ParameterShape shape : network.layers().get(l).parameters(network.layerShape(l))) {
                weights += (double) shape.rows() * shape.cols();
            }
        }
        double optimizer = weights * Float.BYTES * 4; // value, gradient, two Adam moments
        total += readout + optimizer;
        parts.add("readout: " + mib(readout));
        parts.add("weights and Adam: " + mib(optimizer));
        return new MemoryEstimate((long) Math.min(total, Long.MAX_VALUE), parts);
    }

    /** Room for what a run holds besides its network and data: the JVM's own working set, evaluation, plots. */
    static final long HEAP_BASE = 256L << 20;

    /**
     * The heap to start a training run of {@code config} with: half again over the network's
     * estimate and the data set's, so the collector has room, plus {@link #HEAP_BASE}; in whole
     * 64 MiB. The JVM's default, a share of the machine's memory, lets the heap grow far past what
     * the run keeps, and the process's memory with it.
     */
    public static long heapFor(TrainingConfig config) {
        double bytes = HEAP_BASE + 1.5 * (of(config).bytes() + dataBytes(config));
        long unit = 64L << 20;
        return (long) Math.ceil(bytes / unit) * unit;
    }

    /**
     * The data set in memory, training and test samples, as {@code SpikeSample} holds it: T + 1
     * step offsets of 4 bytes and 2 bytes a spike, at a spike count above what the files give
     * (F-MNIST: every pixel once; N-MNIST and SHD: twice the rate measured on their files).
     */
    static double dataBytes(TrainingConfig config) {
        int steps = config.steps();
        int inputs = inputsOf(config);
        return switch (config.dataset()) {
            case SYNTHETIC -> {
                RandmanParameters task = config.synthetic();
                yield sampleBytes(steps, inputs) * (task.trainPerClass() + task.testPerClass()) * task.classes();
            }
            case FASHION_MNIST -> sampleBytes(steps, inputs) * 70_000;
            case NMNIST -> sampleBytes(steps, 0.024 * inputs * steps) * 70_000;
            case SHD -> sampleBytes(steps, 0.04 * inputs * steps) * 10_420;
        };
    }

    private static double sampleBytes(int steps, double spikes) {
        return 4.0 * (steps + 1) + 2.0 * spikes + 32;
    }

    /** Whether the estimate fits in {@code available} bytes with a quarter to spare. */
    public boolean fitsIn(long available) {
        return bytes * 1.25 <= available;
    }

    public static String mib(double bytes) {
        return String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / (1 << 20));
    }
}
