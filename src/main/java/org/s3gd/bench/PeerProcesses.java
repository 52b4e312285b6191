package org.s3gd.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.s3gd.backend.Backends;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.NetworkConfig;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.train.MemoryEstimate;

/**
 * Runs the two sides of the PyTorch comparison as processes of their own, so that each one's peak
 * memory is its own: s3gd's {@link PeerStep} in a child JVM whose heap is sized from the run's
 * {@link MemoryEstimate}, and the PyTorch script {@code pytorch_peer.py} under Debian's python3.
 */
public final class PeerProcesses {
    /** What one side measured: median step and its phases (NaN where not measured), peak RSS; or why it could not. */
    public record Measured(double stepMs, double forwardMs, double backwardMs, double optimizerMs, long peakRssBytes,
                    String setting, String unavailable) {
        static Measured unavailable(String why) {
            return new Measured(Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, "", why);
        }

        public boolean available() {
            return unavailable == null;
        }
    }

    private static final String SCRIPT = "pytorch_peer.py";
    private static final long TIMEOUT_MINUTES = 30;

    private PeerProcesses() {
    }

    /** s3gd's step in a child JVM with a heap of the run's estimate plus room for the JVM and the batch. */
    static Measured s3gd(BenchDataset dataset, List<Integer> hidden, BackwardMethod method, int batch, int threads,
                         double activity, int warmup, int repetitions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        if (Backends.vectorModulePresent()) {
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        long heap = heapBytes(dataset, hidden, method, batch);
        command.addAll(List.of("-Xmx" + heap / (1 << 20) + "m", "-cp", System.getProperty("java.class.path"),
            PeerStep.class.getName(), dataset.name(), join(hidden), method.name(), String.valueOf(batch),
            String.valueOf(threads), String.valueOf(activity), String.valueOf(warmup), String.valueOf(repetitions)));
        Result result = run(command, Map.of());
        if (result.failure() != null) {
            return Measured.unavailable("s3gd step process: " + result.failure());
        }
        return parse(result.output(), "-Xmx" + heap / (1 << 20) + "m");
    }

    /** The heap a run needs: the estimate of what training keeps, with a margin, and 256 MiB for the rest. */
    static long heapBytes(BenchDataset dataset, List<Integer> hidden, BackwardMethod method, int batch) {
        var config = org.s3gd.train.TrainingConfig.preset(dataset.id()).withHidden(hidden).withMethod(method)
            .withBatchSize(batch);
        return (long) (MemoryEstimate.of(config).bytes() * 1.5) + (256L << 20);
    }

    /**
     * The PyTorch step, in the faster of two thread settings: PyTorch's threads with a one-thread
     * BLAS, or one PyTorch thread with a {@code threads}-thread BLAS (giving both {@code threads}
     * oversubscribes the cores and runs several times slower).
     */
    static Measured pytorch(BenchDataset dataset, List<Integer> hidden, NetworkConfig network, double lr, int batch,
                            int threads, int warmup, int repetitions) {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            return Measured.unavailable("no /usr/bin/python3; install Debian's python3-torch to compare with PyTorch");
        }
        Path script;
        try {
            script = Files.createTempFile("s3gd-peer", ".py");
            try (InputStream in = PeerProcesses.class.getResourceAsStream(SCRIPT)) {
                Files.write(script, in.readAllBytes());
            }
        } catch (IOException e) {
            return Measured.unavailable("cannot write the PyTorch script to a temporary file: " + e.getMessage());
        }
        try {
            Result check = run(List.of(python.toString(), "-c", "import torch"), Map.of());
            if (check.failure() != null) {
                return Measured.unavailable("PyTorch is not installed (python3 -c 'import torch' failed); install Debian's "
                    + "python3-torch (and libopenblas0-pthread for a fast BLAS) to compare with it");
            }
            Measured best = null;
            for (int torchThreads : threads == 1 ? new int[] {1} : new int[] {threads, 1}) {
                int blasThreads = torchThreads == 1 ? threads : 1;
                RegularizerParameters reg = network.regularizer();
                List<String> command = List.of(python.toString(), script.toString(), "--inputs",
                    String.valueOf(dataset.inputs()), "--hidden", join(hidden), "--outputs",
                    String.valueOf(network.outputs()), "--steps", String.valueOf(dataset.steps()), "--batch",
                    String.valueOf(batch), "--rate", String.valueOf(dataset.syntheticRate()), "--beta",
                    String.valueOf(network.neuron(0).beta()), "--threshold", String.valueOf(network.neuron(0).threshold()),
                    "--surrogate-scale", String.valueOf(network.neuron(0).surrogateScale()), "--beta-readout",
                    String.valueOf(network.readoutBeta()), "--readout", network.readoutMode().name().toLowerCase(Locale.ROOT),
                    "--regularizer", reg.upperStrength() + "," + reg.upperRate() + "," + reg.lowerStrength() + ","
                        + reg.lowerRate(), "--lr", String.valueOf(lr), "--threads", String.valueOf(torchThreads),
                    "--warmup", String.valueOf(warmup), "--repetitions", String.valueOf(repetitions));
                String blas = String.valueOf(blasThreads);
                Result result = run(command, Map.of("OPENBLAS_NUM_THREADS", blas, "OMP_NUM_THREADS", String.valueOf(torchThreads),
                    "MKL_NUM_THREADS", blas));
                if (result.failure() != null) {
                    return Measured.unavailable("PyTorch peer: " + result.failure());
                }
                Measured measured = parse(result.output(), "torch " + field(result.output(), "torch").orElse("?")
                    + "; " + torchThreads + " torch thread" + (torchThreads == 1 ? "" : "s") + "; " + blasThreads
                    + " BLAS thread" + (blasThreads == 1 ? "" : "s"));
                if (best == null || measured.stepMs() < best.stepMs()) {
                    best = measured;
                }
            }
            return best;
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }

    private record Result(String output, String failure) {
    }

    private static Result run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            // A bench stopped with Ctrl-C or kill takes its measuring process with it: a PyTorch
            // step at SHD 2 × 1000 holds about 11 GiB and runs for minutes.
            Thread reaper = new Thread(process::destroyForcibly, "s3gd-peer-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    return new Result(output, "did not finish in " + TIMEOUT_MINUTES + " minutes");
                }
                if (process.exitValue() != 0) {
                    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
                    return new Result(output, "exit code " + process.exitValue() + ": " + last);
                }
                return new Result(output, null);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(reaper);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook runs
                }
            }
        } catch (IOException e) {
            return new Result("", "cannot start " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("", "interrupted");
        }
    }

    // The JSON line either side prints: a flat object of numbers (and the torch version).
    private static Measured parse(String output, String setting) {
        String line = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
        double step = number(line, "median_ms");
        if (Double.isNaN(step)) {
            return Measured.unavailable("no result in the output: " + output.strip().lines().reduce((a, b) -> b).orElse(""));
        }
        return new Measured(step, number(line, "forward_ms"), number(line, "backward_ms"), number(line, "optimizer_ms"),
            (long) number(line, "peak_rss_bytes"), setting, null);
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static Optional<String> field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"([^\"]*)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
