package org.s3gd.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.LifParameters;
import org.s3gd.model.LinearLif;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.SpikingLayerSpec;

/**
 * One hidden layer of a run's stack as the command line and run.json write it,
 * {@code KIND:WIDTH[:METHOD]}: {@code lif:200}, {@code rlif:256:dense}. The run's time constants
 * turn it into a {@link SpikingLayerSpec} ({@link #spec}).
 *
 * @param kind   the layer kind
 * @param width  N
 * @param method dense or sparse backward
 */
public record StackLayer(Kind kind, int width, BackwardMethod method) {
    /** The kinds of hidden layer a stack can hold. */
    public enum Kind {
        /** Fully connected LIF ({@link LinearLif}). */
        LIF("lif"),
        /** Fully connected LIF with recurrent weights ({@link RecurrentLif}). */
        RLIF("rlif");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Kind of(String id) {
            for (Kind kind : values()) {
                if (kind.id.equals(id)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown layer kind '" + id + "' (expected lif or rlif)");
        }
    }

    public StackLayer {
        if (kind == null || method == null) {
            throw new IllegalArgumentException("a stack layer needs a kind and a method");
        }
        if (width < 1 || width > TrainingConfig.MAX_WIDTH) {
            throw new IllegalArgumentException("layer widths must be in [1, " + TrainingConfig.MAX_WIDTH + "], got "
                + kind.id + ":" + width);
        }
    }

    /** A fully connected LIF layer. */
    public static StackLayer lif(int width, BackwardMethod method) {
        return new StackLayer(Kind.LIF, width, method);
    }

    /** A recurrent LIF layer. */
    public static StackLayer rlif(int width, BackwardMethod method) {
        return new StackLayer(Kind.RLIF, width, method);
    }

    /**
     * Parses a comma-separated stack such as {@code lif:200,rlif:200:dense}; a layer without a
     * method gets {@code defaultMethod}. Errors name the offending part.
     */
    public static List<StackLayer> parseStack(String text, BackwardMethod defaultMethod) {
        List<StackLayer> layers = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            layers.add(parse(part.strip(), defaultMethod));
        }
        return layers;
    }

    /** Parses one layer, {@code KIND:WIDTH[:METHOD]}. */
    public static StackLayer parse(String text, BackwardMethod defaultMethod) {
        String[] fields = text.split(":", -1);
        if (text.isEmpty() || fields.length < 2 || fields.length > 3) {
            throw new IllegalArgumentException("layer '" + text + "' is not KIND:WIDTH[:METHOD], e.g. lif:200 or rlif:256:dense");
        }
        Kind kind = Kind.of(fields[0].toLowerCase(Locale.ROOT));
        int width;
        try {
            width = Integer.parseInt(fields[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer '" + text + "': width '" + fields[1] + "' is not a whole number");
        }
        BackwardMethod method = defaultMethod;
        if (fields.length == 3) {
            try {
                method = BackwardMethod.valueOf(fields[2].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer '" + text + "': method '" + fields[2] + "' is not sparse or dense");
            }
        }
        return new StackLayer(kind, width, method);
    }

    /** The layer spec with the run's neurons. */
    public SpikingLayerSpec spec(LifParameters neuron) {
        return switch (kind) {
            case LIF -> new LinearLif(width, neuron, method);
            case RLIF -> new RecurrentLif(width, neuron, method);
        };
    }

    public StackLayer withMethod(BackwardMethod newMethod) {
        return new StackLayer(kind, width, newMethod);
    }

    /** {@code KIND:WIDTH:METHOD}, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return kind.id + ":" + width + ":" + method.name().toLowerCase(Locale.ROOT);
    }
}
