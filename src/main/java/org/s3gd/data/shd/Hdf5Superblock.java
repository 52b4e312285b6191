package org.s3gd.data.shd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one field of an HDF5 superblock that tells whether a file is whole: the end-of-file address.
 * jHDF reads a truncated file until it misses a structure and then reports that structure (a
 * dataset, a B-tree) as absent; comparing this address with the file's size names the real
 * problem first.
 *
 * <p>Layout (HDF5 File Format Specification, "Superblock"): the signature {@code \211HDF\r\n\032\n}
 * at byte 0, 512, 1024, 2048, … (after a user block); then the version. Versions 0 and 1 keep the
 * size of offsets at byte 13 and the end-of-file address after the base and free-space addresses,
 * at byte 24 (version 1: 28) + 2 offsets; versions 2 and 3 keep the size of offsets at byte 9 and
 * the address at byte 12 + 2 offsets. The address counts from the base address. All little-endian.
 */
final class Hdf5Superblock {
    private static final long SIGNATURE = 0x0a1a0a0d46444889L; // \211 H D F \r \n \032 \n, little-endian

    /** What the first bytes of a file say about its length. */
    sealed interface Extent {
        /** No superblock this class reads (no signature, an unknown version): jHDF has the say. */
        record Unknown() implements Extent {
        }

        /** The file ends inside its superblock. */
        record CutInSuperblock() implements Extent {
        }

        /** The superblock declares the file {@code length} bytes long. */
        record Declared(long length) implements Extent {
        }
    }

    private Hdf5Superblock() {
    }

    /**
     * @param head the first bytes of the file (the whole file, or at least its first MiB)
     * @param size the size of the whole file
     */
    static Extent extent(ByteBuffer head, long size) {
        ByteBuffer b = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (long at = 0; at + 8 <= b.limit(); at = at == 0 ? 512 : 2 * at) {
            int start = (int) at;
            if (b.getLong(start) != SIGNATURE) {
                continue;
            }
            if (start + 14 > b.limit()) {
                return new Extent.CutInSuperblock();
            }
            int version = b.get(start + 8) & 0xff;
            if (version > 3) {
                return new Extent.Unknown();
            }
            int sizeOfOffsets = b.get(start + (version < 2 ? 13 : 9)) & 0xff;
            if (sizeOfOffsets != 4 && sizeOfOffsets != 8) {
                return new Extent.Unknown();
            }
            int baseAddressAt = start + switch (version) {
                case 0 -> 24;
                case 1 -> 28;
                default -> 12;
            };
            int endOfFileAt = baseAddressAt + 2 * sizeOfOffsets;
            if (endOfFileAt + sizeOfOffsets > Math.min(b.limit(), size)) {
                return new Extent.CutInSuperblock();
            }
            return new Extent.Declared(address(b, baseAddressAt, sizeOfOffsets) + address(b, endOfFileAt, sizeOfOffsets));
        }
        return new Extent.Unknown();
    }

    private static long address(ByteBuffer b, int at, int size) {
        return size == 8 ? b.getLong(at) : Integer.toUnsignedLong(b.getInt(at));
    }
}
