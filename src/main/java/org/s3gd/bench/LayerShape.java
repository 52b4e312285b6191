package org.s3gd.bench;

/**
 * The shape of the hidden layer the paper times (its second hidden layer, which computes both the
 * weight gradient and the input-spike gradient), with the time constants of its data set.
 *
 * @param name    label for tables
 * @param batch   B
 * @param steps   T
 * @param inputs  N_in (width of the first hidden layer, or of the data for a first layer)
 * @param neurons N
 * @param dtMillis Δt
 * @param tauMemMillis τ_mem
 * @param recurrent whether the layer has recurrent weights (ALGORITHM.md §7)
 */
public record LayerShape(String name, int batch, int steps, int inputs, int neurons, double dtMillis, double tauMemMillis,
                         boolean recurrent) {
    /** A feed-forward layer. */
    public LayerShape(String name, int batch, int steps, int inputs, int neurons, double dtMillis, double tauMemMillis) {
        this(name, batch, steps, inputs, neurons, dtMillis, tauMemMillis, false);
    }

    public LayerShape {
        if (batch < 1 || steps < 2 || inputs < 1 || neurons < 1 || !(dtMillis > 0) || !(tauMemMillis > 0)) {
            throw new IllegalArgumentException("invalid layer shape " + name + ": B=" + batch + " T=" + steps
                + " N_in=" + inputs + " N=" + neurons + " Δt=" + dtMillis + " τ=" + tauMemMillis);
        }
    }

    /** F-MNIST: T = 100, N_in = N = 200, Δt = 1 ms, τ_mem = 10 ms. */
    public static LayerShape fmnist(int batch) {
        return new LayerShape("F-MNIST", batch, 100, 200, 200, 1, 10);
    }

    /** N-MNIST: T = 300, N_in = N = 200, Δt = 1 ms, τ_mem = 10 ms. */
    public static LayerShape nmnist(int batch) {
        return new LayerShape("N-MNIST", batch, 300, 200, 200, 1, 10);
    }

    /** SHD: T = 500, N_in = N = 200, Δt = 2 ms, τ_mem = 10 ms. */
    public static LayerShape shd(int batch) {
        return new LayerShape("SHD", batch, 500, 200, 200, 2, 10);
    }

    /** SHD's first layer width: T = 500, N_in = 700 → N = 200. */
    public static LayerShape shdWide(int batch) {
        return new LayerShape("SHD 700→200", batch, 500, 700, 200, 2, 10);
    }

    /** The shape named {@code fmnist}, {@code nmnist}, {@code shd} or {@code shd700}, at batch size B. */
    public static LayerShape named(String name, int batch) {
        return switch (name) {
            case "fmnist" -> fmnist(batch);
            case "nmnist" -> nmnist(batch);
            case "shd" -> shd(batch);
            case "shd700" -> shdWide(batch);
            default -> throw new IllegalArgumentException("unknown layer shape " + name
                + " (expected fmnist, nmnist, shd or shd700)");
        };
    }

    public LayerShape withNeurons(int newNeurons) {
        return new LayerShape(name, batch, steps, newNeurons, newNeurons, dtMillis, tauMemMillis, recurrent);
    }

    /** The same layer with recurrent weights, named so in tables. */
    public LayerShape withRecurrence() {
        return new LayerShape(name + " recurrent", batch, steps, inputs, neurons, dtMillis, tauMemMillis, true);
    }

    /** Multiply–adds of one dense matmul of this layer's input weights: B·T·N_in·N. */
    public long denseMacs() {
        return (long) batch * steps * inputs * neurons;
    }
}
