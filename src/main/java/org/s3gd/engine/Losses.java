package org.s3gd.engine;

import org.s3gd.model.RegularizerParameters;
import org.s3gd.parallel.Workers;

/** The loss of ALGORITHM.md §1: softmax cross-entropy plus the activity regulariser of each hidden layer. */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean softmax cross-entropy over the batch; writes {@code ∂L/∂logit = (softmax − onehot)/B} and
     * each sample's prediction (arg max, first on ties) into {@code predictions}. The samples are
     * split over {@code workers}; their losses are summed in sample order, whatever the threads.
     */
    public static double crossEntropy(float[] logits, int[] labels, int batch, int outputs, float[] logitGrad,
                                      int[] predictions, Workers workers) {
        for (int b = 0; b < batch; b++) {
            if (labels[b] < 0 || labels[b] >= outputs) {
                throw new IllegalArgumentException("label " + labels[b] + " of sample " + b + " is outside [0, " + outputs + ")");
            }
        }
        double[] perSample = new double[batch];
        workers.forEachChunk(batch, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                perSample[b] = crossEntropySample(logits, labels[b], b * outputs, outputs, batch, logitGrad, predictions, b);
            }
        });
        double total = 0;
        for (double loss : perSample) {
            total += loss;
        }
        return total / batch;
    }

    // One sample's −log softmax of its label; its logit gradients and prediction written.
    private static double crossEntropySample(float[] logits, int label, int offset, int outputs, int batch, float[] logitGrad,
                                 int[] predictions, int b) {
        double max = Double.NEGATIVE_INFINITY;
        int best = 0;
        for (int o = 0; o < outputs; o++) {
            if (logits[offset + o] > max) {
                max = logits[offset + o];
                best = o;
            }
        }
        double sum = 0;
        for (int o = 0; o < outputs; o++) {
            sum += Math.exp(logits[offset + o] - max);
        }
        double logSum = Math.log(sum) + max;
        for (int o = 0; o < outputs; o++) {
            double p = Math.exp(logits[offset + o] - logSum);
            logitGrad[offset + o] = (float) ((p - (o == label ? 1 : 0)) / batch);
        }
        predictions[b] = best;
        return logSum - logits[offset + label];
    }

    /**
     * The activity regulariser of one hidden layer from its spike counts {@code c[b][j]}; writes
     * {@code ∂R/∂c[b][j]} — the gradient every {@code s_j[t]} of that sample receives — into
     * {@code countGrad}, and each sample's spike total into {@code spikeTotals[b]} (null for none:
     * the pass reads the counts anyway). The samples are split over {@code workers}; each sample's
     * terms are summed in a fixed order (four running sums over the neurons, then those four), and
     * the samples' sums in sample order, whatever the threads.
     */
    public static double activity(RegularizerParameters p, int[] counts, int batch, int neurons, float[] countGrad,
                                  Workers workers, long[] spikeTotals) {
        double[] perSample = new double[batch];
        workers.forEachChunk(batch, (chunk, from, to) -> {
            Table table = new Table();
            for (int b = from; b < to; b++) {
                long spikes = 0;
                int largest = 0;
                for (int j = b * neurons; j < (b + 1) * neurons; j++) {
                    spikes += counts[j];
                    largest = Math.max(largest, counts[j]);
                }
                if (spikeTotals != null) {
                    spikeTotals[b] = spikes;
                }
                perSample[b] = sample(p, counts, b * neurons, neurons, batch, spikes, largest, countGrad, table);
            }
        });
        double total = 0;
        for (double sum : perSample) {
            total += sum;
        }
        return total / batch;
    }

    /** {@link #activity(RegularizerParameters, int[], int, int, float[], Workers, long[])} on the calling thread. */
    public static double activity(RegularizerParameters p, int[] counts, int batch, int neurons, float[] countGrad) {
        try (Workers serial = Workers.serial()) {
            return activity(p, counts, batch, neurons, countGrad, serial, null);
        }
    }

    /** A sample's terms and gradients per spike count, grown as needed. */
    private static final class Table {
        double[] term = new double[0];
        float[] grad = new float[0];
    }

    // One sample, with its spike total and largest count: its upper term and its neurons' lower
    // terms, summed; its gradients written.
    private static double sample(RegularizerParameters p, int[] counts, int offset, int neurons, int batch, long spikes,
                                 int largest, float[] countGrad, Table table) {
        // A neuron's terms depend only on its count, and only counts below F_L have a lower term:
        // they are computed once for the counts up to the sample's largest (slot `lowCounts` holds
        // every count at or above F_L) and looked up, the same values as term by term, without a
        // division or an unpredictable branch per neuron.
        int lowCounts = p.lowerRate() > 0 && p.lowerStrength() > 0
            ? (int) Math.min((long) Math.ceil(p.lowerRate()), largest + 1L) : 0;
        if (table.term.length < lowCounts + 1) {
            table.term = new double[lowCounts + 1];
            table.grad = new float[lowCounts + 1];
        }
        double[] term = table.term;
        float[] grad = table.grad;
        // The sample's mean count above F_U, where the upper term applies (the total is exact).
        double excess = (double) spikes / neurons - p.upperRate();
        if (!(excess > 0 && p.upperStrength() > 0)) {
            excess = 0;
        }
        double upperGrad = excess > 0 ? p.upperStrength() / neurons : 0;
        for (int c = 0; c <= lowCounts; c++) {
            double deficit = p.lowerRate() - c;
            double g = upperGrad;
            term[c] = 0;
            if (c < lowCounts && deficit > 0) {
                term[c] = p.lowerStrength() * deficit * deficit / neurons;
                g -= 2.0 * p.lowerStrength() * deficit / neurons;
            }
            grad[c] = (float) (g / batch);
        }
        // Four running sums, so that the adds do not wait on one another.
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        int j = 0;
        for (; j + 3 < neurons; j += 4) {
            int k = offset + j;
            int slot0 = Math.min(counts[k], lowCounts);
            int slot1 = Math.min(counts[k + 1], lowCounts);
            int slot2 = Math.min(counts[k + 2], lowCounts);
            int slot3 = Math.min(counts[k + 3], lowCounts);
            sum0 += term[slot0];
            sum1 += term[slot1];
            sum2 += term[slot2];
            sum3 += term[slot3];
            countGrad[k] = grad[slot0];
            countGrad[k + 1] = grad[slot1];
            countGrad[k + 2] = grad[slot2];
            countGrad[k + 3] = grad[slot3];
        }
        for (; j < neurons; j++) {
            int slot = Math.min(counts[offset + j], lowCounts);
            sum0 += term[slot];
            countGrad[offset + j] = grad[slot];
        }
        return (excess > 0 ? p.upperStrength() * excess : 0) + ((sum0 + sum1) + (sum2 + sum3));
    }
}
