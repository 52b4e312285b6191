package org.s3gd.kernel;

/**
 * One sample's backward walk through the recurrence of a recurrent layer (ALGORITHM.md §7), at
 * the active entries only. With {@code R_j[t] = Σ_k V[j][k]·ε_k[t]} the gradient reaching
 * {@code s_j[t]} through the recurrent weights, the walk goes down in time and at each active
 * entry turns the gradient from outside the layer, {@code g}, into
 * {@code δ_j[t] = (g_j[t] + R_j[t])·σ'(v_j[t])}; between steps R obeys the memoised recurrence
 * {@code R[t−1] = β·R[t] + Σ_{k active at t} δ_k[t]·V[·][k]}, with {@code R[T−1] = 0}, so the
 * vector walk skips the steps without active entries and decays R across a gap at once with
 * {@code β^k} (Proposition 1). The scalar twin, the reference it is tested against, decays R
 * step by step.
 *
 * @param steps         T
 * @param neurons       N
 * @param stride        row stride of {@code transposed} and of R: {@link SparseKernels#rowStride(int)} of N
 * @param activeOffsets CSR offsets by step of the layer's active entries (length T+1)
 * @param activeUnits   neuron of each active entry
 * @param membrane      membrane potential of each active entry
 * @param grad          in: g of each active entry; out: δ
 * @param transposed    {@code Vᵀ[k][j] = V[j][k]}, row-major {@code N × stride}, padding zero
 * @param decay         {@code β^k}, k = 0 … T
 * @param threshold     θ
 * @param surrogateScale steepness of σ' ({@link org.s3gd.model.Surrogate#derivative(float, float, float)})
 */
public record RecurrentWalk(int steps, int neurons, int stride, int[] activeOffsets, int[] activeUnits, float[] membrane,
                            float[] grad, float[] transposed, float[] decay, float threshold,
                            float surrogateScale) {
    /** β */
    public float beta() {
        return decay[1];
    }
}
