package org.s3gd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.s3gd.S3gdException;
import org.s3gd.data.DataSource;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;
import org.s3gd.data.SpikeCache;
import org.s3gd.io.AtomicFile;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.parallel.Workers;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.CheckpointException;
import org.s3gd.train.ConfigJson;
import org.s3gd.train.DatasetFingerprint;
import org.s3gd.train.MemoryEstimate;
import org.s3gd.train.NirModels;
import org.s3gd.train.Provenance;
import org.s3gd.train.StackLayer;
import org.s3gd.train.TrainedModel;
import org.s3gd.train.Trainer;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.TrainingListener;
import org.s3gd.train.output.MetricsCsv;
import org.s3gd.train.output.RunClaim;
import org.s3gd.train.output.RunFolder;
import org.s3gd.train.output.RunFolderException;
import org.s3gd.train.output.RunManifest;
import org.s3gd.train.output.RunSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code s3gd train}: builds a {@link TrainingConfig} from the preset and the options, and runs a {@link Trainer}. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = S3gd.Version.class,
    description = {"Trains a network and writes the run (configuration, metrics, checkpoints, plots) to a folder.",
        "Each data set starts from the paper's settings; options override them. "
            + "With no options it trains on the embedded synthetic task in seconds."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--config", paramLabel = "FILE",
        description = {"Start from the configuration in FILE: a run's run.json (to repeat the run) or its \"config\" "
            + "part, whole or in part; what it leaves out comes from its data set's preset. Options given here override it."})
    Path configFile;

    @Option(names = "--dataset", paramLabel = "NAME", converter = Converters.Dataset.class,
        description = "synthetic (default), fmnist, nmnist or shd.")
    DatasetId dataset;

    @Option(names = "--method", paramLabel = "METHOD", description = "sparse (S3GD, default) or dense (the baseline BPTT).")
    BackwardMethod method;

    @Option(names = "--hidden", paramLabel = "N,N",
        description = "Width of each fully connected hidden layer; the depth is the list's length (paper: 200,200).")
    String hidden;

    @Option(names = "--layers", paramLabel = "STACK",
        description = {"The hidden layers, first to last, separated by commas: lif:N (fully connected), rlif:N "
            + "(recurrent), conv:CxK[sS][pP] (C filters of KxK, stride S, padding P; defaults 1 and 0), maxpool:P or "
            + "sumpool:P (PxP windows), flatten[:N]; lif, rlif and conv take :sparse or :dense, else --method's. "
            + "E.g. rlif:256,rlif:256 or conv:32x5,maxpool:2,flatten,lif:200. Instead of --hidden."})
    String layers;

    @Option(names = "--keep-polarity", negatable = true,
        description = "N-MNIST: ON and OFF events on separate inputs, an image of 2x34x34 (default: merged, 1x34x34).")
    Boolean keepPolarity;

    @Option(names = "--start-activity", paramLabel = "FRACTION",
        description = "Before training, scale each spiking layer's weights on the first batch so that this share of "
            + "its entries is active (e.g. 0.02); against layers that start silent (default 0: off).")
    Double startActivity;

    @Option(names = "--epochs", paramLabel = "N", description = "Number of epochs (with --resume: the new total).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Samples per batch (paper: 256).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate.")
    Double learningRate;

    @Option(names = "--backprop-threshold", paramLabel = "B_TH",
        description = "B_th in (0, 1]: a neuron is active when |v - 1| < B_th (paper: 0.2, i.e. b_th = 0.8).")
    Float backpropThreshold;

    @Option(names = "--readout", paramLabel = "MODE", description = "Logit = max or sum over time of the readout.")
    ReadoutMode readout;

    @Option(names = "--steps", paramLabel = "T", description = "Time steps per sample (paper: 100 F-MNIST, 300 N-MNIST, 500 SHD).")
    Integer steps;

    @Option(names = "--dt", paramLabel = "MS", description = "Width of a time step in ms (paper: 1, SHD 2).")
    Double dtMillis;

    @Option(names = "--tau-mem", paramLabel = "MS", description = "Membrane time constant of the hidden layers in ms (paper: 10).")
    Double tauMem;

    @Option(names = "--tau-readout", paramLabel = "MS", description = "Time constant of the readout in ms (paper: 10, SHD 20).")
    Double tauReadout;

    @Option(names = "--init", paramLabel = "INIT", converter = Converters.Init.class,
        description = "Weight initialisation: scaled-normal (normal(0, 20(1-beta)/sqrt(fan_in))) or uniform (+-1/sqrt(fan_in)).")
    Initializer initializer;

    @Option(names = "--surrogate-scale", paramLabel = "S",
        description = "Steepness of the surrogate derivative 1/(S|v - 1| + 1)^2 (paper: 100).")
    Float surrogateScale;

    @Option(names = "--reg-upper-strength", paramLabel = "LAMBDA_U", description = "Strength of the upper activity regulariser (paper: 0.06).")
    Float upperStrength;

    @Option(names = "--reg-upper-rate", paramLabel = "F_U",
        description = "Mean spike count per neuron and sample above which activity is penalised (paper: 1, SHD 10).")
    Float upperRate;

    @Option(names = "--reg-lower-strength", paramLabel = "LAMBDA_L", description = "Strength of the lower activity regulariser (paper: 100).")
    Float lowerStrength;

    @Option(names = "--reg-lower-rate", paramLabel = "F_L",
        description = "Spike count below which a neuron is pushed to fire (paper: 0.001).")
    Float lowerRate;

    @Option(names = "--validation", paramLabel = "FRACTION",
        description = "Share of the training set held out, drawn from the seed, to choose best.s3gd on "
            + "(default 0.1; 0 for none, then best.s3gd follows the training accuracy). The test set is never used for a choice.")
    Double validation;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the weights and of the order of every epoch (default 1).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N",
        description = "Worker threads (default: all processors). The same seed gives bit-identical weights with any number.")
    Integer threads;

    @Option(names = "--init-from", paramLabel = "FILE",
        description = {"Start from the network in the NIR file FILE (its layers, time constants, readout and weights) "
            + "instead of random weights; --method, the data set and the training settings may still be given."})
    Path initFrom;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder, new or empty (default: a new "
        + "runs/<dataset>-<method>-<time>). With --resume: continue the run in this folder instead of its own.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
        description = "Continue the run in DIR from its last finished epoch, with its configuration.")
    Path resume;

    @Option(names = "--plots", negatable = true,
        description = "Draw PNG plots of the metrics (default: yes; with --resume, as the run did).")
    Boolean plots;

    // The ./s3gd launcher asks for the heap of the run before starting it (MemoryEstimate.heapFor).
    @Option(names = "--print-heap", hidden = true,
        description = "Print the heap in MiB this run would start with, and exit.")
    boolean printHeap;

    @Option(names = "--progress", negatable = true,
        description = "Show a live progress bar per epoch (default: when on a terminal).")
    Boolean progress;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (resume != null && (configFile != null || dataset != null || method != null || hidden != null || layers != null
            || batch != null || learningRate != null || backpropThreshold != null || readout != null || seed != null
            || steps != null || dtMillis != null || tauMem != null || tauReadout != null || initializer != null
            || surrogateScale != null || upperStrength != null || upperRate != null || lowerStrength != null
            || lowerRate != null || validation != null || initFrom != null || keepPolarity != null
            || startActivity != null)) {
            throw usage("--resume continues a run with its own configuration; only --epochs, --threads, --[no-]plots, "
                + "--out, --data-dir and --cache-dir may be given with it");
        }
        Checkpoint from = resume != null ? Checkpoint.load(resume) : null;
        TrainingConfig config = from != null ? resumedConfig(from) : newConfig();
        if (printHeap) {
            stdout.println(heapMiB(config));
            return ExitCodes.OK;
        }
        checkHeap(config);
        if (from != null && from.epochsDone() >= config.epochs()) {
            stdout.printf(Locale.ROOT, "%s: already trained %d of %d epochs; test accuracy %.2f%%. Nothing to do.%n",
                resume, from.epochsDone(), config.epochs(), 100 * from.testAccuracy());
            return ExitCodes.OK;
        }
        Optional<RunSetup> recorded = from != null ? RunManifest.readSetup(resumedFolder()) : Optional.empty();
        try (RunClaim claim = claim(config)) {
            Path folder = claim.folder();
            if (from != null && !folder.equals(resumedFolder())) {
                copyRun(from, resumedFolder(), folder);
            }
            return train(config, from, recorded, claim, stdout);
        }
    }

    private int train(TrainingConfig config, Checkpoint from, Optional<RunSetup> recorded, RunClaim claim, PrintWriter stdout) {
        Path folder = claim.folder();
        DataSource source = common.source(config.dataset(), recorded);
        Path cache = config.dataset() == DatasetId.SYNTHETIC ? null : common.cacheFolder(recorded);
        DatasetSplit data = load(config, source, cache, stdout);
        RunSetup setup = new RunSetup(source, cache, plots != null ? plots : recorded.map(RunSetup::plots).orElse(true));
        String fingerprint = DatasetFingerprint.of(data);
        Provenance provenance;
        if (from != null) {
            if (!from.provenance().datasetChecksum().equals(fingerprint)) {
                throw new CheckpointException(resume + ": the checkpoint was trained on data with fingerprint "
                    + from.provenance().datasetChecksum() + ", the data found now has " + fingerprint);
            }
            provenance = from.provenance();
        } else {
            provenance = Provenance.now(data.train().name(), fingerprint);
        }
        Trainer trainer = new Trainer(config, data, provenance);
        if (from == null && config.initFrom() != null) {
            Path start = Path.of(config.initFrom());
            trainer = trainer.startingFrom(NirModels.weights(start, config, data.inputs(), data.classes()));
            stdout.println("starting from the weights of " + start);
        }
        TrainedModel model;
        PrintWriter stderr = spec.commandLine().getErr();
        try (RunFolder runFolder = new RunFolder(claim, trainer.networkConfig(), setup, note -> note(stderr, note));
             ConsoleReport console = new ConsoleReport(stdout, showProgress() ? System.out : null)) {
            TrainingListener listener = TrainingListener.all(runFolder, console);
            // Ctrl-C or a kill: the JVM runs this before it ends, while training is cut off.
            Thread stopped = new Thread(() -> {
                stderr.println();
                stderr.println("s3gd: stopped; " + saved(runFolder.savedEpochs(), from, folder));
                stderr.flush();
            }, "s3gd-stopped");
            Runtime.getRuntime().addShutdownHook(stopped);
            try {
                model = from != null ? trainer.resume(from, listener) : trainer.train(listener);
            } catch (S3gdException | UncheckedIOException e) {
                throw new S3gdException(e.getMessage() + "; " + saved(runFolder.savedEpochs(), from, folder), e);
            } catch (OutOfMemoryError e) {
                throw new S3gdException("out of memory while training (heap " + MemoryEstimate.mib(Runtime.getRuntime().maxMemory())
                    + "). Use a smaller --batch, --method sparse or a larger heap (S3GD_HEAP=16g); "
                    + saved(runFolder.savedEpochs(), from, folder));
            } finally {
                removeHook(stopped);
            }
        }
        stdout.printf(Locale.ROOT, "test accuracy %.2f%% after %d epochs; run folder %s%n",
            100 * model.testAccuracy(), model.epochs(), folder);
        return ExitCodes.OK;
    }

    /** Where the last finished epoch is and how to continue, for a run that stopped early. */
    private static String saved(int savedEpochs, Checkpoint from, Path folder) {
        int epochs = savedEpochs >= 0 ? savedEpochs : from != null ? from.epochsDone() : 0;
        if (epochs == 0) {
            return "no epoch had finished, so there is nothing to resume";
        }
        return String.format(Locale.ROOT, "the last checkpoint (epoch %d) is %s; continue with: s3gd train --resume %s",
            epochs, folder.resolve(Checkpoint.LATEST), folder);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is ending already: the hook has its say
        }
    }

    /**
     * The run folder, claimed for this run: a new run takes {@code --out} (new or empty) or a new
     * folder under {@code runs/}; a resumed run continues in its own folder, or in {@code --out}
     * (new or empty), which then gets a copy of the run so far.
     */
    private RunClaim claim(TrainingConfig config) {
        if (resume != null && (out == null || out.toAbsolutePath().normalize().equals(resumedFolder().toAbsolutePath().normalize()))) {
            if (!Files.isDirectory(resume) && !resume.getFileName().toString().equals(Checkpoint.LATEST)) {
                throw usage("continuing from " + resume + " in its folder would replace the run's later epochs; "
                    + "give a new folder with --out");
            }
            return RunClaim.existingRun(resumedFolder());
        }
        try {
            return out != null ? RunClaim.newRun(out) : RunClaim.newRunNamed(Path.of("runs"), defaultName(config));
        } catch (RunFolderException e) {
            throw usage("--out " + e.getMessage());
        }
    }

    /** The folder of the run given to {@code --resume} (a run folder or a checkpoint file in one). */
    private Path resumedFolder() {
        Path parent = resume.toAbsolutePath().getParent();
        return Files.isDirectory(resume) ? resume : parent != null ? parent : Path.of(".");
    }

    /** The run so far, copied from {@code source} into the new folder {@code target} where it continues. */
    private static void copyRun(Checkpoint from, Path source, Path target) {
        from.save(target.resolve(Checkpoint.LATEST));
        for (String name : List.of(Checkpoint.BEST, MetricsCsv.BATCHES, MetricsCsv.EPOCHS)) {
            Path file = source.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    AtomicFile.write(target.resolve(name), out -> Files.copy(file, out));
                } catch (IOException e) {
                    throw new RunFolderException(target.resolve(name) + ": cannot copy " + file + ": " + AtomicFile.reason(e), e);
                }
            }
        }
    }

    private static void note(PrintWriter err, String note) {
        err.println("s3gd: note: " + note);
        err.flush();
    }

    private TrainingConfig newConfig() {
        TrainingConfig config = configFile != null ? ConfigJson.read(configFile, dataset)
            : TrainingConfig.preset(dataset != null ? dataset : DatasetId.SYNTHETIC);
        if (hidden != null && layers != null) {
            throw usage("--hidden and --layers both describe the hidden layers; give one of them");
        }
        try {
            if (steps != null) {
                config = config.withSteps(steps);
            }
            if (dtMillis != null) {
                config = config.withDtMillis(dtMillis);
            }
            if (tauMem != null) {
                config = config.withTauMemMillis(tauMem);
            }
            if (tauReadout != null) {
                config = config.withTauReadoutMillis(tauReadout);
            }
            if (initializer != null) {
                config = config.withInitializer(initializer);
            }
            if (surrogateScale != null) {
                config = config.withSurrogateScale(surrogateScale);
            }
            if (upperStrength != null || upperRate != null || lowerStrength != null || lowerRate != null) {
                RegularizerParameters r = config.regularizer();
                config = config.withRegularizer(new RegularizerParameters(
                    upperStrength != null ? upperStrength : r.upperStrength(), upperRate != null ? upperRate : r.upperRate(),
                    lowerStrength != null ? lowerStrength : r.lowerStrength(), lowerRate != null ? lowerRate : r.lowerRate()));
            }
            if (validation != null) {
                config = config.withValidation(validation);
            }
            if (keepPolarity != null) {
                config = config.withKeepPolarity(keepPolarity);
            }
            if (startActivity != null) {
                config = config.withStartActivity(startActivity);
            }
            if (initFrom != null) {
                if (hidden != null || layers != null || tauMem != null || tauReadout != null || readout != null) {
                    throw usage("--init-from takes the layers, time constants and readout from the NIR file; "
                        + "--hidden, --layers, --tau-mem, --tau-readout and --readout cannot be given with it");
                }
                if (method != null) {
                    config = config.withMethod(method);
                }
                config = NirModels.startingFrom(config, initFrom);
            }
            if (method != null) {
                config = config.withMethod(method);
            }
            if (hidden != null) {
                config = config.withHidden(Converters.widths("--hidden", hidden));
            }
            if (layers != null) {
                config = config.withLayers(StackLayer.parseStack(layers, method != null ? method : BackwardMethod.SPARSE));
            }
            if (epochs != null) {
                config = config.withEpochs(epochs);
            }
            if (batch != null) {
                config = config.withBatchSize(batch);
            }
            if (learningRate != null) {
                config = config.withLearningRate(learningRate);
            }
            if (backpropThreshold != null) {
                config = config.withBackpropThreshold(backpropThreshold);
            }
            if (readout != null) {
                config = config.withReadout(readout);
            }
            if (seed != null) {
                config = config.withSeed(seed);
            }
            if (threads != null) {
                config = config.withThreads(WorkerThreads.checked(threads, spec));
            }
            if (configFile == null && initFrom == null && surrogateScale == null) {
                TrainingConfig deep = config.forDepth();
                if (deep.surrogateScale() != config.surrogateScale()) {
                    note(spec.commandLine().getErr(), String.format(Locale.ROOT, "%d fully connected hidden layers: surrogate "
                        + "scale %s, the preset for deep stacks (--surrogate-scale sets another)", config.layers().size(),
                        BigDecimal.valueOf(deep.surrogateScale()).stripTrailingZeros().toPlainString()));
                }
                config = deep;
            }
            // The stack against the data's shape: a layer that cannot take its input is named now, not after loading.
            config.network(MemoryEstimate.inputsOf(config), MemoryEstimate.classesOf(config));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return config;
    }

    /** The checkpoint's configuration; only the number of epochs and the threads may change. */
    private TrainingConfig resumedConfig(Checkpoint from) {
        TrainingConfig config = from.config();
        try {
            if (epochs != null) {
                config = config.withEpochs(epochs);
            }
            if (threads != null) {
                // The results do not depend on the thread count: the run continues bit for bit.
                config = config.withThreads(WorkerThreads.checked(threads, spec));
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return config;
    }

    // The run's own heap, at most three quarters of the machine's memory (the JVM's default share
    // in the launcher before).
    private static long heapMiB(TrainingConfig config) {
        long heap = MemoryEstimate.heapFor(config);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            heap = Math.min(heap, os.getTotalMemorySize() / 4 * 3);
        }
        return heap >> 20;
    }

    private void checkHeap(TrainingConfig config) {
        MemoryEstimate estimate = MemoryEstimate.of(config);
        Runtime runtime = Runtime.getRuntime();
        long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (!estimate.fitsIn(available)) {
            throw usage(String.format(Locale.ROOT, "this network needs about %s for training (%s) but the heap has %s free; "
                    + "use a smaller --batch, --method sparse or a larger heap (e.g. S3GD_HEAP=16g or java -Xmx16g)",
                MemoryEstimate.mib(estimate.bytes()), String.join(", ", estimate.breakdown()), MemoryEstimate.mib(available)));
        }
    }

    private DatasetSplit load(TrainingConfig config, DataSource source, Path cache, PrintWriter stdout) {
        long start = System.nanoTime();
        DatasetSplit data;
        try (Workers workers = new Workers(config.threads())) {
            data = Datasets.load(source, cache == null ? null : new SpikeCache(cache), config.datasetOptions(), workers);
        }
        stdout.printf(Locale.ROOT, "%s: %d training and %d test samples, %d inputs, %d steps, %d classes (%.1f s)%n"
                + "  data: %s%n",
            config.dataset().folder(), data.train().size(), data.test().size(), data.inputs(), data.steps(), data.classes(),
            (System.nanoTime() - start) / 1e9, source.describe());
        stdout.flush();
        return data;
    }

    private boolean showProgress() {
        return progress != null ? progress : System.console() != null && System.console().isTerminal();
    }

    private static String defaultName(TrainingConfig config) {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return config.dataset().folder() + "-" + config.methodLabel() + "-" + time;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
