package org.s3gd.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The vector shape every SIMD kernel of s3gd uses, and the test that it is worth using. */
final class Simd {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    private Simd() {
    }

    /** Throws where vectors are too narrow to beat the scalar loops, so the backend falls back. */
    static void requireWideVectors() {
        if (LANES < 4) {
            throw new UnsupportedOperationException("preferred float species has only " + LANES + " lanes");
        }
    }

    static String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }
}
