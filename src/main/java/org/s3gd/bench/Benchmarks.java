package org.s3gd.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.s3gd.data.DataLocator;
import org.s3gd.parallel.Workers;

/**
 * Runs the experiments of a {@link BenchConfig}: the paper's Fig. 4A/B (layer times on the three
 * data sets), Fig. 4C (hidden-size sweep), Fig. 5 (b_th sweep) and Fig. 3A (activity while
 * training). "Dense" is the paper's original method as s3gd implements it (dense matmul forward,
 * dense BPTT), "sparse" is s3gd's (event-driven forward, sparse backward); both run on the same
 * workers with their vectorised kernels.
 */
public final class Benchmarks {
    private final BenchConfig config;
    private final DataLocator locator;
    private final PrintWriter log;
    private final Map<BenchDataset, InputBatch> inputs = new EnumMap<>(BenchDataset.class);

    /**
     * @param locator where to look for the data sets' files (null: synthetic input everywhere)
     * @param log     receives one line per measurement as it finishes
     */
    public Benchmarks(BenchConfig config, DataLocator locator, PrintWriter log) {
        this.config = config;
        this.locator = config.syntheticInput() ? null : locator;
        this.log = log;
    }

    public BenchResults run() {
        long start = System.nanoTime();
        MachineInfo machine = MachineInfo.current();
        List<LayerRow> layers = new ArrayList<>();
        List<LayerRow> hidden = new ArrayList<>();
        List<LayerRow> threshold = new ArrayList<>();
        List<LayerRow> recurrent = new ArrayList<>();
        List<PeerRow> peer = new ArrayList<>();
        List<ConvRow> conv = new ArrayList<>();
        TrainingActivity training = null;
        try (Workers workers = new Workers(config.threads())) {
            if (config.runs(Experiment.LAYERS)) {
                section("Layer times (Fig. 4A/B): second hidden layer, dense vs sparse");
                for (BenchDataset dataset : BenchDataset.values()) {
                    InputBatch input = input(dataset, workers);
                    layers.add(measure(input, StackedWorkload.calibrated(input, config.neurons(),
                        BenchConfig.backpropThreshold(BenchConfig.DEFAULT_BTH), config.targetActivity(), workers, config.seed())));
                }
            }
            if (config.runs(Experiment.HIDDEN)) {
                section("Hidden-size sweep (Fig. 4C), SHD shape");
                InputBatch input = input(BenchDataset.SHD, workers);
                for (int neurons : config.hiddenSizes()) {
                    hidden.add(measure(input, StackedWorkload.calibrated(input, neurons,
                        BenchConfig.backpropThreshold(BenchConfig.DEFAULT_BTH), config.targetActivity(), workers, config.seed())));
                }
            }
            if (config.runs(Experiment.THRESHOLD)) {
                section("b_th sweep (Fig. 5), SHD shape, weights calibrated at b_th = " + BenchConfig.DEFAULT_BTH);
                InputBatch input = input(BenchDataset.SHD, workers);
                StackedWorkload calibrated = StackedWorkload.calibrated(input, config.neurons(),
                    BenchConfig.backpropThreshold(BenchConfig.DEFAULT_BTH), config.targetActivity(), workers, config.seed());
                double firstGain = calibrated.firstGain();
                double secondGain = calibrated.second().gain();
                calibrated = null; // its dense buffers may go before the sweep allocates its own
                for (double bth : config.thresholds()) {
                    threshold.add(measure(input, StackedWorkload.withGains(input, config.neurons(),
                        BenchConfig.backpropThreshold(bth), firstGain, secondGain, workers, config.seed())));
                }
            }
            if (config.runs(Experiment.RECURRENT)) {
                section("Recurrent layer (ALGORITHM.md §7), SHD shape: T = 500, 700 → " + config.neurons()
                    + ", beside the feed-forward layer");
                InputBatch input = input(BenchDataset.SHD, workers);
                LayerShape shape = BenchDataset.SHD.firstLayer(input.spikes().batchSize(), input.spikes().units(),
                    config.neurons());
                float bth = BenchConfig.backpropThreshold(BenchConfig.DEFAULT_BTH);
                for (LayerShape layer : List.of(shape, shape.withRecurrence())) {
                    recurrent.add(measure(input, LayerWorkload.onInput(layer, bth, input.spikes(), config.targetActivity(),
                        workers, config.seed()), Double.NaN));
                }
            }
            if (config.runs(Experiment.CONV)) {
                section("Convolutional layer (ALGORITHM.md §8): F-MNIST's conv:32x5 and a conv layer on N-MNIST, dense vs sparse");
                conv.addAll(convolutions(workers));
            }
        }
        inputs.clear();
        if (config.runs(Experiment.PEER)) {
            section("Whole training step against PyTorch (dense BPTT, autograd), each side in a process of its own");
            peer.addAll(PeerExperiment.run(config, log));
        }
        if (config.runs(Experiment.TRAINING)) {
            section("Activity during training (Fig. 3A, Table 2): " + config.trainDataset().folder() + ", sparse method");
            training = TrainingActivity.run(config.trainDataset(), locator, List.of(config.neurons(), config.neurons()),
                config.trainBatch(), config.trainBatches(), BenchConfig.backpropThreshold(BenchConfig.DEFAULT_BTH),
                config.threads(), config.seed());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d batches, mean active", training.activePercent().size()));
            for (int l = 0; l < training.layers(); l++) {
                line.append(String.format(Locale.ROOT, " %s%.2f%%", l == 0 ? "" : "/ ", training.meanActivePercent(l)));
            }
            log.println(line.append(String.format(Locale.ROOT, "; test accuracy %.1f%%; %s", 100 * training.testAccuracy(),
                training.source())));
            log.flush();
        }
        return new BenchResults(config, machine, layers, hidden, threshold, training, recurrent, peer, conv,
            (System.nanoTime() - start) / 1e9);
    }

    /** The batch of the conv experiment: the dense method keeps B·T·N floats three times over, N = 18,432 on F-MNIST. */
    static final int CONV_BATCH = 16;

    private List<ConvRow> convolutions(Workers workers) {
        int batch = Math.min(config.batch(), CONV_BATCH);
        float bth = BenchConfig.backpropThreshold(BenchConfig.DEFAULT_BTH);
        List<ConvRow> rows = new ArrayList<>();
        record Case(BenchDataset dataset, org.s3gd.model.Shape shape, int channels, int kernel, int stride) {
        }
        for (Case c : List.of(new Case(BenchDataset.FMNIST, new org.s3gd.model.Shape(1, 28, 28), 32, 5, 1),
            new Case(BenchDataset.NMNIST, new org.s3gd.model.Shape(1, 34, 34), 16, 5, 2))) {
            InputBatch input = InputBatch.of(c.dataset(), batch, locator, workers, config.seed());
            org.s3gd.model.Conv2dLif layer = new org.s3gd.model.Conv2dLif(c.channels(), c.kernel(), c.stride(), 0,
                org.s3gd.model.LifParameters.of(c.dataset().dtMillis(), 10), org.s3gd.model.BackwardMethod.SPARSE);
            ConvWorkload workload = new ConvWorkload(c.dataset().label(), c.shape(), layer, input.spikes(),
                c.dataset().dtMillis(), bth, config.targetActivity(), workers, config.seed());
            ConvRow row = workload.measure(config.warmup(), config.repetitions(), input.source());
            log.printf(Locale.ROOT, "%s %s  B %d | activity %.2f %% | fwd dense %s sparse %s | bwd dense %s sparse %s | "
                    + "bwd ×%.1f | kept %s → %s MiB%n", row.dataset(), row.layer(), row.batch(), 100 * row.activity(),
                row.denseForward(), row.sparseForward(), row.denseBackward(), row.sparseBackward(), row.backwardSpeedup(),
                BenchMarkdown.mib(row.denseBytes()), BenchMarkdown.mib(row.sparseBytes()));
            log.flush();
            rows.add(row);
        }
        return rows;
    }

    private InputBatch input(BenchDataset dataset, Workers workers) {
        return inputs.computeIfAbsent(dataset, d -> {
            InputBatch batch = InputBatch.of(d, config.batch(), locator, workers, config.seed());
            log.printf(Locale.ROOT, "%s input: %s; rate %.2f %%%n", d.label(), batch.source(), 100 * batch.rate());
            log.flush();
            return batch;
        });
    }

    private LayerRow measure(InputBatch input, StackedWorkload workload) {
        return measure(input, workload.second(), workload.firstActivity());
    }

    // firstActivity: the activity of the layer feeding the timed one, NaN when the data feed it.
    private LayerRow measure(InputBatch input, LayerWorkload workload, double firstActivity) {
        LayerTiming.Result timing = LayerTiming.measure(workload, config.warmup(), config.repetitions(),
            config.warmupSeconds());
        log.printf(Locale.ROOT, "%s  b_th %.3f N %d | %s%n", input.real() ? "real " : "synth", 1 - timing.backpropThreshold(),
            timing.shape().neurons(), LayerTiming.line(timing));
        log.flush();
        return new LayerRow(timing.shape().recurrent() ? input.dataset().label() + " recurrent" : input.dataset().label(),
            input.source(), firstActivity, timing);
    }

    private void section(String title) {
        log.println("== " + title);
        log.flush();
    }
}
