package org.s3gd.train.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.s3gd.model.NetworkConfig;
import org.s3gd.train.BatchProgress;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.EpochSummary;
import org.s3gd.train.Provenance;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.TrainingListener;

/**
 * Writes a run to its folder as it trains:
 * <ul>
 *   <li>{@value RunManifest#FILE}: configuration and provenance, at the start;</li>
 *   <li>{@value MetricsCsv#BATCHES}, {@value MetricsCsv#EPOCHS}: metrics, flushed every epoch;</li>
 *   <li>{@value Checkpoint#LATEST} after every epoch and {@value Checkpoint#BEST} when the test
 *       accuracy improves, each replaced atomically;</li>
 *   <li>PNG plots ({@link RunPlots}), redrawn every epoch unless disabled.</li>
 * </ul>
 * A kill at any moment leaves the checkpoint of the last finished epoch intact.
 */
public final class RunFolder implements TrainingListener, AutoCloseable {
    private final Path folder;
    private final NetworkConfig network;
    private final boolean plots;
    private MetricsCsv metrics;

    public RunFolder(Path folder, NetworkConfig network, boolean plots) {
        this.folder = folder;
        this.network = network;
        this.plots = plots;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void started(TrainingConfig config, Provenance provenance, int firstEpoch, int batchesPerEpoch) {
        try {
            Files.createDirectories(folder);
            writeAtomically(folder.resolve(RunManifest.FILE), RunManifest.json(config, network, provenance, firstEpoch));
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot write the run folder: " + e.getMessage(), e);
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
        if (checkpoint.testAccuracy() >= checkpoint.bestTestAccuracy()) {
            checkpoint.save(folder.resolve(Checkpoint.BEST));
        }
        if (plots) {
            try {
                RunPlots.draw(folder, network.depth());
            } catch (IOException e) {
                throw new UncheckedIOException(folder + ": cannot draw the plots: " + e.getMessage(), e);
            }
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
