package org.s3gd.train;

import java.nio.file.Path;
import java.util.List;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.Parameter;
import org.s3gd.model.SpikingNetwork;
import org.s3gd.optim.Adam;

/**
 * The state of a run at the end of an epoch: enough to continue it exactly. The randomness of
 * later epochs needs no saved state: epoch {@code e}'s order is drawn from the seed and {@code e}
 * alone ({@link org.s3gd.data.Batches#startEpoch}).
 *
 * @param config            the run's configuration
 * @param provenance        what produced it
 * @param inputs            input units of the data
 * @param classes           classes of the data
 * @param epochsDone        epochs completed; a resumed run starts with epoch {@code epochsDone}
 * @param adamSteps         Adam's step count
 * @param trainAccuracy     training accuracy of the last completed epoch (NaN in checkpoints of format 1 and 2)
 * @param validationAccuracy accuracy on the validation part of the training set after the last
 *                          completed epoch; NaN when the run holds none out
 * @param testAccuracy      test accuracy after the last completed epoch: reported, never used for a choice
 * @param bestAccuracy      the best {@link #chosenAccuracy()} so far: what {@value #BEST} is chosen on
 * @param parameters        weights and Adam moments, in {@link SpikingNetwork#parameters()} order
 */
public record Checkpoint(TrainingConfig config, Provenance provenance, int inputs, int classes, int epochsDone,
                         long adamSteps, double trainAccuracy, double validationAccuracy, double testAccuracy,
                         double bestAccuracy, List<ParameterState> parameters) {
    /** File name of the latest checkpoint in a run's folder. */
    public static final String LATEST = "checkpoint.s3gd";
    /** File name of the checkpoint with the best validation accuracy in a run's folder. */
    public static final String BEST = "best.s3gd";

    public Checkpoint {
        parameters = List.copyOf(parameters);
        List<Parameter> expected = SpikingNetwork.zeros(config.network(inputs, classes)).parameters();
        if (expected.size() != parameters.size()) {
            throw new IllegalArgumentException("the configuration has " + expected.size() + " parameters, the state "
                + parameters.size());
        }
        for (int p = 0; p < expected.size(); p++) {
            if (!parameters.get(p).fits(expected.get(p))) {
                Parameter e = expected.get(p);
                ParameterState s = parameters.get(p);
                throw new IllegalArgumentException("parameter " + p + " is " + s.name() + " " + s.rows() + "×" + s.cols()
                    + ", the configuration needs " + e.name() + " " + e.rows() + "×" + e.cols());
            }
        }
    }

    /** A snapshot of {@code network} and {@code adam} (copies, so training may go on). */
    public static Checkpoint of(TrainingConfig config, Provenance provenance, SpikingNetwork network, Adam adam,
                                int epochsDone, EpochSummary epoch, double bestAccuracy) {
        List<Parameter> parameters = network.parameters();
        List<ParameterState> states = new java.util.ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            states.add(ParameterState.copyOf(parameters.get(p), adam.firstMoment(p), adam.secondMoment(p)));
        }
        return new Checkpoint(config, provenance, network.config().inputs(), network.config().outputs(), epochsDone,
            adam.stepCount(), epoch.trainAccuracy(), epoch.validationAccuracy(), epoch.testAccuracy(), bestAccuracy, states);
    }

    /**
     * The accuracy the run chooses on: the validation accuracy, or, in a run that holds no
     * validation set out, the training accuracy. Never the test accuracy.
     */
    public double chosenAccuracy() {
        return chosen(trainAccuracy, validationAccuracy);
    }

    /** {@link #chosenAccuracy()} for an epoch with these accuracies. */
    public static double chosen(double trainAccuracy, double validationAccuracy) {
        return Double.isNaN(validationAccuracy) ? trainAccuracy : validationAccuracy;
    }

    /** Whether this epoch is the best so far by {@link #chosenAccuracy()}, so that it belongs in {@value #BEST}. */
    public boolean isBest() {
        return chosenAccuracy() >= bestAccuracy;
    }

    public NetworkConfig networkConfig() {
        return config.network(inputs, classes);
    }

    /** Copies the weights into {@code network} and the moments and step count into {@code adam}. */
    public void restore(SpikingNetwork network, Adam adam) {
        List<Parameter> target = network.parameters();
        for (int p = 0; p < target.size(); p++) {
            ParameterState s = parameters.get(p);
            if (!s.fits(target.get(p))) {
                throw new IllegalArgumentException("checkpoint parameter " + s.name() + " does not fit " + target.get(p).name());
            }
            System.arraycopy(s.value(), 0, target.get(p).value(), 0, s.value().length);
            System.arraycopy(s.firstMoment(), 0, adam.firstMoment(p), 0, s.firstMoment().length);
            System.arraycopy(s.secondMoment(), 0, adam.secondMoment(p), 0, s.secondMoment().length);
        }
        adam.restore(adamSteps);
    }

    /** The trained model this checkpoint holds. */
    public TrainedModel model() {
        return new TrainedModel(config, provenance, epochsDone, testAccuracy, networkConfig(),
            parameters.stream().map(ParameterState::value).toList());
    }

    /** Writes this checkpoint to {@code file} atomically ({@link CheckpointFile}). */
    public void save(Path file) {
        CheckpointFile.write(this, file);
    }

    /** Reads a checkpoint; {@code path} may be the file or a run folder holding {@value #LATEST}. */
    public static Checkpoint load(Path path) {
        return CheckpointFile.read(path);
    }
}
