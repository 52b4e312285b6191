package org.s3gd.model;

/**
 * The shape and role of one weight matrix of a layer, row-major {@code rows × cols}.
 *
 * @param role  which matrix of the layer it is
 * @param rows  first index (the presynaptic unit)
 * @param cols  second index (the postsynaptic unit)
 */
public record ParameterShape(Role role, int rows, int cols) {
    /** What a weight matrix connects. */
    public enum Role {
        /** {@code W[i][j]}: input unit i to neuron j. */
        INPUT("W"),
        /** {@code V[k][j]}: the layer's neuron k to its neuron j (ALGORITHM.md §7). */
        RECURRENT("V"),
        /** {@code W_out[j][o]}: the last hidden layer's neuron j to output o. */
        READOUT("Wout");

        private final String prefix;

        Role(String prefix) {
            this.prefix = prefix;
        }

        /** The name of this matrix in hidden layer {@code layer} (1-based): W2, V2; the readout's is Wout. */
        public String name(int layer) {
            return this == READOUT ? prefix : prefix + layer;
        }
    }

    static ParameterShape input(int inputs, int neurons) {
        return new ParameterShape(Role.INPUT, inputs, neurons);
    }

    static ParameterShape recurrent(int neurons) {
        return new ParameterShape(Role.RECURRENT, neurons, neurons);
    }

    static ParameterShape readout(int inputs, int outputs) {
        return new ParameterShape(Role.READOUT, inputs, outputs);
    }
}
