package org.s3gd.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.s3gd.train.BatchProgress;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.EpochSummary;
import org.s3gd.train.Provenance;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.TrainingListener;

/**
 * What a person watching a run sees: a live progress bar per epoch (on the terminal, redrawn in
 * place) and one line per epoch on the command's output.
 */
final class ConsoleReport implements TrainingListener, AutoCloseable {
    private final PrintWriter out;
    private final PrintStream barStream;
    private ProgressBar bar;
    private int batches;
    /** Which hidden layers have neurons: pooling and flatten show "–" where the others show their activity. */
    private boolean[] spiking = new boolean[0];

    /** @param barStream where the progress bar goes, or null for none */
    ConsoleReport(PrintWriter out, PrintStream barStream) {
        this.out = out;
        this.barStream = barStream;
    }

    @Override
    public void started(TrainingConfig config, Provenance provenance, int firstEpoch, int batchesPerEpoch) {
        batches = batchesPerEpoch;
        spiking = new boolean[config.layers().size()];
        for (int l = 0; l < spiking.length; l++) {
            spiking[l] = config.layers().get(l).kind().spiking();
        }
        out.printf(Locale.ROOT, "training: %d epochs of %d batches of %d, layers %s, %d thread%s%s%n",
            config.epochs(), batchesPerEpoch, config.batchSize(), config.stackLabel(), config.threads(),
            config.threads() == 1 ? "" : "s",
            firstEpoch > 0 ? ", resuming at epoch " + (firstEpoch + 1) : "");
        out.flush();
    }

    @Override
    public void batchDone(BatchProgress p) {
        if (barStream == null) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d", p.epoch() + 1))
                .setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(barStream))
                .hideEta()
                .build();
        }
        StringBuilder active = new StringBuilder();
        double[] activity = p.stats().activity();
        for (int l = 0; l < activity.length; l++) {
            active.append(l == 0 ? "" : "/").append(hasNeurons(l) ? String.format(Locale.ROOT, "%.1f", 100 * activity[l]) : "–");
        }
        bar.stepTo(p.batch() + 1);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f acc %.1f%% active %s%% %.0f/s",
            p.runningLoss(), 100 * p.runningAccuracy(), active, p.samplesPerSecond()));
    }

    @Override
    public void epochDone(EpochSummary s, Checkpoint checkpoint) {
        closeBar();
        StringBuilder active = new StringBuilder();
        double[] activity = s.activity();
        for (int l = 0; l < activity.length; l++) {
            active.append(l == 0 ? "" : " / ").append(hasNeurons(l) ? String.format(Locale.ROOT, "%.2f%%", 100 * activity[l]) : "–");
        }
        String validation = Double.isNaN(s.validationAccuracy()) ? ""
            : String.format(Locale.ROOT, "validation %.2f%%  ", 100 * s.validationAccuracy());
        out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  train %.2f%%  %stest %.2f%%  active %s  "
                + "forward %.1f ms  backward %.1f ms per batch  (%.1f s, %.0f samples/s)%n",
            s.epoch() + 1, s.epochs(), s.loss(), 100 * s.trainAccuracy(), validation, 100 * s.testAccuracy(), active,
            s.forwardMillis(), s.backwardMillis(), s.trainSeconds(), s.samplesPerSecond());
        out.flush();
    }

    private boolean hasNeurons(int l) {
        return l >= spiking.length || spiking[l];
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        closeBar();
    }
}
