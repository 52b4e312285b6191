package org.s3gd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.s3gd.train.NirModels;
import org.s3gd.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code s3gd export}: a trained model as a NIR file. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = S3gd.Version.class,
    description = {"Writes a trained model as a NIR file (Neuromorphic Intermediate Representation), which snnTorch, "
        + "Norse, Sinabs, Rockpool, Spyx, Lava-dl and SpiNNaker2 read.",
        "Hidden layers become Linear and LIF nodes (a recurrent layer a Linear from its LIF node back to itself), the "
            + "readout an LI node; what NIR cannot express (the subtractive reset, the max or sum over time) is said "
            + "in the file's metadata. See the README, \"Using a trained model elsewhere\"."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CHECKPOINT", description = "A run folder (its checkpoint.s3gd), a checkpoint file (e.g. RUN/best.s3gd).")
    Path checkpoint;

    @Option(names = "--nir", paramLabel = "FILE", required = true,
        description = "The NIR file to write; it must not exist (s3gd never overwrites a file).")
    Path nir;

    @Override
    public Integer call() {
        TrainedModel model = ModelFiles.load(checkpoint, null);
        NirModels.export(model, nir);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s, %d epochs, written as NIR to %s%n", checkpoint, model.networkConfig().describe(),
            model.epochs(), nir);
        out.flush();
        return ExitCodes.OK;
    }
}
