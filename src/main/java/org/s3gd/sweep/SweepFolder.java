package org.s3gd.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.s3gd.io.AtomicFile;
import org.s3gd.train.ConfigJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A sweep's folder: {@value #PLAN} (the spec with its base read in, and the trials' names), a run
 * folder per trial under {@value #TRIALS}, the summary and plots once collected, and {@code slurm/}
 * for a sweep submitted to a cluster. A folder holds one sweep: running another spec into it is
 * refused, running the same one again continues it.
 */
public record SweepFolder(Path folder, SweepPlan plan) {
    public static final String PLAN = "sweep.json";
    public static final String TRIALS = "trials";

    /**
     * The folder for {@code plan}: created with its {@value #PLAN}, or an existing one holding the
     * same sweep.
     *
     * @throws SweepException if it holds another sweep, or files that are not a sweep's
     */
    public static SweepFolder create(Path folder, SweepPlan plan) {
        Path file = folder.resolve(PLAN);
        String json = json(plan);
        if (Files.isRegularFile(file)) {
            SweepFolder existing = read(folder);
            if (!ConfigJson.tree(json(existing.plan())).get("spec").equals(ConfigJson.tree(json).get("spec"))) {
                throw new SweepException(folder + " holds another sweep (" + file + " differs from " + plan.spec().source()
                    + "); give a new --out, or the spec that made it to continue it");
            }
            return existing;
        }
        try {
            Files.createDirectories(folder);
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new SweepException(folder + " holds files but no " + PLAN + "; give a new or empty folder with --out");
                }
            }
            AtomicFile.writeString(file, json);
        } catch (IOException e) {
            throw new SweepException(file + ": cannot write: " + AtomicFile.reason(e), e);
        }
        return new SweepFolder(folder, plan);
    }

    /**
     * The sweep in {@code folder}, as {@link #create} wrote it.
     *
     * @throws SweepException if the folder holds no sweep or its {@value #PLAN} cannot be read
     */
    public static SweepFolder read(Path folder) {
        Path file = folder.resolve(PLAN);
        JsonNode root;
        try {
            root = ConfigJson.tree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new SweepException(folder + ": not a sweep folder (no " + PLAN + ")");
        } catch (IOException e) {
            throw new SweepException(file + ": cannot read: " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new SweepException(file + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!root.isObject() || root.get("spec") == null) {
            throw new SweepException(file + ": expected an object with the field 'spec'");
        }
        return new SweepFolder(folder, SweepPlan.of(SweepSpec.parse(file + ", spec", root.get("spec"), folder)));
    }

    /** The run folder of {@code trial}. */
    public Path trialFolder(Trial trial) {
        return folder.resolve(TRIALS).resolve(trial.name());
    }

    /** Every trial's state, in the plan's order. */
    public List<TrialState> states() {
        List<TrialState> states = new ArrayList<>();
        for (Trial trial : plan.trials()) {
            states.add(TrialState.of(trialFolder(trial), trial.config().epochs()));
        }
        return states;
    }

    private static String json(SweepPlan plan) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("base", plan.spec().base());
        Map<String, Object> axes = new LinkedHashMap<>();
        for (SweepSpec.Axis axis : plan.spec().axes()) {
            axes.put(axis.field(), axis.values());
        }
        spec.put("axes", axes);
        spec.put("seeds", plan.spec().seeds());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("madeFrom", plan.spec().source());
        root.put("spec", spec);
        root.put("trials", plan.trials().stream().map(Trial::name).toList());
        return ConfigJson.write(root);
    }
}
