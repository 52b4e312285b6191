package org.s3gd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.s3gd.S3gdException;
import org.s3gd.data.DatasetId;
import org.s3gd.data.UnlabelledInput;
import org.s3gd.io.AtomicFile;
import org.s3gd.parallel.Workers;
import org.s3gd.train.Predictions;
import org.s3gd.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code s3gd predict}: a trained model's classes for new samples, without labels, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = S3gd.Version.class,
    description = {"Predicts the class of every sample in a file or folder, labels not needed, and writes a CSV: sample, "
        + "predicted class, the probability of each class.",
        "Input: " + UnlabelledInput.FORMATS + "; encoded as the model's data set is (its time step and number of steps)."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "A run folder (its checkpoint.s3gd), a checkpoint file, or a NIR file.")
    Path model;

    @Option(names = "--input", paramLabel = "PATH", required = true, description = "The samples: " + UnlabelledInput.FORMATS + ".")
    Path input;

    @Option(names = "--out", paramLabel = "FILE",
        description = "The CSV to write; it must not exist (default: <input name>.predictions.csv in the current folder).")
    Path out;

    @Option(names = "--dataset", paramLabel = "NAME", converter = Converters.Dataset.class,
        description = "For a NIR file s3gd did not write: the data set whose encoding (time step, steps, readout) the network expects.")
    DatasetId dataset;

    @Option(names = "--batch", paramLabel = "N", description = "Samples per batch (default 256).")
    int batch = 256;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be >= 1");
        }
        TrainedModel trained;
        try {
            trained = ModelFiles.load(model, dataset);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path csv = out != null ? out : Path.of(baseName(input) + ".predictions.csv");
        if (Files.exists(csv)) {
            throw new S3gdException(csv + ": exists; s3gd does not overwrite it, choose another --out");
        }
        UnlabelledInput samples = UnlabelledInput.read(input, trained.config().datasetOptions());
        int workerCount = threads != null ? WorkerThreads.checked(threads, spec) : Runtime.getRuntime().availableProcessors();
        Predictions predictions;
        try (Workers workers = new Workers(workerCount)) {
            predictions = Predictions.of(trained, samples, batch, workers);
        } catch (IllegalArgumentException e) {
            throw new S3gdException(input + ": " + e.getMessage());
        }
        try {
            AtomicFile.writeString(csv, predictions.csv());
        } catch (IOException e) {
            throw new S3gdException(csv + ": cannot write: " + AtomicFile.reason(e), e);
        }
        int[] counts = new int[trained.networkConfig().outputs()];
        for (int c : predictions.classes()) {
            counts[c]++;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s: %d samples predicted with %s (%s); predictions in %s%n", input,
            predictions.classes().length, model, trained.networkConfig().describe(), csv);
        stdout.print("samples per predicted class:");
        for (int c = 0; c < counts.length; c++) {
            stdout.printf(Locale.ROOT, " %d: %d%s", c, counts[c], c + 1 < counts.length ? "," : "");
        }
        stdout.println();
        stdout.flush();
        return ExitCodes.OK;
    }

    private static String baseName(Path input) {
        Path name = input.toAbsolutePath().normalize().getFileName();
        String text = name == null ? "input" : name.toString();
        for (String suffix : new String[] {".gz", ".h5", ".zip", ".bin"}) {
            if (text.endsWith(suffix)) {
                text = text.substring(0, text.length() - suffix.length());
            }
        }
        return text;
    }
}
