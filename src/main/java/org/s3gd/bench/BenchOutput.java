package org.s3gd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Writes a benchmark run's files: CSV per experiment, PNG plots, {@code summary.md}; and regenerates the docs. */
public final class BenchOutput {
    public static final String SUMMARY = "summary.md";
    /** Hand-written analysis that {@code --write-docs} appends to BENCHMARKS.md, if present beside it. */
    public static final String NOTES = "benchmarks-notes.md";
    /** The folder, beside BENCHMARKS.md, that holds its images. */
    public static final String DOCS_IMAGES = "benchmarks";

    private BenchOutput() {
    }

    /** Writes everything into {@code folder} (created if needed); returns the files written, relative to it. */
    public static List<String> write(BenchResults results, Path folder, boolean plots) throws IOException {
        Files.createDirectories(folder);
        List<String> written = new ArrayList<>();
        if (results.config().runs(Experiment.LAYERS)) {
            written.add(layers(folder, Experiment.LAYERS, results.layers()));
        }
        if (results.config().runs(Experiment.HIDDEN)) {
            written.add(layers(folder, Experiment.HIDDEN, results.hidden()));
        }
        if (results.config().runs(Experiment.THRESHOLD)) {
            written.add(layers(folder, Experiment.THRESHOLD, results.threshold()));
        }
        if (results.config().runs(Experiment.RECURRENT)) {
            written.add(layers(folder, Experiment.RECURRENT, results.recurrent()));
        }
        if (results.config().runs(Experiment.PEER)) {
            String name = BenchCsv.fileName(Experiment.PEER);
            BenchCsv.writePeer(folder.resolve(name), results.peer());
            written.add(name);
        }
        if (results.config().runs(Experiment.CONV)) {
            String name = BenchCsv.fileName(Experiment.CONV);
            BenchCsv.writeConv(folder.resolve(name), results.conv());
            written.add(name);
        }
        if (results.training() != null) {
            String name = BenchCsv.fileName(Experiment.TRAINING);
            BenchCsv.writeTraining(folder.resolve(name), results.training());
            written.add(name);
        }
        if (plots) {
            written.addAll(BenchPlots.draw(results, folder));
        }
        Files.writeString(folder.resolve(SUMMARY), BenchMarkdown.summary(results, plots), StandardCharsets.UTF_8);
        written.add(SUMMARY);
        return written;
    }

    /**
     * Writes {@code docsFile} (docs/BENCHMARKS.md) and copies the plots of {@code folder} to the
     * {@value #DOCS_IMAGES} folder beside it.
     */
    public static void writeDocs(BenchResults results, Path folder, Path docsFile) throws IOException {
        Path docs = docsFile.toAbsolutePath().getParent();
        Path images = docs.resolve(DOCS_IMAGES);
        Files.createDirectories(images);
        for (String png : BenchPlots.draw(results, folder)) {
            Files.copy(folder.resolve(png), images.resolve(png), StandardCopyOption.REPLACE_EXISTING);
        }
        Path notesFile = docs.resolve(NOTES);
        String notes = Files.isRegularFile(notesFile) ? Files.readString(notesFile, StandardCharsets.UTF_8) : null;
        Files.writeString(docsFile, BenchMarkdown.docs(results, DOCS_IMAGES + "/", notes), StandardCharsets.UTF_8);
    }

    private static String layers(Path folder, Experiment experiment, List<LayerRow> rows) throws IOException {
        String name = BenchCsv.fileName(experiment);
        BenchCsv.writeLayers(folder.resolve(name), rows);
        return name;
    }
}
