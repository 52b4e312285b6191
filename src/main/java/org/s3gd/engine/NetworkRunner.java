package org.s3gd.engine;

import java.util.ArrayList;
import java.util.List;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.SpikeConversions;

/**
 * Runs a {@link SpikingNetwork} on batches: the forward pass with the loss, and the backward pass
 * that writes every parameter's gradient. Each hidden layer runs its own method (dense or sparse);
 * between layers of different methods the spikes and gradients are converted.
 *
 * <p>It owns the buffers that connect the two passes and reuses them from batch to batch. Not
 * thread-safe: one runner per training loop (it parallelises internally over {@link Workers}).
 */
public final class NetworkRunner {
    private final SpikingNetwork network;
    private final NetworkConfig config;
    private final int steps;
    private final Workers workers;
    private final Workspace workspace = new Workspace();
    private final List<LayerBuffers> layers = new ArrayList<>();
    private EventBatch input;
    private int[] labels = new int[0];
    private int batch;
    private float[] logits = new float[0];
    private float[] logitGrad = new float[0];
    private int[] peakStep = new int[0];
    private int[] predictions = new int[0];
    private float[] readoutCurrent = new float[0];
    private float[] scratch = new float[0];
    private long readoutForwardNanos;
    private long readoutBackwardNanos;
    private boolean forwardDoneForTraining;
    private float[][] capturedSpikeGradients;

    public NetworkRunner(SpikingNetwork network, int steps, Workers workers) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.network = network;
        this.config = network.config();
        this.steps = steps;
        this.workers = workers;
        for (int l = 0; l < config.depth(); l++) {
            layers.add(new LayerBuffers(config.layerInputs(l), config.layerWidth(l), steps, config.method(l)));
        }
    }

    public SpikingNetwork network() {
        return network;
    }

    public int steps() {
        return steps;
    }

    /**
     * Forward pass and loss. With {@code training} the active sets are recorded for
     * {@link #backward()}; without, the sparse layers skip them.
     */
    public BatchStats forward(EventBatch batchInput, int[] batchLabels, boolean training) {
        if (batchInput.units() != config.inputs() || batchInput.steps() != steps) {
            throw new IllegalArgumentException("input is " + batchInput.steps() + " steps × " + batchInput.units()
                + " units, the network expects " + steps + " × " + config.inputs());
        }
        if (batchLabels.length < batchInput.batchSize()) {
            throw new IllegalArgumentException("labels has " + batchLabels.length + " entries for a batch of " + batchInput.batchSize());
        }
        input = batchInput;
        labels = batchLabels;
        batch = batchInput.batchSize();
        int outputs = config.outputs();
        if (logits.length < batch * outputs) {
            logits = new float[batch * outputs];
            logitGrad = new float[batch * outputs];
            peakStep = new int[batch * outputs];
            predictions = new int[batch];
        }
        double[] activity = new double[layers.size()];
        double[] spikeRate = new double[layers.size()];
        long[] nanos = new long[layers.size() + 1];
        for (int l = 0; l < layers.size(); l++) {
            long start = System.nanoTime();
            forwardLayer(l, training);
            LayerBuffers layer = layers.get(l);
            layer.forwardNanos = System.nanoTime() - start;
            nanos[l] = layer.forwardNanos;
            double entries = (double) batch * steps * layer.neurons;
            activity[l] = layer.active / entries;
            long spikes = 0;
            for (int k = 0; k < batch * layer.neurons; k++) {
                spikes += layer.counts[k];
            }
            spikeRate[l] = spikes / entries;
        }
        long start = System.nanoTime();
        forwardReadout();
        readoutForwardNanos = System.nanoTime() - start;
        nanos[layers.size()] = readoutForwardNanos;

        double crossEntropy = Losses.crossEntropy(logits, labels, batch, outputs, logitGrad, predictions);
        int correct = 0;
        for (int b = 0; b < batch; b++) {
            correct += predictions[b] == labels[b] ? 1 : 0;
        }
        double loss = crossEntropy;
        for (LayerBuffers layer : layers) {
            loss += Losses.activity(config.regularizer(), layer.counts, batch, layer.neurons, layer.countGrad);
        }
        forwardDoneForTraining = training;
        return new BatchStats(batch, loss, crossEntropy, correct, activity, spikeRate, nanos);
    }

    private void forwardLayer(int l, boolean training) {
        LayerBuffers layer = layers.get(l);
        Parameter weights = network.hidden(l);
        boolean previousDense = l > 0 && layers.get(l - 1).method == BackwardMethod.DENSE;
        if (layer.method == BackwardMethod.SPARSE) {
            layer.ensureBatch(batch, false);
            EventBatch layerInput = l == 0 ? input : layers.get(l - 1).spikes;
            SparseForward.run(config.neuron(), config.backpropThreshold(), weights.value(), layer.inputs, layer.neurons,
                layerInput, layer.spikes, training ? layer.activeSet : null, layer.counts, workers, workspace);
            // Without an active set (inference) the activity is not measured.
            layer.active = training ? layer.activeSet.totalCount() : 0;
        } else {
            boolean materialise = l == 0 || !previousDense;
            layer.ensureBatch(batch, materialise);
            if (materialise) {
                SpikeConversions.toDense(l == 0 ? input : layers.get(l - 1).spikes, layer.denseInput, workers);
            }
            layer.active = DenseForward.run(config.neuron(), config.backpropThreshold(), weights.value(), layer.inputs,
                layer.neurons, batch, steps, denseInput(l), layer.membrane, layer.denseSpikes, layer.counts,
                workers, workspace);
            boolean sparseConsumer = l + 1 < layers.size() && layers.get(l + 1).method == BackwardMethod.SPARSE;
            if (sparseConsumer) {
                SpikeConversions.fromDense(layer.denseSpikes, batch, layer.spikes, workers);
            }
        }
    }

    private float[] denseInput(int l) {
        boolean previousDense = l > 0 && layers.get(l - 1).method == BackwardMethod.DENSE;
        return previousDense ? layers.get(l - 1).denseSpikes : layers.get(l).denseInput;
    }

    private void forwardReadout() {
        LayerBuffers last = layers.get(layers.size() - 1);
        Parameter readout = network.readout();
        int outputs = config.outputs();
        if (last.method == BackwardMethod.SPARSE) {
            Readout.forwardSparse(config.readoutBeta(), config.readoutMode(), readout.value(), last.neurons, outputs,
                last.spikes, logits, peakStep, workers, workspace);
        } else {
            int size = Math.multiplyExact(Math.multiplyExact(batch, steps), outputs);
            if (readoutCurrent.length < size) {
                readoutCurrent = new float[size];
            }
            Readout.forwardDense(config.readoutBeta(), config.readoutMode(), readout.value(), last.neurons, outputs,
                batch, steps, last.denseSpikes, readoutCurrent, logits, peakStep, workers, workspace);
        }
    }

    /** Backward pass: writes {@code ∂L/∂W} of every parameter. Needs a preceding training forward. */
    public void backward() {
        if (!forwardDoneForTraining) {
            throw new IllegalStateException("backward() needs a forward(..., training = true) on the same batch first");
        }
        long start = System.nanoTime();
        backwardReadout();
        readoutBackwardNanos = System.nanoTime() - start;
        for (int l = layers.size() - 1; l >= 0; l--) {
            long layerStart = System.nanoTime();
            backwardLayer(l);
            layers.get(l).backwardNanos = System.nanoTime() - layerStart;
        }
        forwardDoneForTraining = false;
    }

    private void backwardReadout() {
        LayerBuffers last = layers.get(layers.size() - 1);
        Parameter readout = network.readout();
        int outputs = config.outputs();
        if (last.method == BackwardMethod.SPARSE) {
            last.sizeSparseGrad(batch);
            ReadoutBackward.sparse(config.readoutBeta(), config.readoutMode(), readout.value(), last.neurons, outputs,
                last.spikes, last.activeSet, logitGrad, peakStep, readout.gradient(), last.grad, workers, workspace);
        } else {
            ReadoutBackward.dense(config.readoutBeta(), config.readoutMode(), readout.value(), last.neurons, outputs,
                batch, steps, last.denseSpikes, logitGrad, peakStep, readoutCurrent, readout.gradient(), last.denseGrad,
                workers);
        }
    }

    private void backwardLayer(int l) {
        LayerBuffers layer = layers.get(l);
        Parameter weights = network.hidden(l);
        addRegularizerGradient(layer);
        if (capturedSpikeGradients != null) {
            capture(l);
        }
        LayerBuffers previous = l > 0 ? layers.get(l - 1) : null;
        if (layer.method == BackwardMethod.SPARSE) {
            SparseBackward.surrogate(config.neuron(), layer.activeSet, layer.grad, workers);
            EventBatch layerInput = l == 0 ? input : previous.spikes;
            SparseBackward.weightGradient(config.neuron(), layer.inputs, layer.neurons, layerInput, layer.activeSet,
                layer.grad, weights.gradient(), workers, workspace);
            if (previous != null && previous.method == BackwardMethod.SPARSE) {
                previous.sizeSparseGrad(batch);
                SparseBackward.spikeGradient(config.neuron(), layer.inputs, layer.neurons, weights.value(),
                    layer.activeSet, layer.grad, previous.activeSet, previous.grad, workers, workspace);
            } else if (previous != null) {
                SparseBackward.spikeGradientDense(config.neuron(), layer.inputs, layer.neurons, weights.value(),
                    layer.activeSet, layer.grad, previous.denseGrad, workers, workspace);
            }
        } else {
            DenseBackward.epsilon(config.neuron(), batch, steps, layer.neurons, layer.denseGrad, layer.membrane,
                workers, workspace);
            DenseBackward.weightGradient(batch, steps, layer.inputs, layer.neurons, denseInput(l), layer.denseGrad,
                weights.gradient(), workers);
            if (previous != null && previous.method == BackwardMethod.DENSE) {
                DenseBackward.spikeGradient(batch, steps, layer.inputs, layer.neurons, layer.denseGrad, weights.value(),
                    previous.denseGrad, workers);
            } else if (previous != null) {
                int size = Math.multiplyExact(Math.multiplyExact(batch, steps), layer.inputs);
                if (scratch.length < size) {
                    scratch = new float[size];
                }
                DenseBackward.spikeGradient(batch, steps, layer.inputs, layer.neurons, layer.denseGrad, weights.value(),
                    scratch, workers);
                previous.sizeSparseGrad(batch);
                SpikeConversions.gather(scratch, previous.activeSet, previous.grad, workers);
            }
        }
    }

    /** Adds ∂R/∂c_j, which every s_j[t] of the sample receives, where the layer needs its gradient. */
    private void addRegularizerGradient(LayerBuffers layer) {
        int neurons = layer.neurons;
        workers.forEachChunk(batch, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                int countOffset = b * neurons;
                if (layer.method == BackwardMethod.SPARSE) {
                    int[] units = layer.activeSet.unit(b);
                    float[] g = layer.grad[b];
                    for (int e = 0, n = layer.activeSet.count(b); e < n; e++) {
                        g[e] += layer.countGrad[countOffset + units[e]];
                    }
                } else {
                    int base = b * steps * neurons;
                    for (int t = 0; t < steps; t++) {
                        for (int j = 0; j < neurons; j++) {
                            layer.denseGrad[base + t * neurons + j] += layer.countGrad[countOffset + j];
                        }
                    }
                }
            }
        });
    }

    /**
     * Makes {@link #backward()} keep a dense copy of each hidden layer's total spike gradient
     * {@code ∂L/∂s}, for tests and diagnostics. Costs B·T·N floats per layer.
     */
    public void captureSpikeGradients(boolean enabled) {
        capturedSpikeGradients = enabled ? new float[layers.size()][] : null;
    }

    /**
     * The total {@code ∂L/∂s_j[t]} of hidden layer {@code l} in the last backward pass, {@code [B][T][N]};
     * for a sparse layer only its active entries are set (it never needs the rest), others are 0.
     */
    public float[] capturedSpikeGradient(int l) {
        if (capturedSpikeGradients == null || capturedSpikeGradients[l] == null) {
            throw new IllegalStateException("enable captureSpikeGradients before backward()");
        }
        return capturedSpikeGradients[l];
    }

    private void capture(int l) {
        LayerBuffers layer = layers.get(l);
        int size = batch * steps * layer.neurons;
        float[] copy = new float[size];
        if (layer.method == BackwardMethod.DENSE) {
            System.arraycopy(layer.denseGrad, 0, copy, 0, size);
        } else {
            SpikeConversions.scatter(layer.activeSet, layer.grad, copy, workers);
        }
        capturedSpikeGradients[l] = copy;
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
        return layers.get(l).backwardNanos;
    }

    public long readoutBackwardNanos() {
        return readoutBackwardNanos;
    }

    /**
     * Bytes hidden layer {@code l} keeps from its forward pass for its backward pass: for the sparse
     * method its input spikes as events and its active set (unit + membrane per entry); for the dense
     * method its dense input and membrane histories.
     */
    public long backwardKeptBytes(int l) {
        LayerBuffers layer = layers.get(l);
        if (layer.method == BackwardMethod.SPARSE) {
            EventBatch layerInput = l == 0 ? input : layers.get(l - 1).spikes;
            return layerInput.liveBytes() + layer.activeSet.liveBytes();
        }
        long rows = (long) batch * steps;
        return rows * (layer.inputs + layer.neurons) * Float.BYTES;
    }

    /** The active set of hidden layer {@code l} from the last training forward (sparse layers only). */
    public EventBatch activeSet(int l) {
        return layers.get(l).activeSet;
    }

    /** Output spikes of hidden layer {@code l} as events (sparse layers, or dense ones feeding a sparse layer). */
    public EventBatch spikes(int l) {
        return layers.get(l).spikes;
    }
}
