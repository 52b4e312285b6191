package org.s3gd.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.CheckpointException;
import org.s3gd.train.output.RunClaim;

/**
 * Where a trial stands, read from its run folder: the checkpoint says how many epochs are done.
 *
 * @param folder     the trial's run folder
 * @param epochsDone epochs its checkpoint holds (0 without one)
 * @param epochs     epochs the trial trains
 * @param started    whether the folder holds anything (a run began there)
 * @param damage     why its checkpoint cannot be read, or null
 */
public record TrialState(Path folder, int epochsDone, int epochs, boolean started, String damage) {
    /** The state of the run folder {@code folder} of a trial that trains {@code epochs} epochs. */
    public static TrialState of(Path folder, int epochs) {
        Path checkpoint = folder.resolve(Checkpoint.LATEST);
        if (Files.isRegularFile(checkpoint)) {
            try {
                return new TrialState(folder, Checkpoint.load(checkpoint).epochsDone(), epochs, true, null);
            } catch (CheckpointException e) {
                return new TrialState(folder, 0, epochs, true, e.getMessage());
            }
        }
        return new TrialState(folder, 0, epochs, holdsAnything(folder), null);
    }

    public boolean finished() {
        return epochsDone >= epochs;
    }

    /** Started and stopped before its last epoch (killed, timed out, failed). */
    public boolean cut() {
        return started && !finished();
    }

    /** One word: finished, cut (at epoch N), started or not started. */
    public String describe() {
        if (damage != null) {
            return "damaged checkpoint (" + damage + ")";
        }
        if (finished()) {
            return "finished";
        }
        if (epochsDone > 0) {
            return "cut after epoch " + epochsDone + " of " + epochs;
        }
        return started ? "cut before its first epoch" : "not started";
    }

    private static boolean holdsAnything(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(p -> !p.getFileName().toString().equals(RunClaim.LOCK));
        } catch (java.io.IOException e) {
            throw new SweepException(folder + ": cannot list: " + e.getMessage(), e);
        }
    }
}
