package org.s3gd.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds each data set's files. For a data set {@code d} (folder name {@code d.folder()}) it looks
 * <ul>
 *   <li>when a directory is given ({@code --data-dir}), there only: {@code <dir>/<folder>}, then
 *       {@code <dir>} itself. A data set missing there is an error, never a silent fall-back to
 *       files elsewhere;</li>
 *   <li>otherwise, in order, for Fashion-MNIST in Debian's {@code /usr/share/datasets/fashion-mnist}
 *       (package {@code dataset-fashion-mnist}), then in the user data directory:
 *       {@code $XDG_DATA_HOME/s3gd/<folder>}, or {@code ~/.local/share/s3gd/<folder>}.</li>
 * </ul>
 * {@link #withStandardPlaces()} searches the standard places after the given directory, for
 * callers (the benchmarks) that take whatever data they find and say which. The cache goes to
 * {@code $XDG_CACHE_HOME/s3gd} or {@code ~/.cache/s3gd} unless given.
 */
public final class DataLocator {
    /** Where Debian's dataset-fashion-mnist package installs the four IDX files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** How a folder came to be searched. */
    public enum Origin {
        DATA_DIR("--data-dir"),
        SYSTEM("system package"),
        USER("user data directory"),
        RUN("where the run read it"),
        BUILT_IN("built in");

        private final String description;

        Origin(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A folder searched for a data set, and whether the files are there. */
    public record Candidate(DatasetId dataset, Path directory, Origin origin, boolean present) {
    }

    private final Path dataDir;
    private final Path systemFashionMnist;
    private final Path userDataDir;
    private final Path cacheDir;
    private final boolean standardPlacesToo;

    /**
     * @param dataDir            the directory given by the user, or null
     * @param systemFashionMnist Debian's folder (a parameter so tests need not depend on it)
     * @param userDataDir        the user data directory, {@code …/s3gd}
     * @param cacheDir           the cache directory, {@code …/s3gd}
     */
    public DataLocator(Path dataDir, Path systemFashionMnist, Path userDataDir, Path cacheDir) {
        this(dataDir, systemFashionMnist, userDataDir, cacheDir, false);
    }

    private DataLocator(Path dataDir, Path systemFashionMnist, Path userDataDir, Path cacheDir, boolean standardPlacesToo) {
        this.dataDir = dataDir;
        this.systemFashionMnist = systemFashionMnist;
        this.userDataDir = userDataDir;
        this.cacheDir = cacheDir;
        this.standardPlacesToo = standardPlacesToo;
    }

    /** This locator, searching the standard places after the given directory too. */
    public DataLocator withStandardPlaces() {
        return new DataLocator(dataDir, systemFashionMnist, userDataDir, cacheDir, true);
    }

    /** The standard places for this user, with an optional {@code --data-dir} and {@code --cache-dir}. */
    public static DataLocator standard(Path dataDir, Path cacheDir) {
        Map<String, String> env = System.getenv();
        String home = System.getProperty("user.home");
        return new DataLocator(dataDir, DEBIAN_FASHION_MNIST, userDataDir(env, home),
            cacheDir != null ? cacheDir : userCacheDir(env, home));
    }

    /** {@code $XDG_DATA_HOME/s3gd}, or {@code <home>/.local/share/s3gd}. */
    public static Path userDataDir(Map<String, String> env, String home) {
        String xdg = env.get("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "s3gd") : Path.of(home, ".local", "share", "s3gd");
    }

    /** {@code $XDG_CACHE_HOME/s3gd}, or {@code <home>/.cache/s3gd}. */
    public static Path userCacheDir(Map<String, String> env, String home) {
        String xdg = env.get("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "s3gd") : Path.of(home, ".cache", "s3gd");
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** Where downloads go: the data directory if given, else the user data directory; plus the data set's folder. */
    public Path downloadDir(DatasetId dataset) {
        return (dataDir != null ? dataDir : userDataDir).resolve(dataset.folder());
    }

    /** Every folder searched for {@code dataset}, in order, with whether its files are there. */
    public List<Candidate> candidates(DatasetId dataset) {
        List<Candidate> list = new ArrayList<>();
        if (dataDir != null) {
            add(list, dataset, dataDir.resolve(dataset.folder()), Origin.DATA_DIR);
            add(list, dataset, dataDir, Origin.DATA_DIR);
            if (!standardPlacesToo) {
                return list;
            }
        }
        if (dataset == DatasetId.FASHION_MNIST && systemFashionMnist != null) {
            add(list, dataset, systemFashionMnist, Origin.SYSTEM);
        }
        add(list, dataset, userDataDir.resolve(dataset.folder()), Origin.USER);
        return list;
    }

    private static void add(List<Candidate> list, DatasetId dataset, Path directory, Origin origin) {
        list.add(new Candidate(dataset, directory, origin, dataset.isPresentIn(directory)));
    }

    /** The first folder that holds {@code dataset}'s files. */
    public Optional<Candidate> find(DatasetId dataset) {
        return candidates(dataset).stream().filter(Candidate::present).findFirst();
    }

    /**
     * The folder of {@code dataset}.
     *
     * @throws DatasetException saying where it looked, what files it needs and how to get them
     */
    public Path require(DatasetId dataset) {
        return find(dataset).map(Candidate::directory).orElseThrow(() -> new DatasetException(missing(dataset)));
    }

    /**
     * Where {@code dataset} is read from: its folder and files.
     *
     * @throws DatasetException saying where it looked, what files it needs and how to get them
     */
    public DataSource locate(DatasetId dataset) {
        if (dataset == DatasetId.SYNTHETIC) {
            return DataSource.generated();
        }
        Candidate found = find(dataset).orElseThrow(() -> new DatasetException(missing(dataset)));
        return DataSource.in(dataset, found.directory(), found.origin());
    }

    /**
     * One line per data set saying where its files were found, or that they were not and where
     * they were looked for: what a {@code data} command prints.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (DatasetId dataset : DatasetId.values()) {
            String name = String.format("%-14s", dataset.folder());
            if (dataset == DatasetId.SYNTHETIC) {
                lines.add(name + "built in (generated from a seed, no files)");
                continue;
            }
            Optional<Candidate> found = find(dataset);
            if (found.isPresent()) {
                lines.add(name + found.get().directory() + " (" + found.get().origin().description() + ")");
            } else {
                List<String> searched = candidates(dataset).stream().map(c -> c.directory().toString()).toList();
                lines.add(name + "not found; looked in " + String.join(", ", searched));
            }
        }
        lines.add(String.format("%-14s", "cache") + cacheDir);
        return lines;
    }

    private String missing(DatasetId dataset) {
        if (dataDir != null && !standardPlacesToo) {
            return missingFromDataDir(dataset);
        }
        StringBuilder message = new StringBuilder(dataset.folder() + ": not found. Looked in:");
        for (Candidate c : candidates(dataset)) {
            message.append("\n  ").append(c.directory()).append(" (").append(c.origin().description()).append(')');
        }
        message.append("\nPut ").append(dataset.files()).append(" in ").append(downloadDir(dataset))
            .append(" (or a folder given with --data-dir), or fetch them with 's3gd data download ")
            .append(dataset.folder()).append("'.");
        if (dataset == DatasetId.FASHION_MNIST) {
            message.append(" On Debian or Ubuntu: apt-get install dataset-fashion-mnist.");
        }
        return message.toString();
    }

    private String missingFromDataDir(DatasetId dataset) {
        StringBuilder message = new StringBuilder(dataset.folder() + ": not in --data-dir " + dataDir + ":");
        for (Candidate c : candidates(dataset)) {
            message.append("\n  ").append(c.directory()).append(Files.isDirectory(c.directory())
                ? " lacks " + String.join(", ", dataset.missingIn(c.directory()))
                : " does not exist");
        }
        return message.append("\nPut ").append(dataset.files()).append(" in ").append(downloadDir(dataset))
            .append(", or leave out --data-dir to use the data set's standard places (s3gd data lists them).").toString();
    }
}
