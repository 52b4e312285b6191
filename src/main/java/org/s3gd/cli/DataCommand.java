package org.s3gd.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.s3gd.data.DataLocator;
import org.s3gd.data.DataSource;
import org.s3gd.data.DatasetId;
import org.s3gd.data.DatasetOptions;
import org.s3gd.data.DatasetSplit;
import org.s3gd.data.Datasets;
import org.s3gd.data.SpikeCache;
import org.s3gd.parallel.Workers;
import org.s3gd.train.DatasetFingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code s3gd data}: where each data set is, and whether it reads correctly. */
@Command(name = "data", mixinStandardHelpOptions = true, versionProvider = S3gd.Version.class,
    description = "Lists where each data set was found (the default), verifies one by reading it whole, or downloads it.",
    subcommands = {DataCommand.ListCommand.class, DataCommand.VerifyCommand.class, DataCommand.DownloadCommand.class},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE})
final class DataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        return list(common.locator(), spec.commandLine().getOut());
    }

    static int list(DataLocator locator, PrintWriter out) {
        for (DatasetId id : DatasetId.values()) {
            if (id == DatasetId.SYNTHETIC) {
                out.println("synthetic: embedded, generated from a seed");
                continue;
            }
            List<DataLocator.Candidate> candidates = locator.candidates(id);
            out.println(id.folder() + ": " + locator.find(id).map(c -> "found in " + c.directory()).orElse("not found"));
            for (DataLocator.Candidate c : candidates) {
                out.printf("  %s %s (%s)%n", c.present() ? "[x]" : "[ ]", c.directory(), c.origin().description());
            }
            if (locator.find(id).isEmpty()) {
                out.println("  needs " + id.files());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists where each data set was found.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            return list(common.locator(), spec.commandLine().getOut());
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Reads data sets whole with the paper's encoding (checking file checksums where published) and "
            + "prints their sizes and fingerprints.")
    static final class VerifyCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "NAME", arity = "1..*", converter = Converters.Dataset.class,
            description = "synthetic, fmnist, nmnist or shd.")
        List<DatasetId> datasets;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workers workers = new Workers(Runtime.getRuntime().availableProcessors())) {
                for (DatasetId id : datasets) {
                    long start = System.nanoTime();
                    DataLocator locator = common.locator();
                    DataSource source = locator.locate(id);
                    out.println(id.folder() + ": reading " + source.describe());
                    out.flush();
                    DatasetSplit split = Datasets.load(source, new SpikeCache(locator.cacheDir()),
                        DatasetOptions.paper(id).withVerify(true), workers);
                    out.printf(Locale.ROOT, "%s: ok, %d training and %d test samples, %d inputs, %d steps, %d classes, %s (%.1f s)%n",
                        id.folder(), split.train().size(), split.test().size(), split.inputs(), split.steps(), split.classes(),
                        DatasetFingerprint.of(split), (System.nanoTime() - start) / 1e9);
                    out.flush();
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
        description = "Downloads data sets from their official sources into the user data folder (or --data-dir), "
            + "checking checksums, resuming partial files and moving complete files into place atomically.")
    static final class DownloadCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--mirror", paramLabel = "URL", description = "A folder URL serving the same files (ending in /).")
        java.net.URI mirror;

        @Parameters(paramLabel = "NAME", arity = "1..*", converter = Converters.Dataset.class,
            description = "fmnist, nmnist or shd")
        List<DatasetId> datasets;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataLocator locator = common.locator();
            var downloads = new org.s3gd.data.download.DatasetDownloads(org.s3gd.data.download.Downloader.standard(out));
            for (DatasetId id : datasets) {
                if (id == DatasetId.SYNTHETIC) {
                    out.println("synthetic: embedded, nothing to download");
                    continue;
                }
                var files = downloads.download(id, locator.downloadDir(id), mirror);
                out.println(id.folder() + ": " + files.size() + " files in " + locator.downloadDir(id));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
