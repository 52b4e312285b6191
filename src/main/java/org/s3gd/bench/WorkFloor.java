package org.s3gd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.s3gd.backend.Backend;
import org.s3gd.engine.BatchStats;
import org.s3gd.engine.NetworkRunner;
import org.s3gd.kernel.LifKernels;
import org.s3gd.kernel.LifWalk;
import org.s3gd.kernel.SparseKernels;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.tensor.EventBatch;

/**
 * The least time one sparse training step needs on this machine: its work counted phase by phase
 * (row additions, multiply–adds, membrane updates) and turned into time at the rates the kernels
 * reach here, on one thread, divided among the threads. Set beside the measured time of each phase,
 * it shows where time is lost.
 *
 * <p>Work per hidden layer l with N_in inputs, N neurons, S_in input spikes, A active entries:
 * forward S_in·N row additions and B·T·N membrane steps; backward A·N_in multiply–adds for ∇W,
 * and as many again for ∂L/∂x when a layer below needs it. The readout: S·O additions forward,
 * (S + A)·O backward. Adam: four streams over every parameter.
 */
public final class WorkFloor {
    /**
     * Single-thread rates measured here.
     *
     * @param rowNs   ns per float of a row summed into registers (the forward's current, the backward's ∇W and ∂L/∂x)
     * @param stepNs  ns per neuron and step of the event-driven membrane update with no input
     */
    public record Rates(double rowNs, double stepNs) {
    }

    /** One phase: what it does, its floor and what it took, in ms. */
    public record Phase(String name, String work, double floorMs, double measuredMs) {
        public double ratio() {
            return measuredMs / floorMs;
        }
    }

    private WorkFloor() {
    }

    /** The rates of {@code backend}'s kernels on this machine, one thread, L2-resident rows. */
    public static Rates measureRates(Backend backend) {
        SparseKernels sparse = backend.sparse();
        int width = sparse.rowStride(200);
        int rowCount = 784;
        SplittableRandom random = new SplittableRandom(1);
        float[] rows = new float[rowCount * width];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = (float) random.nextDouble(-1, 1);
        }
        int entries = 64;
        int[] rowIndex = new int[entries];
        float[] coefficient = new float[entries];
        for (int e = 0; e < entries; e++) {
            rowIndex[e] = random.nextInt(rowCount);
            coefficient[e] = (float) random.nextDouble();
        }
        float[] out = new float[width];
        int rounds = 20_000;
        double rowNs = best(() -> {
            for (int r = 0; r < rounds; r++) {
                sparse.accumulateRows(rows, width, rowIndex, coefficient, 0, entries, out, 0);
            }
        }) / ((double) rounds * entries * width);

        LifKernels lif = backend.lif();
        int neurons = 200;
        int steps = 100;
        int stride = lif.rowStride(neurons);
        int capacity = lif.listCapacity(steps, neurons);
        int[] offsets = new int[steps + 1];
        LifWalk walk = new LifWalk(steps, neurons, stride, new float[stride], null, offsets, new int[0], 0.9f, 1f, 0f,
            new int[capacity], new int[steps + 1], null, null, null, new float[lif.workspaceSize(neurons)]);
        int walks = 2_000;
        double stepNs = best(() -> {
            for (int r = 0; r < walks; r++) {
                lif.integrate(walk);
            }
        }) / ((double) walks * steps * neurons);
        return new Rates(rowNs, stepNs);
    }

    // The fastest of a few runs (after one to warm up), in ns.
    private static double best(Runnable work) {
        work.run();
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    /**
     * The phases of the last step of {@code workload} (a sparse network), their floors at
     * {@code rates} on {@code threads} threads, and the measured times.
     */
    public static List<Phase> phases(StepWorkload workload, StepWorkload.StepTimes measured, Rates rates, int threads) {
        NetworkConfig config = workload.networkConfig();
        NetworkRunner runner = workload.runner();
        BatchStats stats = workload.lastStats();
        EventBatch input = workload.input();
        long rows = (long) input.batchSize() * input.steps();
        List<Phase> phases = new ArrayList<>();
        double inputSpikes = input.totalCount();
        double layersForward = 0;
        double layersBackward = 0;
        double spikes = 0;
        double active = 0;
        for (int l = 0; l < config.depth(); l++) {
            int inputs = config.layerInputs(l);
            int neurons = config.layerWidth(l);
            active = stats.activity()[l] * rows * neurons;
            spikes = stats.spikeRate()[l] * rows * neurons;
            double forwardFloor = (inputSpikes * neurons * rates.rowNs() + rows * neurons * rates.stepNs()) / threads / 1e6;
            double forwardMs = stats.forwardNanos()[l] / 1e6;
            layersForward += forwardMs;
            phases.add(new Phase("layer " + (l + 1) + " forward", fmt("%.3g row additions of %d + %.3g membrane steps",
                inputSpikes, neurons, (double) rows * neurons), forwardFloor, forwardMs));
            int gradients = l == 0 ? 1 : 2;
            double backwardFloor = gradients * active * inputs * rates.rowNs() / threads / 1e6;
            double backwardMs = runner.backwardNanos(l) / 1e6;
            layersBackward += backwardMs;
            phases.add(new Phase("layer " + (l + 1) + " backward", fmt("%d × %.3g active × %d multiply–adds", gradients,
                active, inputs), backwardFloor, backwardMs));
            inputSpikes = spikes;
        }
        int outputs = config.outputs();
        double readoutForwardMs = stats.forwardNanos()[config.depth()] / 1e6;
        phases.add(new Phase("readout forward", fmt("%.3g row additions of %d", spikes, outputs),
            spikes * outputs * rates.rowNs() / threads / 1e6, readoutForwardMs));
        double readoutBackwardMs = runner.readoutBackwardNanos() / 1e6;
        phases.add(new Phase("readout backward", fmt("(%.3g spikes + %.3g active) × %d", spikes, active, outputs),
            (spikes + active) * outputs * rates.rowNs() / threads / 1e6, readoutBackwardMs));
        long parameters = runner.network().parameters().stream().mapToLong(Parameter::size).sum();
        phases.add(new Phase("Adam", fmt("4 streams × %d parameters", parameters),
            4.0 * parameters * rates.rowNs() / threads / 1e6, measured.optimizerMs()));
        double rest = measured.totalMs() - layersForward - layersBackward - readoutForwardMs - readoutBackwardMs
            - measured.optimizerMs();
        phases.add(new Phase("the rest", "loss, regulariser, conversions, statistics", 0, Math.max(0, rest)));
        return phases;
    }

    /** Phase by phase, the median floor and measured time of several steps' {@link #phases}. */
    public static List<Phase> median(List<List<Phase>> steps) {
        List<Phase> first = steps.get(0);
        List<Phase> median = new ArrayList<>();
        for (int p = 0; p < first.size(); p++) {
            int index = p;
            double floor = PeerStep.median(steps.stream().mapToDouble(s -> s.get(index).floorMs()).toArray());
            double measured = PeerStep.median(steps.stream().mapToDouble(s -> s.get(index).measuredMs()).toArray());
            median.add(new Phase(first.get(p).name(), first.get(p).work(), floor, measured));
        }
        return median;
    }

    private static String fmt(String format, Object... args) {
        return String.format(java.util.Locale.ROOT, format, args);
    }
}
