package org.s3gd.engine;

import java.util.Arrays;

/**
 * Per-worker scratch arrays, grown on demand and kept between batches, so that the steady state of
 * a training loop allocates nothing. Slot {@code s} of worker {@code chunk} belongs to that worker
 * alone while a parallel section runs.
 */
public final class Workspace {
    private float[][][] floats = new float[0][][];
    private int[][][] ints = new int[0][][];
    private TraceGather[] gathers = new TraceGather[0];
    private byte[][] bytes = new byte[0][];

    /** A float array of at least {@code size} entries for worker {@code chunk}, slot {@code slot}; contents undefined. */
    public synchronized float[] floats(int chunk, int slot, int size) {
        if (chunk >= floats.length) {
            floats = Arrays.copyOf(floats, chunk + 1);
        }
        if (floats[chunk] == null || slot >= floats[chunk].length) {
            floats[chunk] = floats[chunk] == null ? new float[slot + 1][] : Arrays.copyOf(floats[chunk], slot + 1);
        }
        float[] array = floats[chunk][slot];
        if (array == null || array.length < size) {
            array = new float[size];
            floats[chunk][slot] = array;
        }
        return array;
    }

    /** An int array of at least {@code size} entries for worker {@code chunk}, slot {@code slot}; contents undefined. */
    public synchronized int[] ints(int chunk, int slot, int size) {
        if (chunk >= ints.length) {
            ints = Arrays.copyOf(ints, chunk + 1);
        }
        if (ints[chunk] == null || slot >= ints[chunk].length) {
            ints[chunk] = ints[chunk] == null ? new int[slot + 1][] : Arrays.copyOf(ints[chunk], slot + 1);
        }
        int[] array = ints[chunk][slot];
        if (array == null || array.length < size) {
            array = new int[size];
            ints[chunk][slot] = array;
        }
        return array;
    }

    /** A byte array of at least {@code size} entries for worker {@code chunk} (one slot); contents undefined. */
    public synchronized byte[] bytes(int chunk, int slot, int size) {
        if (slot != 0) {
            throw new IllegalArgumentException("one byte slot per worker, got slot " + slot);
        }
        if (chunk >= bytes.length) {
            bytes = Arrays.copyOf(bytes, chunk + 1);
        }
        if (bytes[chunk] == null || bytes[chunk].length < size) {
            bytes[chunk] = new byte[size];
        }
        return bytes[chunk];
    }

    /** The weight-gradient gatherer of worker {@code chunk} for a layer of this shape. */
    synchronized TraceGather traceGather(int chunk, int inputs, int neurons) {
        if (chunk >= gathers.length) {
            gathers = Arrays.copyOf(gathers, chunk + 1);
        }
        if (gathers[chunk] == null || !gathers[chunk].fits(inputs, neurons)) {
            gathers[chunk] = new TraceGather(inputs, neurons);
        }
        return gathers[chunk];
    }

    /** Bytes currently held, for memory reports. */
    public synchronized long bytes() {
        long total = 0;
        for (float[][] perChunk : floats) {
            if (perChunk != null) {
                for (float[] array : perChunk) {
                    total += array == null ? 0 : (long) array.length * Float.BYTES;
                }
            }
        }
        for (int[][] perChunk : ints) {
            if (perChunk != null) {
                for (int[] array : perChunk) {
                    total += array == null ? 0 : (long) array.length * Integer.BYTES;
                }
            }
        }
        for (byte[] array : bytes) {
            total += array == null ? 0 : array.length;
        }
        for (TraceGather gather : gathers) {
            total += gather == null ? 0 : gather.bytes();
        }
        return total;
    }
}
