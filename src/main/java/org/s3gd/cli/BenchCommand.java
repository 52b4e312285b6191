package org.s3gd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.s3gd.bench.BenchConfig;
import org.s3gd.bench.BenchDataset;
import org.s3gd.bench.BenchMarkdown;
import org.s3gd.bench.BenchOutput;
import org.s3gd.bench.BenchResults;
import org.s3gd.bench.Benchmarks;
import org.s3gd.bench.Experiment;
import org.s3gd.bench.GradientPicture;
import org.s3gd.bench.GradientPlot;
import org.s3gd.data.DatasetId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code s3gd bench}: builds a {@link BenchConfig} from the options and runs {@link Benchmarks}. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = S3gd.Version.class,
    description = {"Re-measures the paper's speed and memory figures, dense against sparse, and writes tables (CSV, "
        + "summary.md), PNG plots and, with --write-docs, docs/BENCHMARKS.md.",
        "Experiments: layers (Fig. 4A/B, second hidden layer on F-MNIST, N-MNIST and SHD shapes), hidden (Fig. 4C, "
            + "width 100 … 1000), threshold (Fig. 5, b_th 0.8 … 0.999), training (Fig. 3A, active %% per batch), recurrent (a "
            + "recurrent layer at SHD's shape, 700 → 200, beside the feed-forward one), conv (a convolutional layer on "
            + "F-MNIST and N-MNIST images), peer (the whole training step "
            + "against PyTorch's, with its floor and each side's peak memory; needs Debian's python3-torch). "
            + "Data sets whose files are not found are replaced by synthetic input with their statistics, and the "
            + "output says so."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--all", description = "Run every experiment (the default when no --experiment is given).")
    boolean all;

    @Option(names = "--experiment", paramLabel = "NAME", split = ",",
        description = "Experiments to run: layers, hidden, threshold, training, recurrent, peer, gradients, conv (comma-separated).")
    List<String> experiment;

    @Option(names = "--quick", description = "Smoke test: B = 16, 1 warm-up and 3 timed rounds, shorter sweeps, "
        + "20 training batches; under a minute, numbers not meaningful.")
    boolean quick;

    @Option(names = "--batch", paramLabel = "N", description = "B of the timed layers (default 256; --quick 16).")
    Integer batch;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed rounds before the timed ones (default 3; --quick 1).")
    Integer warmup;

    @Option(names = "--warmup-seconds", paramLabel = "S",
        description = "Longest warm-up of one measurement while its passes still allocate, i.e. run uncompiled "
            + "vector code (default 30; --quick 2).")
    Double warmupSeconds;

    @Option(names = "--repetitions", paramLabel = "N", description = "Timed rounds per measurement (default 11; --quick 3).")
    Integer repetitions;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads of both methods (default: all processors).")
    Integer threads;

    @Option(names = "--activity", paramLabel = "FRACTION",
        description = "Activity every layer's weights are calibrated to at b_th = 0.8 (default 0.015, i.e. 1.5 %%).")
    Double activity;

    @Option(names = "--hidden", paramLabel = "N", description = "Width of the hidden layers (default 200, the paper's).")
    Integer hidden;

    @Option(names = "--hidden-sizes", paramLabel = "N,N", split = ",",
        description = "Widths of the hidden-size sweep (default 100,200,300,400,600,800,1000).")
    List<Integer> hiddenSizes;

    @Option(names = "--thresholds", paramLabel = "B_TH,B_TH", split = ",",
        description = "b_th values of the threshold sweep, B_th = 1 - b_th (default 0.8,0.9,0.95,0.99,0.999).")
    List<Double> thresholds;

    @Option(names = "--train-dataset", paramLabel = "NAME", converter = Converters.Dataset.class,
        description = "Data set of the training-activity run: synthetic (default), fmnist, nmnist or shd.")
    DatasetId trainDataset;

    @Option(names = "--train-batch", paramLabel = "N", description = "Batch size of the training run (default: the data set's preset).")
    Integer trainBatch;

    @Option(names = "--train-batches", paramLabel = "N", description = "Training batches at most (default 300; --quick 20).")
    Integer trainBatches;

    @Option(names = "--synthetic-input", description = "Synthetic input for every data set, even where its files are found.")
    boolean syntheticInput;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of inputs, weights and gradients (default 1).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default bench-results).")
    Path out;

    @Option(names = "--no-plots", description = "Do not draw PNG plots.")
    boolean noPlots;

    @Option(names = "--write-docs", description = "Also regenerate the benchmarks document (needs every experiment).")
    boolean writeDocs;

    @Option(names = "--docs", paramLabel = "FILE",
        description = "The document --write-docs writes (default docs/BENCHMARKS.md); its images go to benchmarks/ beside it.")
    Path docs;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        BenchConfig config = config();
        if (writeDocs && config.experiments().size() != Experiment.values().length) {
            throw usage("--write-docs regenerates the whole document: run every experiment (--all)");
        }
        checkHeap(config);
        Path folder = out != null ? out : Path.of("bench-results");
        BenchResults results = new Benchmarks(config, common.locator().withStandardPlaces(), stdout).run();
        List<String> written = new ArrayList<>(BenchOutput.write(results, folder, !noPlots));
        if (config.runs(Experiment.GRADIENTS)) {
            written.add(gradients(config, folder, stdout));
        }
        stdout.println();
        stdout.print(BenchMarkdown.summary(results, false));
        stdout.printf(Locale.ROOT, "%nwrote %s in %s%n", String.join(", ", written), folder);
        if (writeDocs) {
            Path docsFile = docs != null ? docs : Path.of("docs", "BENCHMARKS.md");
            BenchOutput.writeDocs(results, folder, docsFile);
            stdout.printf(Locale.ROOT, "wrote %s and its images in %s%n", docsFile,
                docsFile.toAbsolutePath().getParent().resolve(BenchOutput.DOCS_IMAGES));
        }
        return ExitCodes.OK;
    }

    /** Fig. 3B: the gradients of one batch, dense beside sparse; prints their cosines and writes the picture. */
    private static String gradients(BenchConfig config, Path folder, PrintWriter stdout) throws IOException {
        GradientPicture picture = GradientPicture.compute(32, 100, 100, 100, 0.02,
            BenchConfig.backpropThreshold(BenchConfig.DEFAULT_BTH), config.seed(), config.threads());
        Files.createDirectories(folder);
        GradientPlot.write(picture, folder.resolve(GradientPlot.FILE));
        stdout.printf(Locale.ROOT, "== Gradients of one batch (Fig. 3B): 100 inputs → 100 → 100 → 10, T = 100, B = 32, b_th = %.2f%n"
                + "cosine(sparse, dense): ∇W2 %.4f; ∂L/∂s1 %.4f over the entries the sparse method computes, %.4f over all "
                + "(the rest it never computes: there σ'(v) is small and they barely reach ∇W1)%n"
                + "the sparse method computes %.1f %% of ∇W2 and %.1f %% of ∂L/∂s1 (active %.2f %% / %.2f %%)%n",
            BenchConfig.DEFAULT_BTH, picture.weightCosine(), picture.computedSpikeCosine(), picture.spikeCosine(),
            100 * picture.computedShare(picture.weightsComputed()), 100 * picture.computedShare(picture.spikesComputed()),
            100 * picture.activity()[0], 100 * picture.activity()[1]);
        stdout.flush();
        return GradientPlot.FILE;
    }

    private BenchConfig config() {
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        BenchConfig base;
        try {
            base = quick ? BenchConfig.quick(workers) : BenchConfig.full(workers);
            return new BenchConfig(experiments(), orDefault(batch, base.batch()), orDefault(warmup, base.warmup()),
                warmupSeconds != null ? warmupSeconds : base.warmupSeconds(), orDefault(repetitions, base.repetitions()), workers, activity != null ? activity : base.targetActivity(),
                orDefault(hidden, base.neurons()), hiddenSizes != null ? hiddenSizes : base.hiddenSizes(),
                thresholds != null ? thresholds : base.thresholds(), trainDataset != null ? trainDataset : base.trainDataset(),
                trainBatch, orDefault(trainBatches, base.trainBatches()), syntheticInput, seed != null ? seed : base.seed(),
                quick);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Set<Experiment> experiments() {
        if (experiment == null || all) {
            return EnumSet.allOf(Experiment.class);
        }
        Set<Experiment> chosen = EnumSet.noneOf(Experiment.class);
        for (String name : experiment) {
            Experiment found = null;
            for (Experiment e : Experiment.values()) {
                if (e.id().equalsIgnoreCase(name.strip())) {
                    found = e;
                }
            }
            if (found == null) {
                throw usage("unknown experiment '" + name + "'; expected layers, hidden, threshold, training, recurrent, peer, gradients or conv");
            }
            chosen.add(found);
        }
        return chosen;
    }

    // Dense histories of both stacked layers at the widest shape: about 14 arrays of B·T·width floats.
    private void checkHeap(BenchConfig config) {
        int widest = Math.max(BenchDataset.SHD.inputs(), config.neurons());
        if (config.runs(Experiment.HIDDEN)) {
            for (int n : config.hiddenSizes()) {
                widest = Math.max(widest, n);
            }
        }
        int steps = 0;
        for (BenchDataset d : BenchDataset.values()) {
            steps = Math.max(steps, d.steps());
        }
        long needed = 14L * config.batch() * steps * widest * Float.BYTES;
        long available = Runtime.getRuntime().maxMemory();
        if (needed > available) {
            throw usage(String.format(Locale.ROOT, "the dense buffers need about %d MiB but the heap is %d MiB; use a smaller "
                + "--batch or a larger heap (S3GD_HEAP=16g ./s3gd bench …)", needed >> 20, available >> 20));
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
