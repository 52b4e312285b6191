package org.s3gd.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Conv2dLif;
import org.s3gd.model.Flatten;
import org.s3gd.model.LayerSpec;
import org.s3gd.model.LifParameters;
import org.s3gd.model.LinearLif;
import org.s3gd.model.Readout;
import org.s3gd.model.RecurrentLif;
import org.s3gd.model.SpikePool;

/**
 * One hidden layer of a run's stack as the command line and run.json write it:
 * <ul>
 *   <li>{@code lif:200}, {@code rlif:256:dense}: {@code KIND:WIDTH[:METHOD]};</li>
 *   <li>{@code conv:32x5}, {@code conv:16x3s2p1:dense}: {@code conv:CHANNELSxKERNEL[sSTRIDE][pPADDING][:METHOD]},
 *       stride 1 and padding 0 unless given;</li>
 *   <li>{@code maxpool:2}, {@code sumpool:2}: a window (and stride) of 2×2;</li>
 *   <li>{@code flatten}, or {@code flatten:4608} to check the size there.</li>
 * </ul>
 * The run's time constants turn it into a {@link LayerSpec} ({@link #spec}).
 *
 * @param kind    the layer kind
 * @param width   N for lif and rlif, the filters for conv, the window for pooling, the expected size (or 0) for flatten
 * @param kernel  conv: the kernel side (0 for other kinds)
 * @param stride  conv: the stride (0 for other kinds)
 * @param padding conv: the zero padding
 * @param method  dense or sparse backward (sparse for pooling and flatten, which have none)
 */
public record StackLayer(Kind kind, int width, int kernel, int stride, int padding, BackwardMethod method) {
    private static final Pattern CONV = Pattern.compile("(\\d+)x(\\d+)(?:s(\\d+))?(?:p(\\d+))?");

    /** The kinds of hidden layer a stack can hold. */
    public enum Kind {
        /** Fully connected LIF ({@link LinearLif}). */
        LIF("lif"),
        /** Fully connected LIF with recurrent weights ({@link RecurrentLif}). */
        RLIF("rlif"),
        /** Convolutional LIF ({@link Conv2dLif}). */
        CONV("conv"),
        /** Max spike pooling ({@link SpikePool}). */
        MAXPOOL("maxpool"),
        /** Sum spike pooling ({@link SpikePool}). */
        SUMPOOL("sumpool"),
        /** Image to flat units ({@link Flatten}). */
        FLATTEN("flatten");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** Whether the kind has neurons and so a method. */
        public boolean spiking() {
            return this == LIF || this == RLIF || this == CONV;
        }

        static Kind of(String id) {
            for (Kind kind : values()) {
                if (kind.id.equals(id)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown layer kind '" + id + "' (expected lif, rlif, conv, maxpool, sumpool or flatten)");
        }
    }

    public StackLayer {
        if (kind == null || method == null) {
            throw new IllegalArgumentException("a stack layer needs a kind and a method");
        }
        if (!kind.spiking()) {
            method = BackwardMethod.SPARSE;
        }
        int low = kind == Kind.FLATTEN ? 0 : 1;
        if (width < low || width > TrainingConfig.MAX_WIDTH) {
            throw new IllegalArgumentException("layer sizes must be in [" + low + ", " + TrainingConfig.MAX_WIDTH + "], got "
                + kind.id + ":" + width);
        }
        if (kind == Kind.CONV) {
            if (kernel < 1 || stride < 1 || padding < 0 || kernel > 64 || stride > 64 || padding > 64) {
                throw new IllegalArgumentException("conv layer: kernel and stride must be in [1, 64] and padding in [0, 64], got "
                    + width + "x" + kernel + "s" + stride + "p" + padding);
            }
        } else if (kernel != 0 || stride != 0 || padding != 0) {
            throw new IllegalArgumentException(kind.id + " layer: only conv has a kernel, stride and padding");
        }
    }

    /** A fully connected or pooling layer, or a flatten: a kind and a size. */
    public StackLayer(Kind kind, int width, BackwardMethod method) {
        this(kind, width, 0, 0, 0, method);
    }

    /** A fully connected LIF layer. */
    public static StackLayer lif(int width, BackwardMethod method) {
        return new StackLayer(Kind.LIF, width, method);
    }

    /** A recurrent LIF layer. */
    public static StackLayer rlif(int width, BackwardMethod method) {
        return new StackLayer(Kind.RLIF, width, method);
    }

    /** A convolutional LIF layer. */
    public static StackLayer conv(int channels, int kernel, int stride, int padding, BackwardMethod method) {
        return new StackLayer(Kind.CONV, channels, kernel, stride, padding, method);
    }

    /**
     * Parses a comma-separated stack such as {@code conv:32x5,maxpool:2,flatten,lif:200:dense}; a
     * layer without a method gets {@code defaultMethod}. Errors name the offending part.
     */
    public static List<StackLayer> parseStack(String text, BackwardMethod defaultMethod) {
        List<StackLayer> layers = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            layers.add(parse(part.strip(), defaultMethod));
        }
        return layers;
    }

    /** Parses one layer (see the class comment). */
    public static StackLayer parse(String text, BackwardMethod defaultMethod) {
        String[] fields = text.split(":", -1);
        if (text.isEmpty() || fields.length > 3) {
            throw new IllegalArgumentException("layer '" + text + "' is not KIND:SIZE[:METHOD], e.g. lif:200, rlif:256:dense, "
                + "conv:32x5s1p0, maxpool:2 or flatten");
        }
        Kind kind = Kind.of(fields[0].toLowerCase(Locale.ROOT));
        if (kind == Kind.FLATTEN && fields.length == 1) {
            return new StackLayer(kind, 0, defaultMethod);
        }
        if (fields.length < 2) {
            throw new IllegalArgumentException("layer '" + text + "' needs a size: " + example(kind));
        }
        BackwardMethod method = defaultMethod;
        if (fields.length == 3) {
            if (!kind.spiking()) {
                throw new IllegalArgumentException("layer '" + text + "': " + kind.id + " has no neurons and so no method");
            }
            try {
                method = BackwardMethod.valueOf(fields[2].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer '" + text + "': method '" + fields[2] + "' is not sparse or dense");
            }
        }
        if (kind == Kind.CONV) {
            Matcher m = CONV.matcher(fields[1]);
            if (!m.matches()) {
                throw new IllegalArgumentException("layer '" + text + "': '" + fields[1] + "' is not CHANNELSxKERNEL[sSTRIDE][pPADDING], "
                    + "e.g. conv:32x5 or conv:16x3s2p1");
            }
            try {
                return conv(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 1 : Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    method);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layer '" + text + "': a size is too large");
            }
        }
        int width;
        try {
            width = Integer.parseInt(fields[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer '" + text + "': size '" + fields[1] + "' is not a whole number");
        }
        return new StackLayer(kind, width, method);
    }

    private static String example(Kind kind) {
        return switch (kind) {
            case LIF, RLIF -> kind.id + ":200";
            case CONV -> "conv:32x5 (32 filters of 5×5), conv:16x3s2p1 (stride 2, padding 1)";
            case MAXPOOL, SUMPOOL -> kind.id + ":2";
            case FLATTEN -> "flatten";
        };
    }

    /** The layer spec with the run's neurons. */
    public LayerSpec spec(LifParameters neuron) {
        return switch (kind) {
            case LIF -> new LinearLif(width, neuron, method);
            case RLIF -> new RecurrentLif(width, neuron, method);
            case CONV -> new Conv2dLif(width, kernel, stride, padding, neuron, method);
            case MAXPOOL -> new SpikePool(SpikePool.Mode.MAX, width);
            case SUMPOOL -> new SpikePool(SpikePool.Mode.SUM, width);
            case FLATTEN -> new Flatten(width);
        };
    }

    /**
     * The stack layer whose {@link #spec} is {@code layer} (its neurons aside), run with {@code method}.
     *
     * @throws IllegalArgumentException for a readout, which is no hidden layer, or sizes a stack does not take
     */
    public static StackLayer of(LayerSpec layer, BackwardMethod method) {
        return switch (layer) {
            case LinearLif lif -> lif(lif.neurons(), method);
            case RecurrentLif lif -> rlif(lif.neurons(), method);
            case Conv2dLif conv -> conv(conv.channels(), conv.kernel(), conv.stride(), conv.padding(), method);
            case SpikePool pool -> new StackLayer(pool.mode() == SpikePool.Mode.MAX ? Kind.MAXPOOL : Kind.SUMPOOL, pool.size(), method);
            case Flatten flatten -> new StackLayer(Kind.FLATTEN, flatten.units(), method);
            case Readout readout -> throw new IllegalArgumentException("the readout is not a layer of the stack");
        };
    }

    public StackLayer withMethod(BackwardMethod newMethod) {
        return new StackLayer(kind, width, kernel, stride, padding, newMethod);
    }

    /** The layer without its method, as people read it: {@code lif:200}, {@code conv:32x5s1p0}, {@code maxpool:2}, {@code flatten}. */
    public String label() {
        return switch (kind) {
            case CONV -> "conv:" + width + "x" + kernel + "s" + stride + "p" + padding;
            case FLATTEN -> width == 0 ? "flatten" : "flatten:" + width;
            default -> kind.id + ":" + width;
        };
    }

    /** {@code KIND:SIZE:METHOD} for layers with neurons, the label for the others; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return kind.spiking() ? label() + ":" + method.name().toLowerCase(Locale.ROOT) : label();
    }
}
