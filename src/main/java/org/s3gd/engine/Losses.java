package org.s3gd.engine;

import org.s3gd.model.RegularizerParameters;
import org.s3gd.parallel.Workers;

/** The loss of ALGORITHM.md §1: softmax cross-entropy plus the activity regulariser of each hidden layer. */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean softmax cross-entropy over the batch; writes {@code ∂L/∂logit = (softmax − onehot)/B} and
     * each sample's prediction (arg max, first on ties) into {@code predictions}.
     */
    public static double crossEntropy(float[] logits, int[] labels, int batch, int outputs, float[] logitGrad,
                                      int[] predictions) {
        double total = 0;
        for (int b = 0; b < batch; b++) {
            int offset = b * outputs;
            int label = labels[b];
            if (label < 0 || label >= outputs) {
                throw new IllegalArgumentException("label " + label + " of sample " + b + " is outside [0, " + outputs + ")");
            }
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
            total += logSum - logits[offset + label];
            for (int o = 0; o < outputs; o++) {
                double p = Math.exp(logits[offset + o] - logSum);
                logitGrad[offset + o] = (float) ((p - (o == label ? 1 : 0)) / batch);
            }
            predictions[b] = best;
        }
        return total / batch;
    }

    /**
     * The activity regulariser of one hidden layer from its spike counts {@code c[b][j]}; writes
     * {@code ∂R/∂c[b][j]} — the gradient every {@code s_j[t]} of that sample receives — into
     * {@code countGrad}. The samples are split over {@code workers}; each sample's terms are summed
     * in neuron order, and the samples' sums in sample order, whatever the threads.
     */
    public static double activity(RegularizerParameters p, int[] counts, int batch, int neurons, float[] countGrad,
                                  Workers workers) {
        double[] perSample = new double[batch];
        workers.forEachChunk(batch, (chunk, from, to) -> {
            Table table = new Table();
            for (int b = from; b < to; b++) {
                perSample[b] = sample(p, counts, b * neurons, neurons, batch, countGrad, table);
            }
        });
        double total = 0;
        for (double sum : perSample) {
            total += sum;
        }
        return total / batch;
    }

    /** {@link #activity(RegularizerParameters, int[], int, int, float[], Workers)} on the calling thread. */
    public static double activity(RegularizerParameters p, int[] counts, int batch, int neurons, float[] countGrad) {
        try (Workers serial = Workers.serial()) {
            return activity(p, counts, batch, neurons, countGrad, serial);
        }
    }

    /** A sample's terms and gradients per spike count, grown as needed. */
    private static final class Table {
        double[] term = new double[0];
        float[] grad = new float[0];
    }

    // One sample: its upper term and its neurons' lower terms, summed; its gradients written.
    private static double sample(RegularizerParameters p, int[] counts, int offset, int neurons, int batch, float[] countGrad,
                                 Table table) {
        // A neuron's terms depend only on its count, and only counts below F_L have a lower term:
        // they are computed once for the counts up to the sample's largest (slot `lowCounts` holds
        // every count at or above F_L) and looked up, the same values as term by term, without a
        // division or an unpredictable branch per neuron.
        int largest = 0;
        for (int j = 0; j < neurons; j++) {
            largest = Math.max(largest, counts[offset + j]);
        }
        int lowCounts = p.lowerRate() > 0 && p.lowerStrength() > 0
            ? (int) Math.min((long) Math.ceil(p.lowerRate()), largest + 1L) : 0;
        if (table.term.length < lowCounts + 1) {
            table.term = new double[lowCounts + 1];
            table.grad = new float[lowCounts + 1];
        }
        double[] term = table.term;
        float[] grad = table.grad;
        double excess = upperExcess(p, counts, offset, neurons);
        double total = excess > 0 ? p.upperStrength() * excess : 0;
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
        for (int j = 0; j < neurons; j++) {
            int slot = Math.min(counts[offset + j], lowCounts);
            total += term[slot];
            countGrad[offset + j] = grad[slot];
        }
        return total;
    }

    // Sample b's mean count above F_U where the upper term applies, else 0.
    private static double upperExcess(RegularizerParameters p, int[] counts, int offset, int neurons) {
        double sum = 0;
        for (int j = 0; j < neurons; j++) {
            sum += counts[offset + j];
        }
        double excess = sum / neurons - p.upperRate();
        return excess > 0 && p.upperStrength() > 0 ? excess : 0;
    }
}
