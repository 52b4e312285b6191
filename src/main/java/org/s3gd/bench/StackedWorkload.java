package org.s3gd.bench;

import org.s3gd.parallel.Workers;
import org.s3gd.tensor.EventBatch;

/**
 * The paper's timed layer in place: a first hidden layer runs (sparse forward) on a batch of data,
 * and the second hidden layer, the one timed, takes its output spikes as input and sends its
 * input-spike gradient to the first layer's active set. Both layers' weights are the paper's
 * initialisation times a gain, calibrated to a target activity or given.
 *
 * @param second      the timed layer
 * @param firstActivity active entries / (B·T·N) of the first layer
 * @param firstGain   the first layer's weight gain
 */
public record StackedWorkload(LayerWorkload second, double firstActivity, double firstGain) {
    /** Both layers calibrated to {@code targetActivity} at {@code backpropThreshold}. */
    public static StackedWorkload calibrated(InputBatch input, int neurons, float backpropThreshold, double targetActivity,
                                             Workers workers, long seed) {
        LayerWorkload first = LayerWorkload.calibrated(firstShape(input, neurons), backpropThreshold, input.spikes(),
            noActiveSet(input.spikes()), targetActivity, workers, seed);
        LayerWorkload second = LayerWorkload.calibrated(input.dataset().secondLayer(input.spikes().batchSize(), neurons),
            backpropThreshold, first.outputSpikes(), first.activeSet(), targetActivity, workers, seed + 1);
        return new StackedWorkload(second, first.activity(), first.gain());
    }

    /** Both layers with given gains (e.g. calibrated at another B_th), run at {@code backpropThreshold}. */
    public static StackedWorkload withGains(InputBatch input, int neurons, float backpropThreshold, double firstGain,
                                            double secondGain, Workers workers, long seed) {
        LayerWorkload first = LayerWorkload.withGain(firstShape(input, neurons), backpropThreshold, input.spikes(),
            noActiveSet(input.spikes()), firstGain, workers, seed);
        LayerWorkload second = LayerWorkload.withGain(input.dataset().secondLayer(input.spikes().batchSize(), neurons),
            backpropThreshold, first.outputSpikes(), first.activeSet(), secondGain, workers, seed + 1);
        return new StackedWorkload(second, first.activity(), first.gain());
    }

    private static LayerShape firstShape(InputBatch input, int neurons) {
        return input.dataset().firstLayer(input.spikes().batchSize(), input.spikes().units(), neurons);
    }

    // The first layer sends no gradient further down: its "previous active set" is empty.
    private static EventBatch noActiveSet(EventBatch like) {
        EventBatch empty = new EventBatch(like.batchSize(), like.steps(), like.units(), true);
        for (int b = 0; b < like.batchSize(); b++) {
            for (int t = 0; t < like.steps(); t++) {
                empty.endStep(b, t);
            }
        }
        return empty;
    }
}
