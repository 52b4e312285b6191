package org.s3gd.model;

/** The checks every layer spec's constructor shares, with messages that name the layer kind. */
final class LayerChecks {
    private LayerChecks() {
    }

    static void positive(String kind, int units) {
        if (units < 1) {
            throw new IllegalArgumentException(kind + " layer: width must be >= 1, got " + units);
        }
    }

    static void present(String kind, Object... fields) {
        for (Object field : fields) {
            if (field == null) {
                throw new IllegalArgumentException(kind + " layer: a field is missing (null)");
            }
        }
    }
}
