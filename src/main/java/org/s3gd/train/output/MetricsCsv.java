package org.s3gd.train.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.s3gd.train.BatchProgress;
import org.s3gd.train.EpochSummary;

/**
 * The metrics of a run as two CSV files: {@value #BATCHES} (one row per training batch) and
 * {@value #EPOCHS} (one row per epoch). Epochs are numbered from 1. Resuming at epoch {@code e}
 * drops the rows of epoch {@code e} and later that an interrupted run may have left, so the
 * files always describe the run the checkpoint continues.
 */
public final class MetricsCsv implements AutoCloseable {
    public static final String BATCHES = "batches.csv";
    public static final String EPOCHS = "epochs.csv";

    private final BufferedWriter batches;
    private final BufferedWriter epochs;
    private final int depth;

    private MetricsCsv(BufferedWriter batches, BufferedWriter epochs, int depth) {
        this.batches = batches;
        this.epochs = epochs;
        this.depth = depth;
    }

    /** Opens the files in {@code folder} for a network of {@code depth} hidden layers starting at 0-based {@code firstEpoch}. */
    public static MetricsCsv open(Path folder, int depth, int firstEpoch) {
        try {
            return new MetricsCsv(open(folder.resolve(BATCHES), batchHeader(depth), firstEpoch),
                open(folder.resolve(EPOCHS), epochHeader(depth), firstEpoch), depth);
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot write metrics: " + e.getMessage(), e);
        }
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
            "epoch,loss,train_accuracy,test_loss,test_accuracy,forward_ms,backward_ms,train_seconds,samples_per_s");
        for (int l = 1; l <= depth; l++) {
            header.append(",active_pct_").append(l);
        }
        return header.toString();
    }

    private static BufferedWriter open(Path file, String header, int firstEpoch) throws IOException {
        List<String> kept = new ArrayList<>();
        kept.add(header);
        if (firstEpoch > 0 && Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
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
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        for (String line : kept) {
            writer.write(line);
            writer.newLine();
        }
        writer.flush();
        return writer;
    }

    public void batch(BatchProgress p) {
        StringBuilder row = new StringBuilder();
        row.append(p.epoch() + 1).append(',').append(p.batch() + 1).append(',').append(p.stats().batchSize());
        number(row, p.stats().loss());
        number(row, p.stats().crossEntropy());
        number(row, p.stats().accuracy());
        number(row, p.forwardNanos() / 1e6);
        number(row, p.backwardNanos() / 1e6);
        for (int l = 0; l < depth; l++) {
            number(row, 100 * p.stats().activity()[l]);
        }
        for (int l = 0; l < depth; l++) {
            number(row, p.stats().spikeRate()[l]);
        }
        for (int l = 0; l < depth; l++) {
            number(row, p.backwardNanosPerLayer()[l] / 1e6);
        }
        write(batches, row);
    }

    /** Appends the epoch's row and flushes both files. */
    public void epoch(EpochSummary s) {
        StringBuilder row = new StringBuilder().append(s.epoch() + 1);
        number(row, s.loss());
        number(row, s.trainAccuracy());
        number(row, s.testLoss());
        number(row, s.testAccuracy());
        number(row, s.forwardMillis());
        number(row, s.backwardMillis());
        number(row, s.trainSeconds());
        number(row, s.samplesPerSecond());
        for (int l = 0; l < depth; l++) {
            number(row, 100 * s.activity()[l]);
        }
        write(epochs, row);
        try {
            batches.flush();
            epochs.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(StringBuilder row, double value) {
        row.append(',').append(String.format(Locale.ROOT, "%.6g", value));
    }

    private static void write(BufferedWriter writer, CharSequence row) {
        try {
            writer.append(row);
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            batches.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                epochs.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
