package org.s3gd.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.s3gd.data.DataSource;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;
import org.s3gd.data.SpikeCache;
import org.s3gd.data.SpikeDataset;
import org.s3gd.model.Shape;
import org.s3gd.parallel.Workers;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.DatasetFingerprint;
import org.s3gd.train.Evaluation;
import org.s3gd.train.TrainedModel;
import org.s3gd.train.output.RunManifest;
import org.s3gd.train.output.RunSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code s3gd eval}: a checkpoint's accuracy and confusion matrix on its data set. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = S3gd.Version.class,
    description = "Loads a checkpoint and reports its accuracy and confusion matrix on the test (or training) split.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE})
final class EvalCommand implements Callable<Integer> {
    enum Split { TEST, TRAIN }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "CHECKPOINT", description = "A checkpoint file, a run folder (its checkpoint.s3gd), or a NIR file.")
    Path checkpoint;

    @Option(names = "--dataset", paramLabel = "NAME", converter = Converters.Dataset.class,
        description = "For a NIR file s3gd did not write: the data set to evaluate on (its preset's time step, steps and readout).")
    DatasetId datasetOption;

    @Option(names = "--split", paramLabel = "SPLIT", description = "test (default) or train.")
    Split split = Split.TEST;

    @Option(names = "--batch", paramLabel = "N", description = "Samples per batch (default: the run's).")
    Integer batch;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (batch != null && batch < 1 || threads != null && threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--batch and --threads must be >= 1");
        }
        TrainedModel model;
        try {
            model = ModelFiles.load(checkpoint, datasetOption);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Optional<RunSetup> recorded = ModelFiles.recorded(checkpoint);
        DatasetId dataset = model.config().dataset();
        DataSource source = common.source(dataset, recorded);
        int workerCount = threads != null ? WorkerThreads.checked(threads, spec) : Runtime.getRuntime().availableProcessors();
        try (Workers workers = new Workers(workerCount)) {
            SpikeCache cache = dataset == DatasetId.SYNTHETIC ? null : new SpikeCache(common.cacheFolder(recorded));
            DatasetSplit data = Datasets.load(source, cache, model.config().datasetOptions(), workers);
            if (!ModelFiles.isNir(checkpoint) && !DatasetFingerprint.of(data).equals(model.provenance().datasetChecksum())) {
                spec.commandLine().getErr().println("s3gd: note: the data found differs from the data this model was trained on");
            }
            SpikeDataset evaluated = split == Split.TEST ? data.test() : data.train();
            Shape shape = dataset.shape(evaluated.inputs());
            if (!model.networkConfig().takes(shape) || evaluated.classes() != model.networkConfig().outputs()) {
                throw new org.s3gd.S3gdException(checkpoint + ": its network " + model.networkConfig().describe() + " does not fit "
                    + evaluated.name() + " (" + shape + " inputs, " + evaluated.classes() + " classes)");
            }
            Evaluation evaluation = Evaluation.of(model, evaluated, batch != null ? batch : model.config().batchSize(), workers);
            if (ModelFiles.isNir(checkpoint)) {
                out.printf(Locale.ROOT, "%s: NIR, %s, on %s (%s)%n", checkpoint, model.networkConfig().describe(),
                    model.config().dataset().folder(), model.provenance().version());
            } else {
                out.printf(Locale.ROOT, "%s: %s, layers %s, %d epochs (s3gd %s, seed %d)%n", checkpoint,
                    model.config().dataset().folder(), model.config().stackLabel(), model.epochs(),
                    model.provenance().version(), model.config().seed());
            }
            out.println("data: " + source.describe());
            out.printf(Locale.ROOT, "%s: accuracy %.2f%% (%d of %d), cross-entropy %.4f%n", evaluated.name(),
                100 * evaluation.accuracy(), evaluation.confusion().correct(), evaluation.samples(), evaluation.loss());
            out.println("confusion matrix (rows: true class, columns: predicted):");
            out.print(evaluation.confusion().format());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
