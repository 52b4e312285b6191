package org.s3gd.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.s3gd.data.Batches;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.SpikeDataset;
import org.s3gd.data.SpikeSample;

/**
 * The default synthetic task is learnable by the simplest network of ALGORITHM.md §1: the
 * non-spiking readout layer alone (τ_readout = 10 ms, Δt = 1 ms, logit = max over time), trained
 * on the input spikes with Adam for three epochs. A network with hidden spiking layers only adds
 * to what this can do, so the default data set shows training working within seconds.
 */
class ReadoutLearnabilityTest {
    private static final double BETA = Math.exp(-1.0 / 10.0);

    @Test
    void aReadoutOfTheInputSpikesLearnsTheDefaultTaskFarAboveChance() {
        DatasetSplit split = RandomManifolds.generate();
        Readout readout = new Readout(split.inputs(), split.classes(), new SplittableRandom(3));
        double before = readout.accuracy(split.test());
        Batches batches = Batches.shuffled(split.train(), 32, 11);
        for (int epoch = 0; epoch < 3; epoch++) {
            batches.startEpoch(epoch);
            for (int k = 0; k < batches.count(); k++) {
                readout.zeroGradient();
                for (int b = 0; b < batches.sizeOf(k); b++) {
                    readout.accumulate(split.train().sample(batches.sampleAt(k * 32 + b)));
                }
                readout.adamStep(2e-3, batches.sizeOf(k));
            }
        }
        double after = readout.accuracy(split.test());
        assertThat(before).isLessThan(0.3);
        assertThat(after).as("test accuracy after 3 epochs; chance is 0.1").isGreaterThan(0.5);
    }

    /** y_o[t+1] = β·y_o[t] + (1−β)·Σ_i W[i][o]·x_i[t]; logit_o = max_t y_o[t]; softmax cross-entropy. */
    private static final class Readout {
        final int inputs;
        final int classes;
        final double[][] w;
        final double[][] grad;
        final double[][] m;
        final double[][] v;
        int step;

        Readout(int inputs, int classes, SplittableRandom random) {
            this.inputs = inputs;
            this.classes = classes;
            w = new double[inputs][classes];
            grad = new double[inputs][classes];
            m = new double[inputs][classes];
            v = new double[inputs][classes];
            double bound = 1 / Math.sqrt(inputs);
            for (double[] row : w) {
                for (int o = 0; o < classes; o++) {
                    row[o] = random.nextDouble(-bound, bound);
                }
            }
        }

        /** The input traces κ_i[t] = Σ_{k<t} β^(t−1−k)·x_i[k], as [t][i]. */
        double[][] traces(SpikeSample s) {
            double[][] kappa = new double[s.steps()][inputs];
            for (int t = 1; t < s.steps(); t++) {
                for (int i = 0; i < inputs; i++) {
                    kappa[t][i] = BETA * kappa[t - 1][i];
                }
                for (int k = s.stepStart(t - 1); k < s.stepStart(t); k++) {
                    kappa[t][s.unitAt(k)] += 1;
                }
            }
            return kappa;
        }

        /** For each class, the step of the maximum of y_o and the maximum. */
        double[][] forward(double[][] kappa) {
            double[][] best = new double[classes][];
            for (int o = 0; o < classes; o++) {
                best[o] = new double[] {0, Double.NEGATIVE_INFINITY};
                for (int t = 0; t < kappa.length; t++) {
                    double y = 0;
                    for (int i = 0; i < inputs; i++) {
                        y += w[i][o] * kappa[t][i];
                    }
                    y *= 1 - BETA;
                    if (y > best[o][1]) {
                        best[o][0] = t;
                        best[o][1] = y;
                    }
                }
            }
            return best;
        }

        int predict(SpikeSample s) {
            double[][] best = forward(traces(s));
            int argmax = 0;
            for (int o = 1; o < classes; o++) {
                argmax = best[o][1] > best[argmax][1] ? o : argmax;
            }
            return argmax;
        }

        double accuracy(SpikeDataset d) {
            int correct = 0;
            for (int i = 0; i < d.size(); i++) {
                correct += predict(d.sample(i)) == d.label(i) ? 1 : 0;
            }
            return correct / (double) d.size();
        }

        void zeroGradient() {
            for (double[] row : grad) {
                java.util.Arrays.fill(row, 0);
            }
        }

        void accumulate(SpikeSample s) {
            double[][] kappa = traces(s);
            double[][] best = forward(kappa);
            double max = Double.NEGATIVE_INFINITY;
            for (double[] b : best) {
                max = Math.max(max, b[1]);
            }
            double sum = 0;
            double[] p = new double[classes];
            for (int o = 0; o < classes; o++) {
                p[o] = Math.exp(best[o][1] - max);
                sum += p[o];
            }
            for (int o = 0; o < classes; o++) {
                double g = p[o] / sum - (o == s.label() ? 1 : 0);
                int t = (int) best[o][0];
                for (int i = 0; i < inputs; i++) {
                    grad[i][o] += g * (1 - BETA) * kappa[t][i];
                }
            }
        }

        void adamStep(double lr, int batch) {
            step++;
            double c1 = 1 - Math.pow(0.9, step);
            double c2 = 1 - Math.pow(0.999, step);
            for (int i = 0; i < inputs; i++) {
                for (int o = 0; o < classes; o++) {
                    double g = grad[i][o] / batch;
                    m[i][o] = 0.9 * m[i][o] + 0.1 * g;
                    v[i][o] = 0.999 * v[i][o] + 0.001 * g * g;
                    w[i][o] -= lr * (m[i][o] / c1) / (Math.sqrt(v[i][o] / c2) + 1e-8);
                }
            }
        }
    }
}
