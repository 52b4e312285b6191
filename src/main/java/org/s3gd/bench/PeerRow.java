package org.s3gd.bench;

import java.util.List;

/**
 * One network of the PyTorch comparison: s3gd's sparse and dense training steps and PyTorch's, each
 * timed in a process of its own, and the floor of s3gd's sparse step phase by phase.
 *
 * @param dataset  the data set whose preset and shape the network has
 * @param hidden   the hidden widths
 * @param batch    B
 * @param sparse   s3gd, sparse method
 * @param dense    s3gd, dense method (unavailable where not measured)
 * @param pytorch  the PyTorch peer
 * @param floor    the sparse step's phases with their floors (empty where not computed)
 */
public record PeerRow(String dataset, List<Integer> hidden, int batch, PeerProcesses.Measured sparse,
                      PeerProcesses.Measured sparseOneThread, PeerProcesses.Measured dense,
                      PeerProcesses.Measured pytorch, List<WorkFloor.Phase> floor) {
    public PeerRow {
        hidden = List.copyOf(hidden);
        floor = List.copyOf(floor);
    }

    /** PyTorch's step time over s3gd's sparse one. */
    public double sparseSpeedup() {
        return pytorch.stepMs() / sparse.stepMs();
    }

    /** The sparse step on one thread over the same step on the bench's threads; NaN where not measured. */
    public double threadSpeedup() {
        return sparseOneThread.available() && sparse.available() ? sparseOneThread.stepMs() / sparse.stepMs() : Double.NaN;
    }

    /** PyTorch's peak memory over s3gd's sparse run's. */
    public double memoryRatio() {
        return (double) pytorch.peakRssBytes() / sparse.peakRssBytes();
    }

    public double floorMs() {
        return floor.stream().mapToDouble(WorkFloor.Phase::floorMs).sum();
    }

    public double measuredMs() {
        return floor.stream().mapToDouble(WorkFloor.Phase::measuredMs).sum();
    }
}
