package org.s3gd.layer.pool;

import java.util.Arrays;
import java.util.List;
import org.s3gd.layer.HiddenLayer;
import org.s3gd.model.Parameter;
import org.s3gd.model.Shape;
import org.s3gd.model.SpikePool;
import org.s3gd.parallel.Workers;
import org.s3gd.parallel.Workspace;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.SpikeConversions;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * Spike pooling at run time (ALGORITHM.md §8), event-driven both ways: each input spike goes to its
 * window's output (once per step for max, the OR; every time for sum, so an output unit can appear
 * several times in a step, as many as the window's spikes), and the gradient goes back only to
 * where the layer below needs it.
 *
 * <p>When the layer below keeps its gradient at an active set, this layer asks the layer above for
 * its gradient only at the windows that hold one of those entries (its own "needed" set), so a
 * sparse stack stays sparse through the pooling. Max-pooling's gradient goes to the first input of
 * the window with the most spikes in row-major order (the first spiking one, or the first when
 * none spiked: PyTorch's {@code max_pool2d}); sum-pooling's to every input of the window.
 */
public final class SpikePoolLayer implements HiddenLayer {
    private final SpikePool spec;
    private final Shape in;
    private final Shape out;
    private final HiddenLayer previous;
    private final int steps;
    private final Workers workers;
    private final Workspace workspace = new Workspace();
    private final EventBatch inputBuffer;
    private final EventBatch output;
    private final EventBatch needed;
    private EventBatch input;
    private int[][] neededIndex = new int[0][];
    private float[][] neededGrad = new float[0][];
    private float[] denseGrad = new float[0];
    private SpikeGradient gradient;
    private long backwardNanos;
    /**
     * Per input unit its window's output unit (−1 in the rows or columns no window covers); per
     * output unit its window's top-left input.
     */
    private final int[] windowOf;
    private final int[] cornerOf;
    /** Per window element, row-major: its offset from the window's top-left input. */
    private final int[] windowOffset;

    /** @param previous the layer below, or null when pooling takes the network's input */
    public SpikePoolLayer(SpikePool spec, Shape input, HiddenLayer previous, int steps, Workers workers) {
        this.spec = spec;
        this.in = input;
        this.out = spec.output(input);
        this.previous = previous;
        this.steps = steps;
        this.workers = workers;
        this.inputBuffer = new EventBatch(0, steps, in.units(), false);
        this.output = new EventBatch(0, steps, out.units(), false);
        this.needed = new EventBatch(0, steps, out.units(), false);
        // Index arithmetic once here: the passes look units up instead of dividing per spike or entry.
        int size = spec.size();
        this.windowOf = new int[in.units()];
        for (int i = 0; i < windowOf.length; i++) {
            int c = i / in.positions();
            int y = i / in.width() % in.height() / size;
            int x = i % in.width() / size;
            windowOf[i] = y < out.height() && x < out.width() ? (c * out.height() + y) * out.width() + x : -1;
        }
        this.cornerOf = new int[out.units()];
        for (int m = 0; m < cornerOf.length; m++) {
            int c = m / out.positions();
            int top = m / out.width() % out.height() * size;
            int left = m % out.width() * size;
            cornerOf[m] = (c * in.height() + top) * in.width() + left;
        }
        this.windowOffset = new int[size * size];
        for (int ky = 0; ky < size; ky++) {
            for (int kx = 0; kx < size; kx++) {
                windowOffset[ky * size + kx] = ky * in.width() + kx;
            }
        }
    }

    @Override
    public SpikePool spec() {
        return spec;
    }

    @Override
    public int inputs() {
        return in.units();
    }

    @Override
    public int units() {
        return out.units();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Spikes forward(Spikes spikes, boolean training) {
        input = SpikeConversions.events(spikes, inputBuffer, workers);
        int batch = input.batchSize();
        output.resize(batch);
        boolean max = spec.mode() == SpikePool.Mode.MAX;
        workers.forEachChunk(batch, (chunk, from, to) -> {
            int[] seen = workspace.ints(chunk, "pool.seen", out.units());
            Arrays.fill(seen, -1);
            for (int b = from; b < to; b++) {
                int[] offsets = input.offsets(b);
                int[] units = input.unit(b);
                for (int t = 0; t < steps; t++) {
                    int stamp = b * steps + t;
                    for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                        int m = windowOf[units[e]];
                        if (m >= 0 && (!max || seen[m] != stamp)) {
                            seen[m] = stamp;
                            output.add(b, m);
                        }
                    }
                    output.endStep(b, t);
                }
            }
        });
        gradient = training ? gradientForm(batch) : null;
        return new Spikes.Events(output);
    }

    // Dense when the layer below is; otherwise only at the windows of the entries it keeps.
    private SpikeGradient gradientForm(int batch) {
        SpikeGradient below = previous == null ? null : previous.outputGradient();
        if (below instanceof SpikeGradient.Dense) {
            int size = Math.multiplyExact(Math.multiplyExact(batch, steps), out.units());
            if (denseGrad.length < size) {
                denseGrad = new float[size];
            }
            return new SpikeGradient.Dense(denseGrad, batch, steps, out.units());
        }
        needed.resize(batch);
        if (neededIndex.length < batch) {
            neededIndex = Arrays.copyOf(neededIndex, batch);
            neededGrad = Arrays.copyOf(neededGrad, batch);
        }
        if (below instanceof SpikeGradient.AtEntries at) {
            EventBatch entries = at.entries();
            workers.forEachChunk(batch, (chunk, from, to) -> {
                int[] slot = workspace.ints(chunk, "pool.slot", out.units());
                int[] slotStamp = workspace.ints(chunk, "pool.slotStamp", out.units());
                Arrays.fill(slotStamp, -1);
                for (int b = from; b < to; b++) {
                    int count = entries.count(b);
                    if (neededIndex[b] == null || neededIndex[b].length < count) {
                        neededIndex[b] = new int[Math.max(16, count + (count >> 1))];
                    }
                    int[] offsets = entries.offsets(b);
                    int[] units = entries.unit(b);
                    for (int t = 0; t < steps; t++) {
                        int stamp = b * steps + t;
                        for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                            int m = windowOf[units[e]];
                            if (m < 0) {
                                neededIndex[b][e] = -1;
                                continue;
                            }
                            if (slotStamp[m] != stamp) {
                                slotStamp[m] = stamp;
                                slot[m] = needed.count(b);
                                needed.add(b, m);
                            }
                            neededIndex[b][e] = slot[m];
                        }
                        needed.endStep(b, t);
                    }
                    int n = needed.count(b);
                    if (neededGrad[b] == null || neededGrad[b].length < n) {
                        neededGrad[b] = new float[Math.max(16, n + (n >> 1))];
                    }
                }
            });
        } else {
            for (int b = 0; b < batch; b++) {
                neededGrad[b] = neededGrad[b] == null ? new float[0] : neededGrad[b];
            }
        }
        return new SpikeGradient.AtEntries(needed, neededGrad);
    }

    @Override
    public SpikeGradient outputGradient() {
        if (gradient == null) {
            throw new IllegalStateException(spec.kind() + " layer: the backward pass needs a training forward pass first");
        }
        return gradient;
    }

    @Override
    public void backward(SpikeGradient target) {
        long start = System.nanoTime();
        if (target != null) {
            route(target);
        }
        backwardNanos = System.nanoTime() - start;
    }

    private void route(SpikeGradient target) {
        boolean max = spec.mode() == SpikePool.Mode.MAX;
        int batch = input.batchSize();
        workers.forEachChunk(batch, (chunk, from, to) -> {
            int[] spikeCount = workspace.ints(chunk, "pool.count", in.units());
            int[] countStamp = workspace.ints(chunk, "pool.countStamp", in.units());
            Arrays.fill(countStamp, -1);
            for (int b = from; b < to; b++) {
                int[] inOffsets = input.offsets(b);
                int[] inUnits = input.unit(b);
                for (int t = 0; t < steps; t++) {
                    int stamp = b * steps + t;
                    if (max) {
                        for (int e = inOffsets[t]; e < inOffsets[t + 1]; e++) {
                            int i = inUnits[e];
                            spikeCount[i] = countStamp[i] == stamp ? spikeCount[i] + 1 : 1;
                            countStamp[i] = stamp;
                        }
                    }
                    switch (target) {
                        case SpikeGradient.AtEntries at -> {
                            int[] offsets = at.entries().offsets(b);
                            int[] units = at.entries().unit(b);
                            float[] values = at.values()[b];
                            for (int e = offsets[t]; e < offsets[t + 1]; e++) {
                                int n = units[e];
                                int m = windowOf[n];
                                float g = m < 0 ? 0f : gradientAt(b, t, m, e);
                                values[e] = max && m >= 0 && routed(m, spikeCount, countStamp, stamp) != n ? 0f : g;
                            }
                        }
                        case SpikeGradient.Dense dense -> {
                            float[] values = dense.values();
                            int row = (b * steps + t) * in.units();
                            Arrays.fill(values, row, row + in.units(), 0f);
                            float[] mine = ((SpikeGradient.Dense) gradient).values();
                            int outRow = (b * steps + t) * out.units();
                            for (int m = 0; m < out.units(); m++) {
                                float g = mine[outRow + m];
                                if (g == 0f) {
                                    continue;
                                }
                                if (max) {
                                    values[row + routed(m, spikeCount, countStamp, stamp)] = g;
                                } else {
                                    forWindow(m, i -> values[row + i] = g);
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    private float gradientAt(int b, int t, int m, int entry) {
        return switch (gradient) {
            case SpikeGradient.AtEntries at -> neededGrad[b][neededIndex[b][entry]];
            case SpikeGradient.Dense dense -> dense.values()[(b * steps + t) * out.units() + m];
        };
    }

    // The input of window m that max-pooling's gradient goes to: the first with the most spikes, row-major.
    private int routed(int m, int[] spikeCount, int[] countStamp, int stamp) {
        int corner = cornerOf[m];
        int best = -1;
        int bestCount = -1;
        for (int offset : windowOffset) {
            int i = corner + offset;
            int count = countStamp[i] == stamp ? spikeCount[i] : 0;
            if (count > bestCount) {
                best = i;
                bestCount = count;
            }
        }
        return best;
    }

    private void forWindow(int m, java.util.function.IntConsumer action) {
        int corner = cornerOf[m];
        for (int offset : windowOffset) {
            action.accept(corner + offset);
        }
    }

    @Override
    public int[] spikeCounts() {
        return new int[0];
    }

    @Override
    public long activeEntries() {
        return 0;
    }

    /** The input spikes max-pooling's gradient needs to find each window's first spiking input (none for sum). */
    @Override
    public long keptBytes() {
        return spec.mode() == SpikePool.Mode.MAX && input != null ? input.liveBytes() : 0;
    }

    @Override
    public List<String> stages() {
        return List.of("route");
    }

    @Override
    public long[] stageNanos() {
        return new long[] {backwardNanos};
    }
}
