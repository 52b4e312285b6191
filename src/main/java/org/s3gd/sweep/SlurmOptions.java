package org.s3gd.sweep;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each array task asks SLURM for, as {@code sbatch} takes it; null leaves a setting to the
 * cluster's defaults.
 *
 * @param partition {@code --partition}
 * @param time      {@code --time}, e.g. {@code 2:00:00}
 * @param cpus      {@code --cpus-per-task}; the trial trains with that many threads
 * @param memory    {@code --mem}, e.g. {@code 8G}; the trial's JVM gets three quarters of it as heap
 */
public record SlurmOptions(String partition, String time, int cpus, String memory) {
    private static final Pattern MEMORY = Pattern.compile("(\\d+)([KMGT]?)B?", Pattern.CASE_INSENSITIVE);

    public SlurmOptions {
        if (cpus < 1) {
            throw new IllegalArgumentException("--cpus must be >= 1, got " + cpus);
        }
        if (memory != null) {
            megabytes(memory);
        }
    }

    /** {@code --mem}'s value in MiB (SLURM's unit when none is given). */
    static long megabytes(String memory) {
        Matcher m = MEMORY.matcher(memory.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--mem takes a size as sbatch does (4096, 500M, 8G), got '" + memory + "'");
        }
        long value = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> Math.max(1, value / 1024);
            case "G" -> value * 1024;
            case "T" -> value * 1024 * 1024;
            default -> value;
        };
    }
}
