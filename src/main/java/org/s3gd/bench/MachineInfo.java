package org.s3gd.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.s3gd.backend.Backend;
import org.s3gd.backend.Backends;
import org.s3gd.train.BuildInfo;

/**
 * The machine and software a benchmark ran on, for its report.
 *
 * @param loadAverage the one-minute load average when the run started (−1 where unknown): a busy
 *                    machine makes every timing noisy
 * @param kernels     the backend and its kernel implementations: GEMM, sparse, LIF, vector ops
 */
public record MachineInfo(String cpu, int processors, long maxHeapBytes, String jvm, String os, String version,
                          String kernels, double loadAverage, String date) {
    public static MachineInfo current() {
        Backend backend = Backends.standard();
        String kernels = backend.name() + ": GEMM " + backend.gemm().kernel().name() + ", sparse "
            + backend.sparse().implementation() + ", LIF " + backend.lif().implementation() + ", vector ops "
            + backend.vectors().implementation();
        return new MachineInfo(cpuModel(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
            BuildInfo.jvm(), System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"), BuildInfo.version(), kernels,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }
}
