package org.s3gd.layer.pool;

import java.util.List;
import org.s3gd.layer.HiddenLayer;
import org.s3gd.model.Flatten;
import org.s3gd.model.Parameter;
import org.s3gd.tensor.EventBatch;
import org.s3gd.tensor.SpikeGradient;
import org.s3gd.tensor.Spikes;

/**
 * Flatten at run time: C×H×W units are already laid out as C·H·W flat ones, so spikes pass up
 * unchanged and the gradient the layer above writes lands directly where the layer below reads
 * it ({@link #outputGradient()} is the previous layer's).
 */
public final class FlattenLayer implements HiddenLayer {
    private final Flatten spec;
    private final int units;
    private final HiddenLayer previous;
    private final EventBatch nothingNeeded;

    /** @param previous the layer below, or null when flatten takes the network's input */
    public FlattenLayer(Flatten spec, int units, HiddenLayer previous, int steps) {
        this.spec = spec;
        this.units = units;
        this.previous = previous;
        this.nothingNeeded = new EventBatch(0, steps, units, false);
    }

    @Override
    public Flatten spec() {
        return spec;
    }

    @Override
    public int inputs() {
        return units;
    }

    @Override
    public int units() {
        return units;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Spikes forward(Spikes input, boolean training) {
        nothingNeeded.resize(input.batch());
        return input;
    }

    @Override
    public SpikeGradient outputGradient() {
        return previous != null ? previous.outputGradient()
            : new SpikeGradient.AtEntries(nothingNeeded, new float[nothingNeeded.batchSize()][0]);
    }

    @Override
    public void backward(SpikeGradient inputGradient) {
        // The layer above wrote into the previous layer's gradient already.
    }

    @Override
    public int[] spikeCounts() {
        return new int[0];
    }

    @Override
    public long activeEntries() {
        return 0;
    }

    @Override
    public long keptBytes() {
        return 0;
    }

    @Override
    public List<String> stages() {
        return List.of();
    }

    @Override
    public long[] stageNanos() {
        return new long[0];
    }
}
