package org.s3gd.train.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.s3gd.io.AtomicFile;
import org.s3gd.train.BatchProgress;
import org.s3gd.train.EpochSummary;

/**
 * The metrics of a run as two CSV files: {@value #BATCHES} (one row per training batch) and
 * {@value #EPOCHS} (one row per epoch). Epochs are numbered from 1. The rows are kept in memory and
 * both files are rewritten with {@link AtomicFile} at the end of every epoch, so they always end
 * with a whole epoch: a kill or a full disk leaves the files of the last epoch that was written.
 * Resuming at epoch {@code e} drops the rows of epoch {@code e} and later that an interrupted run
 * may have left, so the files always describe the run the checkpoint continues.
 */
public final class MetricsCsv implements AutoCloseable {
    public static final String BATCHES = "batches.csv";
    public static final String EPOCHS = "epochs.csv";

    private final Path folder;
    private final List<String> batches;
    private final List<String> epochs;
    /** This epoch's batch rows, as numbers: formatted when the epoch ends, not in the training loop. */
    private final List<double[]> pending = new ArrayList<>();
    private final int depth;

    private MetricsCsv(Path folder, List<String> batches, List<String> epochs, int depth) {
        this.folder = folder;
        this.batches = batches;
        this.epochs = epochs;
        this.depth = depth;
    }

    /** The metrics in {@code folder} for a network of {@code depth} hidden layers starting at 0-based {@code firstEpoch}. */
    public static MetricsCsv open(Path folder, int depth, int firstEpoch) {
        return new MetricsCsv(folder, kept(folder.resolve(BATCHES), batchHeader(depth), firstEpoch),
            kept(folder.resolve(EPOCHS), epochHeader(depth), firstEpoch), depth);
    }

    static String batchHeader(int depth) {
        StringBuilder header = new StringBuilder("epoch,batch,samples,loss,cross_entropy,accuracy,forward_ms,backward_ms");
        for (int l = 1; l <= depth; l++) {
            header.append(",active_pct_").append(l);
        }
        for (int l = 1; l <= depth; l++) {
            header.append(",spike_rate_").append(l);
        }
        for (int l = 1; l <= depth; l++) {
            header.append(",backward_ms_").append(l);
        }
        return header.toString();
    }

    static String epochHeader(int depth) {
        StringBuilder header = new StringBuilder(
            "epoch,loss,train_accuracy,validation_loss,validation_accuracy,test_loss,test_accuracy,forward_ms,backward_ms,"
                + "train_seconds,samples_per_s");
        for (int l = 1; l <= depth; l++) {
            header.append(",active_pct_").append(l);
        }
        return header.toString();
    }

    /** The header and the rows of epochs up to {@code firstEpoch} (1-based) already in {@code file}. */
    private static List<String> kept(Path file, String header, int firstEpoch) {
        List<String> kept = new ArrayList<>();
        kept.add(header);
        if (firstEpoch > 0 && Files.isRegularFile(file)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RunFolderException(file + ": cannot read the metrics: " + AtomicFile.reason(e), e);
            }
            if (!lines.isEmpty() && lines.get(0).equals(header)) {
                for (String line : lines.subList(1, lines.size())) {
                    int comma = line.indexOf(',');
                    if (comma > 0 && line.substring(0, comma).matches("\\d+")
                        && Integer.parseInt(line.substring(0, comma)) <= firstEpoch) {
                        kept.add(line);
                    }
                }
            }
        }
        return kept;
    }

    /** Keeps the batch's row; it reaches {@value #BATCHES} with its epoch's row (formatting it takes microseconds a batch). */
    public void batch(BatchProgress p) {
        double[] row = new double[8 + 3 * depth];
        row[0] = p.epoch() + 1;
        row[1] = p.batch() + 1;
        row[2] = p.stats().batchSize();
        row[3] = p.stats().loss();
        row[4] = p.stats().crossEntropy();
        row[5] = p.stats().accuracy();
        row[6] = p.forwardNanos() / 1e6;
        row[7] = p.backwardNanos() / 1e6;
        for (int l = 0; l < depth; l++) {
            row[8 + l] = 100 * p.stats().activity()[l];
            row[8 + depth + l] = p.stats().spikeRate()[l];
            row[8 + 2 * depth + l] = p.backwardNanosPerLayer()[l] / 1e6;
        }
        pending.add(row);
    }

    /**
     * Appends the epoch's row and writes both files.
     *
     * @throws RunFolderException naming the file and the file system's reason when it cannot be written
     */
    public void epoch(EpochSummary s) {
        StringBuilder row = new StringBuilder().append(s.epoch() + 1);
        number(row, s.loss());
        number(row, s.trainAccuracy());
        number(row, s.validationLoss());
        number(row, s.validationAccuracy());
        number(row, s.testLoss());
        number(row, s.testAccuracy());
        number(row, s.forwardMillis());
        number(row, s.backwardMillis());
        number(row, s.trainSeconds());
        number(row, s.samplesPerSecond());
        for (int l = 0; l < depth; l++) {
            number(row, 100 * s.activity()[l]);
        }
        epochs.add(row.toString());
        for (double[] numbers : pending) {
            StringBuilder line = new StringBuilder();
            line.append((int) numbers[0]).append(',').append((int) numbers[1]).append(',').append((int) numbers[2]);
            for (int k = 3; k < numbers.length; k++) {
                number(line, numbers[k]);
            }
            batches.add(line.toString());
        }
        pending.clear();
        write(BATCHES, batches);
        write(EPOCHS, epochs);
    }

    private void write(String name, List<String> rows) {
        Path file = folder.resolve(name);
        try {
            AtomicFile.write(file, out -> {
                for (String row : rows) {
                    out.write(row.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            });
        } catch (IOException e) {
            throw new RunFolderException(file + ": cannot write the metrics: " + AtomicFile.reason(e), e);
        }
    }

    private static void number(StringBuilder row, double value) {
        row.append(',').append(String.format(Locale.ROOT, "%.6g", value));
    }

    /** Nothing to release: the files are written whole at each epoch's end. */
    @Override
    public void close() {
    }
}
