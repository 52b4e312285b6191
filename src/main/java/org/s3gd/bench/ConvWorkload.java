package org.s3gd.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.s3gd.backend.Backend;
import org.s3gd.backend.Backends;
import org.s3gd.layer.conv.DenseConvLif;
import org.s3gd.layer.conv.SparseConvLif;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.Initializer;
import org.s3gd.model.LifParameters;
import org.s3gd.model.Parameter;
import org.s3gd.model.ParameterShape;
import org.s3gd.model.Shape;
import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.PoissonSpikes;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * One convolutional layer run both ways, for timing (ALGORITHM.md §8): a {@link SparseConvLif} and
 * a {@link DenseConvLif}, the layer objects training uses, over two copies of the same kernel, on
 * a batch of the data's images. As {@link LayerWorkload} does for a fully connected layer, the
 * kernel's gain is calibrated so that the layer's activity hits a target, and its input gradient
 * goes to an active set drawn at that activity, as if a spiking layer of the input's shape fed it,
 * so the backward computes both ∇K and ∂L/∂x; the dense one writes ∂L/∂x everywhere.
 */
public final class ConvWorkload {
    private final String name;
    private final Conv2dLif spec;
    private final Shape inputShape;
    private final Shape outputShape;
    private final int steps;
    private final EventBatch input;
    private final SparseConvLif sparse;
    private final DenseConvLif dense;
    private final Parameter sparseKernel;
    private final Parameter denseKernel;
    private final SpikeGradient.AtEntries sparseTarget;
    private final SpikeGradient.Dense denseTarget;
    private final float[] denseGradSaved;
    private final float[][] sparseGradSaved;
    private final double gain;
    private final double activity;

    /**
     * @param input          the data as spikes, {@code inputShape.units()} units
     * @param targetActivity the share of active entries to calibrate the kernel to
     */
    public ConvWorkload(String name, Shape inputShape, Conv2dLif layer, EventBatch input, double dtMillis,
                        float backpropThreshold, double targetActivity, Workers workers, long seed) {
        this.name = name;
        this.inputShape = inputShape;
        this.outputShape = layer.output(inputShape);
        this.steps = input.steps();
        this.input = input;
        LifParameters neuron = LifParameters.of(dtMillis, 10);
        this.spec = new Conv2dLif(layer.channels(), layer.kernel(), layer.stride(), layer.padding(), neuron,
            BackwardMethod.SPARSE);
        SplittableRandom random = new SplittableRandom(seed);
        ParameterShape k = spec.parameters(inputShape).get(0);
        this.sparseKernel = new Parameter("W1", k.rows(), k.cols());
        this.denseKernel = new Parameter("W1", k.rows(), k.cols());
        Initializer.SCALED_NORMAL.fill(sparseKernel.value(), k.rows(), neuron.beta(), random.split());
        Backend backend = Backends.standard();
        this.sparse = new SparseConvLif(spec, inputShape, List.of(sparseKernel), steps, backpropThreshold, backend, workers);
        this.dense = new DenseConvLif(spec.withMethod(BackwardMethod.DENSE), inputShape, List.of(denseKernel), steps,
            backpropThreshold, backend, workers);
        this.gain = calibrate(targetActivity);
        System.arraycopy(sparseKernel.value(), 0, denseKernel.value(), 0, sparseKernel.size());
        sparseForward();
        int batch = input.batchSize();
        this.activity = sparse.activeEntries() / ((double) batch * steps * outputShape.units());
        EventBatch previousActive = PoissonSpikes.sample(batch, steps, inputShape.units(), targetActivity, true,
            random.split());
        float[][] previousGrad = new float[batch][];
        for (int b = 0; b < batch; b++) {
            previousGrad[b] = new float[previousActive.count(b)];
        }
        this.sparseTarget = new SpikeGradient.AtEntries(previousActive, previousGrad);
        this.denseTarget = new SpikeGradient.Dense(new float[Math.multiplyExact(batch * steps, inputShape.units())], batch,
            steps, inputShape.units());
        denseForward();
        // ∂L/∂s as the layer above would send it: everywhere for the dense method, at the active entries for the sparse.
        SplittableRandom gradients = random.split();
        this.denseGradSaved = new float[Math.multiplyExact(batch * steps, outputShape.units())];
        for (int i = 0; i < denseGradSaved.length; i++) {
            denseGradSaved[i] = (float) (gradients.nextDouble() - 0.5) * 1e-3f;
        }
        EventBatch active = sparse.activeSet();
        this.sparseGradSaved = new float[batch][];
        for (int b = 0; b < batch; b++) {
            sparseGradSaved[b] = new float[active.count(b)];
        }
        org.s3gd.tensor.SpikeConversions.gather(denseGradSaved, active, sparseGradSaved, workers);
        restoreGradients();
    }

    // The search of --start-activity: a conv layer's activity peaks at a gain and falls beyond it.
    private double calibrate(double target) {
        float[] base = sparseKernel.value().clone();
        double total = (double) input.batchSize() * steps * outputShape.units();
        java.util.function.DoubleUnaryOperator activityAt = g -> {
            for (int i = 0; i < base.length; i++) {
                sparseKernel.value()[i] = (float) (base[i] * g);
            }
            sparseForward();
            return sparse.activeEntries() / total;
        };
        double g = org.s3gd.train.StartActivity.gain(activityAt, target);
        activityAt.applyAsDouble(g);
        return g;
    }

    public void sparseForward() {
        sparse.forward(new Spikes.Events(input), true);
    }

    public void denseForward() {
        dense.forward(new Spikes.Events(input), true);
    }

    /** Puts the saved ∂L/∂s back into both layers (their first backward stage overwrites it). */
    public void restoreGradients() {
        SpikeGradient.Dense d = (SpikeGradient.Dense) dense.outputGradient();
        System.arraycopy(denseGradSaved, 0, d.values(), 0, denseGradSaved.length);
        SpikeGradient.AtEntries s = (SpikeGradient.AtEntries) sparse.outputGradient();
        for (int b = 0; b < sparseGradSaved.length; b++) {
            System.arraycopy(sparseGradSaved[b], 0, s.values()[b], 0, sparseGradSaved[b].length);
        }
    }

    public void denseBackward() {
        dense.backward(denseTarget);
    }

    public void sparseBackward() {
        sparse.backward(sparseTarget);
    }

    public String name() {
        return name;
    }

    /** {@code 1×28×28 → conv:32x5s1p0 → 32×24×24}. */
    public String describe() {
        return inputShape + " → conv:" + spec.channels() + "x" + spec.kernel() + "s" + spec.stride() + "p" + spec.padding()
            + " → " + outputShape;
    }

    public int batch() {
        return input.batchSize();
    }

    public int steps() {
        return steps;
    }

    public double activity() {
        return activity;
    }

    public double gain() {
        return gain;
    }

    /** Input spikes / (B·T·N_in). */
    public double inputRate() {
        return input.totalCount() / ((double) input.batchSize() * steps * inputShape.units());
    }

    public long denseKeptBytes() {
        return dense.keptBytes();
    }

    public long sparseKeptBytes() {
        return sparse.keptBytes();
    }

    public float[] denseKernelGradient() {
        return denseKernel.gradient();
    }

    public float[] sparseKernelGradient() {
        return sparseKernel.gradient();
    }

    /**
     * Times {@code repetitions} rounds after {@code warmup} untimed ones, dense and sparse interleaved;
     * the gradient each backward starts from is restored outside the timed span.
     */
    public ConvRow measure(int warmup, int repetitions, String source) {
        long[][] nanos = new long[4][repetitions];
        for (int round = -warmup; round < repetitions; round++) {
            long start = System.nanoTime();
            denseForward();
            long denseForward = System.nanoTime() - start;
            restoreGradients();
            start = System.nanoTime();
            denseBackward();
            long denseBackward = System.nanoTime() - start;
            start = System.nanoTime();
            sparseForward();
            long sparseForward = System.nanoTime() - start;
            restoreGradients();
            start = System.nanoTime();
            sparseBackward();
            long sparseBackward = System.nanoTime() - start;
            if (round >= 0) {
                nanos[0][round] = denseForward;
                nanos[1][round] = sparseForward;
                nanos[2][round] = denseBackward;
                nanos[3][round] = sparseBackward;
            }
        }
        List<LayerTiming.Stat> stats = new ArrayList<>();
        for (long[] n : nanos) {
            stats.add(LayerTiming.Stat.of(Arrays.copyOf(n, n.length)));
        }
        return new ConvRow(name, describe(), source, batch(), steps, inputRate(), activity, stats.get(0), stats.get(1),
            stats.get(2), stats.get(3), denseKeptBytes(), sparseKeptBytes(), repetitions);
    }
}
