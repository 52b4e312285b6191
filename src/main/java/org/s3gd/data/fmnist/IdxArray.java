package org.s3gd.data.fmnist;

/**
 * The content of an IDX file of unsigned bytes: its dimensions and its values in row-major order.
 *
 * @param source     where it was read from, for messages
 * @param dimensions the sizes, outermost (the item count) first
 * @param values     the values, {@code Π dimensions} of them
 * @param sha256     SHA-256 of the whole decompressed file, header included, in lowercase hex
 */
public record IdxArray(String source, int[] dimensions, byte[] values, String sha256) {
    /** Number of items: the first dimension. */
    public int count() {
        return dimensions[0];
    }

    /** Number of values per item: the product of the other dimensions. */
    public int itemSize() {
        int size = 1;
        for (int d = 1; d < dimensions.length; d++) {
            size *= dimensions[d];
        }
        return size;
    }

    /** Value {@code k} as an unsigned number 0…255. */
    public int unsigned(int k) {
        return Byte.toUnsignedInt(values[k]);
    }
}
