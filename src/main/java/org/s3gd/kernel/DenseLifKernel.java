package org.s3gd.kernel;

/**
 * The element-wise passes of the dense method over full {@code [T][N]} histories (ALGORITHM.md §1,
 * §2, §7), one sample (or one step of one sample) at a time. Unchecked: callers validate. Rows of
 * a history are {@code n} floats apart; {@code history[offset + t·n + j]} is neuron j at step t.
 */
public interface DenseLifKernel {
    String name();

    /**
     * The LIF recurrence of one sample in place: on entry {@code history} holds the input current
     * {@code I_j[t]}, on exit the membrane {@code v_j[t]}; {@code spikes} gets {@code s_j[t]},
     * {@code counts[countOffset + j]} the spike counts. Returns the entries with
     * {@code |v − θ| < band}. {@code v} is a workspace of n floats.
     */
    default long integrate(float[] history, float[] spikes, int offset, int steps, int n, float beta, float threshold,
                           float band, float[] v, int[] counts, int countOffset) {
        java.util.Arrays.fill(v, 0, n, 0f);
        long active = 0;
        for (int t = 0; t < steps; t++) {
            active += integrateStep(history, spikes, offset + t * n, n, beta, threshold, band, v, 0, counts, countOffset);
        }
        return active;
    }

    /**
     * One step of {@link #integrate} for one sample: {@code history[row …]} holds {@code I[t]} on
     * entry and {@code v[t]} on exit, {@code v[vOffset …]} holds {@code v[t]} on entry and
     * {@code β·v[t] + I[t] − θ·s[t]} on exit; a recurrent layer adds {@code s[t]·V} to {@code I[t]} first.
     */
    long integrateStep(float[] history, float[] spikes, int row, int n, float beta, float threshold, float band,
                       float[] v, int vOffset, int[] counts, int countOffset);

    /**
     * The surrogate and ε walk of a feed-forward layer's dense backward for one sample, fused into
     * one pass down in time, in place: on entry {@code grad} holds {@code g = ∂L/∂s}, on exit
     * {@code ε[t] = δ[t+1] + β·ε[t+1]} with {@code δ = g·σ'(v)} (σ' of steepness {@code surrogateScale}) and
     * {@code ε[T−1] = 0}.
     * {@code nextDelta} is a workspace of n floats.
     */
    void epsilon(float[] grad, float[] membrane, int offset, int steps, int n, float beta, float threshold,
                 float surrogateScale, float[] nextDelta);

    /**
     * {@code ε[t] = δ[t+1] + β·ε[t+1]} into {@code eps}, with {@code ε[t+1]} in {@code grad[next …]}
     * and {@code δ[t+1]} in {@code nextDelta}; {@code next < 0} (the last step) gives {@code ε[T−1] = 0}.
     */
    void carry(float[] grad, int next, float[] nextDelta, int deltaOffset, int n, float beta, float[] eps, int epsOffset);

    /**
     * {@code δ[t] = (g[t] + r[t])·σ'(v[t])} into {@code nextDelta}, with g in {@code grad[row …]},
     * r the gradient through the recurrent weights, v in {@code membrane[row …]}; then
     * {@code grad[row …]} is replaced by {@code ε[t]} from {@code eps}.
     */
    void delta(float[] grad, float[] membrane, int row, float[] recurrent, int recurrentOffset, float[] eps,
               int epsOffset, int n, float threshold, float surrogateScale, float[] nextDelta, int deltaOffset);
}
