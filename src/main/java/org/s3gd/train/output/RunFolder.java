package org.s3gd.train.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.s3gd.io.AtomicFile;
import org.s3gd.model.NetworkConfig;
import org.s3gd.train.BatchProgress;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.EpochSummary;
import org.s3gd.train.Provenance;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.TrainingListener;

/**
 * Writes a run to the folder it has claimed ({@link RunClaim}) as it trains:
 * <ul>
 *   <li>{@value RunManifest#FILE}: configuration, provenance and {@link RunSetup}, at the start;</li>
 *   <li>{@value MetricsCsv#BATCHES}, {@value MetricsCsv#EPOCHS}: metrics, written every epoch;</li>
 *   <li>{@value Checkpoint#LATEST} after every epoch and {@value Checkpoint#BEST} when the validation
 *       accuracy (the training accuracy in a run without a validation set) improves; the test
 *       accuracy is never used for the choice;</li>
 *   <li>PNG plots ({@link RunPlots}), redrawn every epoch unless disabled.</li>
 * </ul>
 * Every file is replaced with {@link AtomicFile}, so a kill at any moment leaves the checkpoint of
 * the last finished epoch whole. A metrics file or checkpoint that cannot be written stops the run
 * with the file system's reason; plots are a side product: one that cannot be written is reported
 * once through {@code notes} and training goes on.
 */
public final class RunFolder implements TrainingListener, AutoCloseable {
    private final RunClaim claim;
    private final Path folder;
    private final NetworkConfig network;
    private final RunSetup setup;
    private final Consumer<String> notes;
    private MetricsCsv metrics;
    private int savedEpochs = -1;
    private boolean plotFailureReported;

    /**
     * @param claim   the folder, claimed for this run; closed with this object
     * @param network the network being trained
     * @param setup   where the data came from and whether to draw the PNG plots, recorded in run.json
     * @param notes   where to report what does not stop the run (a plot that cannot be written)
     */
    public RunFolder(RunClaim claim, NetworkConfig network, RunSetup setup, Consumer<String> notes) {
        this.claim = claim;
        this.folder = claim.folder();
        this.network = network;
        this.setup = setup;
        this.notes = notes;
    }

    public Path folder() {
        return folder;
    }

    /** Epochs done according to the last checkpoint this object saved; -1 before it saved one. */
    public int savedEpochs() {
        return savedEpochs;
    }

    @Override
    public void started(TrainingConfig config, Provenance provenance, int firstEpoch, int batchesPerEpoch) {
        removeStaleTemporaries();
        Path manifest = folder.resolve(RunManifest.FILE);
        try {
            AtomicFile.writeString(manifest, RunManifest.json(config, network, provenance, firstEpoch, setup));
        } catch (IOException e) {
            throw new RunFolderException(manifest + ": cannot write: " + AtomicFile.reason(e), e);
        }
        metrics = MetricsCsv.open(folder, network.depth(), firstEpoch);
    }

    @Override
    public void batchDone(BatchProgress progress) {
        metrics.batch(progress);
    }

    @Override
    public void epochDone(EpochSummary summary, Checkpoint checkpoint) {
        metrics.epoch(summary);
        checkpoint.save(folder.resolve(Checkpoint.LATEST));
        savedEpochs = checkpoint.epochsDone();
        if (checkpoint.isBest()) {
            checkpoint.save(folder.resolve(Checkpoint.BEST));
        }
        if (setup.plots()) {
            drawPlots();
        }
    }

    private void drawPlots() {
        try {
            RunPlots.draw(folder, network.depth(), network.outputs());
        } catch (IOException | RuntimeException e) {
            if (!plotFailureReported) {
                plotFailureReported = true;
                notes.accept(folder + ": cannot write the plots (" + (e instanceof IOException ? e.getMessage() : e.toString())
                    + "); training goes on, and they are tried again after each epoch");
            }
        }
    }

    // A kill during a write leaves its temporary file; this run holds the folder, so none is in use.
    private void removeStaleTemporaries() {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> stale = entries.filter(AtomicFile::isTemporary).toList();
            for (Path file : stale) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new RunFolderException(folder + ": cannot list the run folder: " + AtomicFile.reason(e), e);
        }
    }

    /** Releases the folder ({@link RunClaim#close()}). */
    @Override
    public void close() {
        claim.close();
    }
}
