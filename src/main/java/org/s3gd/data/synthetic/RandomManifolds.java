package org.s3gd.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.InMemoryDataset;
import org.s3gd.data.SpikeSample;
import org.s3gd.data.SpikeTrainBuilder;

/**
 * A synthetic classification task made in-process from a seed: random manifolds of spike times in
 * the style of Zenke &amp; Vogels, "The remarkable robustness of surrogate gradient learning for
 * instilling complex function in spiking neural networks", Neural Computation 33 (2021).
 *
 * <p>Each class {@code c} owns one smooth random map from a {@code D}-dimensional latent space to
 * one value per input unit ({@link RandomFunction}). A sample of class {@code c} draws a latent
 * point uniformly, evaluates the map, rescales each unit's value to {@code [0, 1)} over all the
 * class's samples (min-max, as the reference code does) and fires each unit once, at step
 * {@code floor(value · T)}, optionally jittered. Classes differ only in the geometry of their
 * manifolds, so a network must learn spatio-temporal patterns, not rates.
 *
 * <p>The same parameters give the same samples on every machine: all randomness comes from one
 * {@link SplittableRandom}, split once per class.
 */
public final class RandomManifolds {
    private static final double EPSILON = 1e-7;

    private RandomManifolds() {
    }

    /** The default task, {@link RandmanParameters#defaults()}. */
    public static DatasetSplit generate() {
        return generate(RandmanParameters.defaults());
    }

    public static DatasetSplit generate(RandmanParameters p) {
        int perClass = p.trainPerClass() + p.testPerClass();
        int[][][] times = new int[p.classes()][][];
        SplittableRandom root = new SplittableRandom(p.seed());
        for (int c = 0; c < p.classes(); c++) {
            times[c] = classTimes(p, perClass, root.split());
        }
        SpikeTrainBuilder builder = new SpikeTrainBuilder(p.steps(), p.inputs());
        List<SpikeSample> train = new ArrayList<>();
        List<SpikeSample> test = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < p.classes(); c++) {
                builder.reset();
                int[] sampleTimes = times[c][i];
                for (int unit = 0; unit < p.inputs(); unit++) {
                    if (sampleTimes[unit] >= 0) {
                        builder.add(unit, sampleTimes[unit]);
                    }
                }
                (i < p.trainPerClass() ? train : test).add(builder.build(c));
            }
        }
        String name = "randman-" + p.manifoldDim() + "d-alpha" + p.alpha() + "-seed" + p.seed();
        return new DatasetSplit(
            new InMemoryDataset(name + "/train", p.inputs(), p.steps(), p.classes(), train),
            new InMemoryDataset(name + "/test", p.inputs(), p.steps(), p.classes(), test));
    }

    /** Spike step of every unit in every sample of one class: {@code [sample][unit]}, -1 for none. */
    private static int[][] classTimes(RandmanParameters p, int samples, SplittableRandom random) {
        RandomFunction[] units = new RandomFunction[p.inputs()];
        for (int u = 0; u < units.length; u++) {
            units[u] = new RandomFunction(p.manifoldDim(), p.alpha(), random);
        }
        double[][] value = new double[samples][p.inputs()];
        double[] latent = new double[p.manifoldDim()];
        for (int s = 0; s < samples; s++) {
            for (int d = 0; d < latent.length; d++) {
                latent[d] = random.nextDouble();
            }
            for (int u = 0; u < units.length; u++) {
                value[s][u] = units[u].value(latent);
            }
        }
        int[][] steps = new int[samples][p.inputs()];
        for (int u = 0; u < p.inputs(); u++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < samples; s++) {
                min = Math.min(min, value[s][u]);
                max = Math.max(max, value[s][u]);
            }
            for (int s = 0; s < samples; s++) {
                double scaled = (value[s][u] - min) / (max - min + EPSILON) * p.steps();
                if (p.jitter() > 0) {
                    scaled += p.jitter() * gaussian(random);
                }
                int step = (int) Math.floor(scaled);
                steps[s][u] = step >= 0 && step < p.steps() ? step : -1;
            }
        }
        return steps;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: SplittableRandom has no nextGaussian of its own that is stable across JDKs.
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
