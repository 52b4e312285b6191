package org.s3gd.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.s3gd.backend.Backends;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.NetworkConfig;
import org.s3gd.train.TrainingConfig;

/**
 * {@code s3gd bench --experiment peer}: the whole training step of each data set's preset network
 * (hidden layers of {@code --hidden}), s3gd sparse, s3gd dense and the PyTorch peer, each in a
 * process of its own with Poisson input at the data set's rate and its hidden layers calibrated to
 * the target activity, and the sparse step's floor; then SHD with two hidden layers of 1000, where
 * memory parts the ways (dense s3gd is left out there: it keeps gigabytes and takes minutes a step;
 * a quick run leaves the whole row out).
 */
final class PeerExperiment {
    private static final int SPARSE_WARMUP = 30;
    private static final int BIG = 1000;

    private PeerExperiment() {
    }

    static List<PeerRow> run(BenchConfig config, PrintWriter log) {
        WorkFloor.Rates rates = WorkFloor.measureRates(Backends.standard());
        log.printf(Locale.ROOT, "rates on one thread: %.3f ns per float of a summed row, %.3f ns per membrane step%n",
            rates.rowNs(), rates.stepNs());
        List<PeerRow> rows = new ArrayList<>();
        List<Integer> hidden = List.of(config.neurons(), config.neurons());
        for (BenchDataset dataset : BenchDataset.values()) {
            rows.add(measure(dataset, hidden, config, rates, true, log));
        }
        if (!config.quick()) {
            rows.add(measure(BenchDataset.SHD, List.of(BIG, BIG), config, rates, false, log));
        }
        return rows;
    }

    private static PeerRow measure(BenchDataset dataset, List<Integer> hidden, BenchConfig config, WorkFloor.Rates rates,
                                   boolean withDense, PrintWriter log) {
        int batch = config.batch();
        int threads = config.threads();
        int repetitions = config.repetitions();
        double activity = config.targetActivity();
        int sparseWarmup = config.quick() ? config.warmup() : Math.max(SPARSE_WARMUP, config.warmup());
        PeerProcesses.Measured sparse = PeerProcesses.s3gd(dataset, hidden, BackwardMethod.SPARSE, batch, threads, activity,
            sparseWarmup, repetitions);
        // The same step on one thread, in the same sitting: how the step scales with threads.
        PeerProcesses.Measured oneThread = withDense && threads > 1
            ? PeerProcesses.s3gd(dataset, hidden, BackwardMethod.SPARSE, batch, 1, activity, sparseWarmup, repetitions)
            : PeerProcesses.Measured.unavailable("not measured at this size");
        PeerProcesses.Measured dense = withDense ? PeerProcesses.s3gd(dataset, hidden, BackwardMethod.DENSE, batch, threads,
            activity, config.warmup(), Math.min(repetitions, 5))
            : PeerProcesses.Measured.unavailable("not measured at this size");
        TrainingConfig preset = TrainingConfig.preset(dataset.id()).withHidden(hidden);
        NetworkConfig network = preset.network(dataset.inputs(), dataset == BenchDataset.SHD ? 20 : 10);
        PeerProcesses.Measured pytorch = PeerProcesses.pytorch(dataset, hidden, network, preset.learningRate(), batch,
            threads, Math.min(config.warmup(), 2), Math.min(repetitions, 5));
        List<WorkFloor.Phase> floor = List.of();
        if (hidden.get(0) == config.neurons()) {
            try (StepWorkload workload = new StepWorkload(dataset, hidden, BackwardMethod.SPARSE, batch, threads, activity,
                1)) {
                workload.run(sparseWarmup, 0);
                List<List<WorkFloor.Phase>> steps = new ArrayList<>();
                for (int k = 0; k < repetitions; k++) {
                    steps.add(WorkFloor.phases(workload, workload.step(), rates, threads));
                }
                floor = WorkFloor.median(steps);
            }
        }
        PeerRow row = new PeerRow(dataset.label(), hidden, batch, sparse, oneThread, dense, pytorch, floor);
        log.printf(Locale.ROOT, "%-8s %s | s3gd sparse %s%s | dense %s | PyTorch %s%s%n", dataset.label(), hidden,
            describe(sparse), Double.isNaN(row.threadSpeedup()) ? "" : String.format(Locale.ROOT, " (one thread %.2f ms, ×%.2f)",
                oneThread.stepMs(), row.threadSpeedup()), describe(dense), describe(pytorch),
            sparse.available() && pytorch.available() ? String.format(Locale.ROOT, " | PyTorch / sparse ×%.0f",
                row.sparseSpeedup()) : "");
        log.flush();
        return row;
    }

    private static String describe(PeerProcesses.Measured m) {
        return m.available() ? String.format(Locale.ROOT, "%.2f ms, %s", m.stepMs(), BenchMarkdown.mib(m.peakRssBytes())
            + " MiB") : m.unavailable();
    }
}
