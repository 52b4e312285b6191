package org.s3gd.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.s3gd.data.DataLocator;
import org.s3gd.data.DataSource;
import org.s3gd.data.DatasetOptions;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;
import org.s3gd.data.SpikeCache;
import org.s3gd.parallel.Workers;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.CheckpointException;
import org.s3gd.train.DatasetFingerprint;
import org.s3gd.train.Provenance;
import org.s3gd.train.TrainedModel;
import org.s3gd.train.Trainer;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.output.RunClaim;
import org.s3gd.train.output.RunFolder;
import org.s3gd.train.output.RunSetup;

/**
 * Runs one trial to its end in its run folder, whatever state it was left in: a finished trial is
 * left alone, a cut one resumes from its checkpoint (bit for bit as if it had not stopped), one
 * cut before its first epoch starts again, and a new one starts. The folder is claimed as
 * {@code s3gd train} claims it, so two processes never train the same trial. A data set is loaded
 * once and shared by the trials that read it with the same encoding (training only reads it).
 */
public final class TrialRunner {
    /** What happened to a trial. */
    public enum Outcome {
        /** It had finished before: nothing was done. */
        SKIPPED,
        /** It continued from the checkpoint of a run that stopped. */
        RESUMED,
        /** It trained from the start. */
        TRAINED
    }

    /**
     * What running a trial did.
     *
     * @param outcome   skipped, resumed or trained
     * @param resumedAt the epochs its checkpoint held before (0 for a new run)
     * @param model     the finished trial's model; null when it was skipped
     */
    public record Result(Outcome outcome, int resumedAt, TrainedModel model) {
    }

    /** A data set as trials read it (they only read it), and its fingerprint. */
    private record Loaded(DatasetSplit data, String fingerprint) {
    }

    private record DataKey(DataSource source, DatasetOptions options) {
    }

    private final Map<DataKey, Loaded> loaded = new ConcurrentHashMap<>();
    private final DataLocator locator;
    private final boolean plots;
    private final Consumer<String> notes;

    /**
     * @param locator where the trials' data sets are found
     * @param plots   whether each trial draws its PNG plots
     * @param notes   where a trial reports what does not stop it (a plot that cannot be written)
     */
    public TrialRunner(DataLocator locator, boolean plots, Consumer<String> notes) {
        this.locator = locator;
        this.plots = plots;
        this.notes = notes;
    }

    /** The data set of {@code config}, loaded once for all the trials this runner runs. */
    private Loaded data(DataSource source, Path cache, TrainingConfig config, int threads) {
        return loaded.computeIfAbsent(new DataKey(source, config.datasetOptions()), key -> {
            try (Workers workers = new Workers(threads)) {
                DatasetSplit data = Datasets.load(source, cache == null ? null : new SpikeCache(cache), key.options(), workers);
                return new Loaded(data, DatasetFingerprint.of(data));
            }
        });
    }

    /** Runs {@code trial} in {@code folder} with {@code threads} worker threads (the results do not depend on them). */
    public Result run(Trial trial, Path folder, int threads) {
        TrainingConfig config = trial.config().withThreads(threads);
        TrialState state = TrialState.of(folder, config.epochs());
        if (state.damage() != null) {
            throw new SweepException(folder + ": cannot continue the trial: " + state.damage()
                + "; move the folder away to train the trial again");
        }
        if (state.finished()) {
            return new Result(Outcome.SKIPPED, state.epochsDone(), null);
        }
        Checkpoint from = state.epochsDone() > 0 ? Checkpoint.load(folder.resolve(Checkpoint.LATEST)) : null;
        if (from != null) {
            if (!from.config().withThreads(1).withEpochs(1).equals(config.withThreads(1).withEpochs(1))) {
                throw new SweepException(folder + " holds a run of another configuration than the trial's; "
                    + "move it away to train the trial");
            }
            config = from.config().withThreads(threads).withEpochs(config.epochs());
        }
        // A folder cut before its first epoch holds nothing finished (perhaps only the lock of a
        // killed run): it is claimed as an existing run, which fails while another process trains
        // in it, and started again in place.
        try (RunClaim claim = Files.isDirectory(folder) ? RunClaim.existingRun(folder) : RunClaim.newRun(folder)) {
            DataSource source = locator.locate(config.dataset());
            Path cache = config.dataset() == DatasetId.SYNTHETIC ? null : locator.cacheDir();
            Loaded loaded = data(source, cache, config, threads);
            DatasetSplit data = loaded.data();
            String fingerprint = loaded.fingerprint();
            Provenance provenance;
            if (from != null) {
                if (!from.provenance().datasetChecksum().equals(fingerprint)) {
                    throw new CheckpointException(folder + ": the trial was trained on data with fingerprint "
                        + from.provenance().datasetChecksum() + ", the data found now has " + fingerprint);
                }
                provenance = from.provenance();
            } else {
                provenance = Provenance.now(data.train().name(), fingerprint);
            }
            Trainer trainer = new Trainer(config, data, provenance);
            try (RunFolder run = new RunFolder(claim, trainer.networkConfig(), new RunSetup(source, cache, plots), notes)) {
                TrainedModel model = from != null ? trainer.resume(from, run) : trainer.train(run);
                return new Result(from != null ? Outcome.RESUMED : Outcome.TRAINED, state.epochsDone(), model);
            }
        }
    }
}
