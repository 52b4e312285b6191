package org.s3gd.engine;

import java.util.List;
import org.s3gd.backend.Backend;
import org.s3gd.backend.Backends;
import org.s3gd.layer.HiddenLayer;
import org.s3gd.layer.Layers;
import org.s3gd.layer.readout.ReadoutLayer;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.SpikeConversions;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * Runs a {@link SpikingNetwork} on batches: a loop over its layers forward, the loss, and a loop
 * back that writes every parameter's gradient. Each layer is an object of {@link Layers} that runs
 * its own method and converts what it receives into the form it needs; the runner only hands
 * spikes up and gradients down, and adds each layer's share of the activity regulariser.
 *
 * <p>Its kernels come from one {@link Backend}, {@link Backends#standard()} unless another is given.
 * Not thread-safe: one runner per training loop (it parallelises internally over {@link Workers}).
 */
public final class NetworkRunner {
    private final SpikingNetwork network;
    private final NetworkConfig config;
    private final int steps;
    private final Workers workers;
    private final Backend backend;
    private final List<HiddenLayer> layers;
    private final ReadoutLayer readout;
    private final long[] backwardNanos;
    private int[] labels = new int[0];
    private int batch;
    private float[] logits = new float[0];
    private float[] logitGrad = new float[0];
    private int[] predictions = new int[0];
    private float[][] countGrad;
    private long readoutBackwardNanos;
    private boolean forwardDoneForTraining;
    private float[][] capturedSpikeGradients;

    public NetworkRunner(SpikingNetwork network, int steps, Workers workers) {
        this(network, steps, workers, Backends.standard());
    }

    public NetworkRunner(SpikingNetwork network, int steps, Workers workers, Backend backend) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.network = network;
        this.config = network.config();
        this.steps = steps;
        this.workers = workers;
        this.backend = backend;
        this.layers = Layers.hidden(network, steps, backend, workers);
        this.readout = Layers.readout(network, steps, backend, workers);
        this.backwardNanos = new long[layers.size()];
        this.countGrad = new float[layers.size()][0];
    }

    public SpikingNetwork network() {
        return network;
    }

    /** The threads this runner's layers split their work over. */
    public Workers workers() {
        return workers;
    }

    public int steps() {
        return steps;
    }

    public Backend backend() {
        return backend;
    }

    /** The object that runs hidden layer {@code l}. */
    public HiddenLayer layer(int l) {
        return layers.get(l);
    }

    /**
     * Forward pass and loss. With {@code training} the layers keep what {@link #backward()} needs;
     * without, the sparse layers skip their active sets.
     */
    public BatchStats forward(EventBatch batchInput, int[] batchLabels, boolean training) {
        if (batchInput.units() != config.inputs() || batchInput.steps() != steps) {
            throw new IllegalArgumentException("input is " + batchInput.steps() + " steps × " + batchInput.units()
                + " units, the network expects " + steps + " × " + config.inputs());
        }
        if (batchLabels.length < batchInput.batchSize()) {
            throw new IllegalArgumentException("labels has " + batchLabels.length + " entries for a batch of " + batchInput.batchSize());
        }
        labels = batchLabels;
        batch = batchInput.batchSize();
        int outputs = config.outputs();
        if (logitGrad.length < batch * outputs) {
            logitGrad = new float[batch * outputs];
            predictions = new int[batch];
        }
        double[] activity = new double[layers.size()];
        double[] spikeRate = new double[layers.size()];
        long[] nanos = new long[layers.size() + 1];
        Spikes spikes = new Spikes.Events(batchInput);
        for (int l = 0; l < layers.size(); l++) {
            HiddenLayer layer = layers.get(l);
            long start = System.nanoTime();
            spikes = layer.forward(spikes, training);
            nanos[l] = System.nanoTime() - start;
            if (!layer.spiking()) {
                continue;
            }
            activity[l] = layer.activeEntries() / ((double) batch * steps * layer.units());
        }
        long start = System.nanoTime();
        logits = readout.forward(spikes);
        nanos[layers.size()] = System.nanoTime() - start;

        double crossEntropy = Losses.crossEntropy(logits, labels, batch, outputs, logitGrad, predictions, workers);
        int correct = 0;
        for (int b = 0; b < batch; b++) {
            correct += predictions[b] == labels[b] ? 1 : 0;
        }
        double loss = crossEntropy;
        long[] spikeTotals = new long[batch];
        for (int l = 0; l < layers.size(); l++) {
            if (!layers.get(l).spiking()) {
                continue;
            }
            int neurons = layers.get(l).units();
            if (countGrad[l].length < batch * neurons) {
                countGrad[l] = new float[batch * neurons];
            }
            // The regulariser's pass over the spike counts also totals them (integers: the same in any order).
            loss += Losses.activity(config.regularizer(), layers.get(l).spikeCounts(), batch, neurons, countGrad[l], workers,
                spikeTotals);
            long total = 0;
            for (long sampleTotal : spikeTotals) {
                total += sampleTotal;
            }
            spikeRate[l] = total / ((double) batch * steps * neurons);
        }
        forwardDoneForTraining = training;
        return new BatchStats(batch, loss, crossEntropy, correct, activity, spikeRate, nanos);
    }

    /**
     * Forward pass without labels or loss, for prediction: the logits {@code [B][O]} of the batch
     * (valid until the next pass); {@link #predictions()} then gives each sample's class, the
     * first of the largest logits, as {@link #forward} does.
     */
    public float[] infer(EventBatch batchInput) {
        if (batchInput.units() != config.inputs() || batchInput.steps() != steps) {
            throw new IllegalArgumentException("input is " + batchInput.steps() + " steps × " + batchInput.units()
                + " units, the network expects " + steps + " × " + config.inputs());
        }
        batch = batchInput.batchSize();
        int outputs = config.outputs();
        if (predictions.length < batch) {
            predictions = new int[batch];
        }
        Spikes spikes = new Spikes.Events(batchInput);
        for (HiddenLayer layer : layers) {
            spikes = layer.forward(spikes, false);
        }
        logits = readout.forward(spikes);
        for (int b = 0; b < batch; b++) {
            int best = 0;
            for (int o = 1; o < outputs; o++) {
                if (logits[b * outputs + o] > logits[b * outputs + best]) {
                    best = o;
                }
            }
            predictions[b] = best;
        }
        forwardDoneForTraining = false;
        return logits;
    }

    /** Backward pass: writes {@code ∂L/∂W} of every parameter. Needs a preceding training forward. */
    public void backward() {
        if (!forwardDoneForTraining) {
            throw new IllegalStateException("backward() needs a forward(..., training = true) on the same batch first");
        }
        long start = System.nanoTime();
        readout.backward(logitGrad, layers.get(layers.size() - 1).outputGradient());
        readoutBackwardNanos = System.nanoTime() - start;
        for (int l = layers.size() - 1; l >= 0; l--) {
            long layerStart = System.nanoTime();
            HiddenLayer layer = layers.get(l);
            // ∂R/∂c_j reaches every s_j[t] of the sample (ALGORITHM.md §1, loss).
            SpikeGradient gradient = layer.outputGradient();
            if (layer.spiking()) {
                SpikeConversions.addPerNeuron(gradient, countGrad[l], workers);
            }
            if (capturedSpikeGradients != null) {
                capturedSpikeGradients[l] = SpikeConversions.denseCopy(gradient, workers);
            }
            layer.backward(l > 0 ? layers.get(l - 1).outputGradient() : null);
            backwardNanos[l] = System.nanoTime() - layerStart;
        }
        forwardDoneForTraining = false;
    }

    /**
     * Makes {@link #backward()} keep a dense copy of each hidden layer's spike gradient from outside
     * the layer, {@code ∂L/∂s} from the layer above and the regulariser, for tests and diagnostics.
     * Costs B·T·N floats per layer.
     */
    public void captureSpikeGradients(boolean enabled) {
        capturedSpikeGradients = enabled ? new float[layers.size()][] : null;
    }

    /**
     * The {@code ∂L/∂s_j[t]} hidden layer {@code l} received in the last backward pass,
     * {@code [B][T][N]}; for a sparse layer only its active entries are set (it never needs the
     * rest), others are 0.
     */
    public float[] capturedSpikeGradient(int l) {
        if (capturedSpikeGradients == null || capturedSpikeGradients[l] == null) {
            throw new IllegalStateException("enable captureSpikeGradients before backward()");
        }
        return capturedSpikeGradients[l];
    }

    /** Predicted class of each sample of the last forward pass. */
    public int[] predictions() {
        return predictions;
    }

    /** Logits {@code [B][O]} of the last forward pass. */
    public float[] logits() {
        return logits;
    }

    /** Wall time of the last backward pass of hidden layer {@code l}. */
    public long backwardNanos(int l) {
        return backwardNanos[l];
    }

    public long readoutBackwardNanos() {
        return readoutBackwardNanos;
    }

    /** Bytes hidden layer {@code l} keeps from its forward pass for its backward pass ({@link org.s3gd.layer.KeptBytes}). */
    public long backwardKeptBytes(int l) {
        return layers.get(l).keptBytes();
    }
}
