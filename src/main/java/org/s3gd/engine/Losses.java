package org.s3gd.engine;

import org.s3gd.model.RegularizerParameters;

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
     * {@code countGrad}.
     */
    public static double activity(RegularizerParameters p, int[] counts, int batch, int neurons, float[] countGrad) {
        double total = 0;
        for (int b = 0; b < batch; b++) {
            int offset = b * neurons;
            double sum = 0;
            for (int j = 0; j < neurons; j++) {
                sum += counts[offset + j];
            }
            double excess = sum / neurons - p.upperRate();
            boolean upperActive = excess > 0 && p.upperStrength() > 0;
            if (upperActive) {
                total += p.upperStrength() * excess;
            }
            double upperGrad = upperActive ? p.upperStrength() / neurons : 0;
            for (int j = 0; j < neurons; j++) {
                double deficit = p.lowerRate() - counts[offset + j];
                double grad = upperGrad;
                if (deficit > 0) {
                    total += p.lowerStrength() * deficit * deficit / neurons;
                    grad -= 2.0 * p.lowerStrength() * deficit / neurons;
                }
                countGrad[offset + j] = (float) (grad / batch);
            }
        }
        return total / batch;
    }
}
