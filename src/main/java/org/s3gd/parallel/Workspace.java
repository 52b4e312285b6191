package org.s3gd.parallel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.Supplier;

/**
 * Named scratch arrays, grown on demand and kept between batches, so that the steady state of a
 * training loop allocates nothing. Each worker chunk has its own set ({@code floats(chunk, name, n)}),
 * which belongs to that worker alone while a parallel section runs; a shared set
 * ({@code shared(name, n)}) holds what a section's workers only read, filled before it starts.
 */
public final class Workspace {
    /** Scratch that knows its own size, for memory reports. */
    public interface Sized {
        long bytes();
    }

    private final List<Map<String, Object>> chunks = new ArrayList<>();
    private final Map<String, Object> shared = new HashMap<>();

    /** A float array of at least {@code size} entries for worker {@code chunk}; contents undefined. */
    public synchronized float[] floats(int chunk, String name, int size) {
        return floats(of(chunk), name, size);
    }

    /** An int array of at least {@code size} entries for worker {@code chunk}; contents undefined. */
    public synchronized int[] ints(int chunk, String name, int size) {
        return array(of(chunk), name, int[].class, size, a -> a.length, int[]::new);
    }

    /** A byte array of at least {@code size} entries for worker {@code chunk}; contents undefined. */
    public synchronized byte[] bytes(int chunk, String name, int size) {
        return array(of(chunk), name, byte[].class, size, a -> a.length, byte[]::new);
    }

    /** A float array shared read-only by the workers of a section; contents undefined. */
    public synchronized float[] shared(String name, int size) {
        return floats(shared, name, size);
    }

    /** The object {@code name} of worker {@code chunk}, made anew when absent or when it does not {@code fit}. */
    public synchronized <T> T object(int chunk, String name, Class<T> type, Predicate<T> fits, Supplier<T> create) {
        Map<String, Object> map = of(chunk);
        Object held = map.get(name);
        if (type.isInstance(held) && fits.test(type.cast(held))) {
            return type.cast(held);
        }
        T made = create.get();
        map.put(name, made);
        return made;
    }

    /** Bytes currently held, for memory reports. */
    public synchronized long bytes() {
        long total = size(shared);
        for (Map<String, Object> map : chunks) {
            total += size(map);
        }
        return total;
    }

    private Map<String, Object> of(int chunk) {
        while (chunks.size() <= chunk) {
            chunks.add(new HashMap<>());
        }
        return chunks.get(chunk);
    }

    private static float[] floats(Map<String, Object> map, String name, int size) {
        return array(map, name, float[].class, size, a -> a.length, float[]::new);
    }

    // The array held under `name`, replaced by a new one of `size` when absent or shorter.
    private static <A> A array(Map<String, Object> map, String name, Class<A> type, int size, ToIntFunction<A> length,
                               IntFunction<A> create) {
        Object held = map.get(name);
        if (type.isInstance(held) && length.applyAsInt(type.cast(held)) >= size) {
            return type.cast(held);
        }
        A grown = create.apply(size);
        map.put(name, grown);
        return grown;
    }

    private static long size(Map<String, Object> map) {
        long total = 0;
        for (Object held : map.values()) {
            total += switch (held) {
                case float[] a -> (long) a.length * Float.BYTES;
                case int[] a -> (long) a.length * Integer.BYTES;
                case byte[] a -> a.length;
                case Sized s -> s.bytes();
                default -> 0;
            };
        }
        return total;
    }
}
