package org.s3gd.nir;

import org.s3gd.model.Shape;

/**
 * What reading NIR's nodes shares: a shape as NIR writes it, and the checks of the integer fields
 * of convolution, pooling and flatten nodes, each failure one line naming the file, the node and
 * the field.
 */
final class NirFields {
    private static final int LARGEST = 1 << 16;

    private NirFields() {
    }

    /** A shape as NIR's fields give it: (C, H, W) for an image, (N) for flat units. */
    static int[] dims(Shape shape) {
        return shape.spatial() ? new int[] {shape.channels(), shape.height(), shape.width()} : new int[] {shape.units()};
    }

    /**
     * A field holding one size for both sides of an image: a whole number, or a pair (height,
     * width) of equal ones.
     *
     * @param least the smallest value allowed
     * @param why   why the two sides must agree, for the message
     */
    static int side(NirNode node, String field, int least, Object file, String why) {
        NirArray a = node.field(field, file.toString());
        if (!(a.size() == 1 && a.rank() <= 1 || a.size() == 2 && a.rank() == 1)) {
            throw at(node, field, file, "has shape " + a.shapeText() + ", expected a number or a pair (height, width)");
        }
        for (double x : a.values()) {
            if (x != a.values()[0]) {
                throw at(node, field, file, "is " + a.valuesText() + "; " + why);
            }
        }
        return whole(node, field, a, least, file);
    }

    /** A field holding one whole number of at least {@code least}. */
    static int whole(NirNode node, String field, int least, Object file) {
        NirArray a = node.field(field, file.toString());
        if (a.size() != 1) {
            throw at(node, field, file, "has shape " + a.shapeText() + ", expected one number");
        }
        return whole(node, field, a, least, file);
    }

    private static int whole(NirNode node, String field, NirArray a, int least, Object file) {
        double v = a.values()[0];
        if (v != Math.rint(v) || v < least || v > LARGEST) {
            throw at(node, field, file, "is " + a.valuesText() + ", expected a whole number in [" + least + ", " + LARGEST + "]");
        }
        return (int) v;
    }

    /** {@code <file>: node '<node>': field '<field>' <problem>}. */
    static NirException at(NirNode node, String field, Object file, String problem) {
        return NirException.in(file, "node '" + node.name() + "': field '" + field + "' " + problem);
    }
}
