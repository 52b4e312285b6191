"""Dense surrogate-gradient reference for s3gd, computed by PyTorch autograd.

Writes ``dense_reference.txt`` next to this script: a few small spiking networks with their
inputs, weights, forward states, loss and the exact dense gradients of ALGORITHM.md §1–2.
The gradients come from autograd, not from the backward formulas of §2, so the Java
implementation of those formulas can be checked against an independent derivation.

Regenerate from the repository root (requires Debian's ``python3-torch`` and ``python3-numpy``):

    /usr/bin/python3 src/test/resources/reference/make_dense_reference.py

The committed fixture was written with torch 1.13.0 and numpy 1.24.2. The output is
deterministic: every random draw comes from ``numpy.random.default_rng(seed)``.

Model (ALGORITHM.md §1), computed in float64
--------------------------------------------
Hidden layer k = 1 … K with input x (the data for k = 1, s of layer k−1 after that):

    v_j[0] = 0,  s_j[0] = 0
    v_j[t+1] = β·v_j[t] + Σ_i W_k[i][j]·x_i[t] − s_j[t]         t = 0 … T−2
    s_j[t]   = H(v_j[t] − θ),   θ = 1,   H(u) = 1 if u > 0 else 0  (so H(0) = 0)

The spike is an autograd function whose backward is the surrogate
σ'(v) = 1 / (100·|v − θ| + 1)². The reset term −s_j[t] uses the detached spike (the reset
is not differentiated); the spikes sent to the next layer, the readout and the regulariser
are not detached.

Readout over the last hidden layer's spikes s:

    y_o[0] = 0,   y_o[t+1] = β_r·y_o[t] + (1 − β_r)·Σ_j W_out[j][o]·s_j[t]
    logit_o = max_{t=0…T−1} y_o[t]     (readout "max"; torch.max, gradient to the arg max)
    logit_o = Σ_{t=0…T−1} y_o[t]       (readout "sum")

Loss, with c_j = Σ_t s_j[t] per sample and layer:

    L = (1/B)·Σ_b CE(softmax(logits_b), label_b) + Σ_k R_k
    R_k = (1/B)·Σ_b [ λ_u·max(0, (1/N_k)·Σ_j c_j − f_u) + λ_l·Σ_j max(0, f_l − c_j)² / N_k ]

Every case is resampled (next seed) until it is unambiguous in float32 as well:
no membrane value within 1e-3 of θ, the float32 forward gives the same spikes, every
max-readout arg max is unique by a margin, and no upper regulariser sits on its kink.
torch.max returns the first index among equal maxima; the margin check means the fixture
never depends on that rule. Since s[0] = 0, y[0] = y[1] = 0 always, so an output whose trace
never rises above 0 has a tied maximum: every max-readout logit in the fixture is therefore
positive and attained at a unique step t ≥ 2.

Fixture format
--------------
Plain text. Lines starting with '#' are comments. Each case is

    case <name>
    param <name> <value>           one per parameter, see below
    tensor <name> <d0>,<d1>,...    followed by one line of all values, row-major,
    <v v v ...>                    space separated, printed with '%.17g'
    scalar <name> <value>
    end

Parameters, numbers printed as Python's shortest exact repr: seed, beta, beta_readout, theta,
readout (max or sum), f_u, lambda_u, lambda_l, f_l, n_in, hidden (comma-separated N_1,…,N_K),
n_out, batch (B), steps (T). The same beta serves every hidden layer of a case.

Tensors (K hidden layers, N_0 = n_in, O = n_out):

    x                                [B,T,N_0]    input spikes (0/1)
    labels                           [B]          class indices
    W1 … WK                          [N_{k−1},N_k] hidden weights
    Wout                             [N_K,O]      readout weights
    v1 … vK                          [B,T,N_k]    membrane potentials v[t], t = 0 … T−1
    s1 … sK                          [B,T,N_k]    spikes s[t]
    y                                [B,T,O]      readout traces y[t]
    logits                           [B,O]
    grad_W1 … grad_WK, grad_Wout                  ∂L/∂W, same shapes as the weights
    spike_grad_from_next_layer_k     [B,T,N_{k−1}] for k = 2 … K: ∂L/∂x of layer k, the
                                                  gradient reaching s_{k−1} through layer k's
                                                  input current only (ALGORITHM.md §2 ∂L/∂x)
    spike_grad_from_readout          [B,T,N_K]    the gradient reaching s_K through the readout
    total_spike_grad_k               [B,T,N_k]    for k = 1 … K: ∂L/∂s_k, i.e. the part from the
                                                  next layer (or the readout for k = K) plus the
                                                  part from the regulariser R_k

Scalar: loss.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

THETA = 1.0
SURROGATE_SCALE = 100.0
LAMBDA_UPPER = 0.06
LAMBDA_LOWER = 100.0
F_LOWER = 1e-3

THRESHOLD_MARGIN = 1e-3
ARGMAX_MARGIN = 1e-5
KINK_MARGIN = 1e-9
MAX_SEEDS = 1000

FIXTURE = Path(__file__).with_name("dense_reference.txt")


@dataclass(frozen=True)
class CaseSpec:
    name: str
    n_in: int
    hidden: tuple
    n_out: int
    batch: int
    steps: int
    readout: str
    f_upper: float
    beta: float
    beta_readout: float
    weight_mean: tuple  # per hidden layer, then the readout
    weight_std: tuple
    input_rate: float
    first_seed: int
    needs_upper_active: bool = False
    needs_silent_neuron: bool = False


CASES = (
    CaseSpec("A", n_in=6, hidden=(5, 4), n_out=3, batch=3, steps=15, readout="max",
             f_upper=1.0, beta=np.exp(-1 / 10), beta_readout=np.exp(-1 / 10),
             weight_mean=(0.3, 0.2, 0.0), weight_std=(0.4, 0.4, 1.0),
             input_rate=0.2, first_seed=100),
    CaseSpec("B", n_in=7, hidden=(1, 17, 3), n_out=4, batch=2, steps=12, readout="sum",
             f_upper=0.05, beta=np.exp(-1 / 10), beta_readout=np.exp(-1 / 20),
             weight_mean=(0.35, 0.8, 0.2, 0.0), weight_std=(0.3, 0.6, 0.3, 1.0),
             input_rate=0.2, first_seed=200, needs_upper_active=True),
    CaseSpec("C", n_in=5, hidden=(7,), n_out=2, batch=4, steps=20, readout="max",
             f_upper=1.0, beta=np.exp(-1 / 8), beta_readout=np.exp(-1 / 10),
             weight_mean=(0.3, 0.0), weight_std=(0.5, 1.0),
             input_rate=0.2, first_seed=300, needs_silent_neuron=True),
)


class SpikeFunction(torch.autograd.Function):
    """H(v − θ) forward, SuperSpike surrogate 1/(100·|v − θ| + 1)² backward (ALGORITHM.md §2)."""

    @staticmethod
    def forward(ctx, v):
        ctx.save_for_backward(v)
        return (v > THETA).to(v.dtype)

    @staticmethod
    def backward(ctx, grad_spike):
        (v,) = ctx.saved_tensors
        return grad_spike / (SURROGATE_SCALE * (v - THETA).abs() + 1.0) ** 2


def hidden_layer(x, weight, beta):
    """Returns v, s of shape [B,T,N] for input x [B,T,N_in] (ALGORITHM.md §1)."""
    batch, steps, _ = x.shape
    v_t = torch.zeros(batch, weight.shape[1], dtype=x.dtype)
    v, s = [], []
    for t in range(steps):
        s_t = SpikeFunction.apply(v_t)
        v.append(v_t)
        s.append(s_t)
        if t + 1 < steps:
            # integrate, then reset by subtracting the detached spike
            v_t = beta * v_t + x[:, t, :] @ weight - s_t.detach()
    return torch.stack(v, dim=1), torch.stack(s, dim=1)


def readout_layer(s, weight, beta_readout, mode):
    """Returns y [B,T,O] and the logits [B,O]."""
    batch, steps, _ = s.shape
    y_t = torch.zeros(batch, weight.shape[1], dtype=s.dtype)
    y = []
    for t in range(steps):
        y.append(y_t)
        if t + 1 < steps:
            y_t = beta_readout * y_t + (1.0 - beta_readout) * (s[:, t, :] @ weight)
    y = torch.stack(y, dim=1)
    logits = torch.max(y, dim=1).values if mode == "max" else y.sum(dim=1)
    return y, logits


def rate_regulariser(s, f_upper):
    """R of one hidden layer (ALGORITHM.md §1, loss), s [B,T,N]."""
    counts = s.sum(dim=1)
    upper = LAMBDA_UPPER * torch.relu(counts.mean(dim=1) - f_upper)
    lower = LAMBDA_LOWER * (torch.relu(F_LOWER - counts) ** 2).mean(dim=1)
    return (upper + lower).mean()


def network(spec, x, labels, weights, readout_weight):
    """Forward pass; the input of every layer after the first is a clone of the previous
    spikes, so the gradient through that layer alone can be asked for separately."""
    layer_inputs, vs, ss = [x], [], []
    for k, weight in enumerate(weights):
        v, s = hidden_layer(layer_inputs[k], weight, spec.beta)
        vs.append(v)
        ss.append(s)
        layer_inputs.append(s.clone())
    y, logits = readout_layer(layer_inputs[-1], readout_weight, spec.beta_readout, spec.readout)
    loss = F.cross_entropy(logits, labels)
    for s in ss:
        loss = loss + rate_regulariser(s, spec.f_upper)
    return dict(layer_inputs=layer_inputs, v=vs, s=ss, y=y, logits=logits, loss=loss)


def numpy_forward(spec, x, weights, readout_weight, labels):
    """Plain loop re-implementation of ALGORITHM.md §1, to cross-check the torch forward."""
    batch, steps, _ = x.shape
    layer_input, vs, ss = x, [], []
    for weight in weights:
        v = np.zeros((batch, steps, weight.shape[1]))
        s = np.zeros_like(v)
        for b in range(batch):
            for j in range(weight.shape[1]):
                for t in range(steps):
                    s[b, t, j] = 1.0 if v[b, t, j] > THETA else 0.0
                    if t + 1 < steps:
                        current = sum(weight[i, j] * layer_input[b, t, i]
                                      for i in range(weight.shape[0]))
                        v[b, t + 1, j] = spec.beta * v[b, t, j] + current - s[b, t, j]
        vs.append(v)
        ss.append(s)
        layer_input = s
    y, logits, loss = numpy_readout_and_loss(spec, layer_input, ss, readout_weight, labels)
    return vs, ss, y, logits, loss


def numpy_readout_and_loss(spec, last_spikes, ss, readout_weight, labels):
    """The readout over the last hidden layer's spikes and the loss with every layer's regulariser."""
    batch, steps, _ = last_spikes.shape
    y = np.zeros((batch, steps, readout_weight.shape[1]))
    for t in range(steps - 1):
        y[:, t + 1] = (spec.beta_readout * y[:, t]
                       + (1 - spec.beta_readout) * last_spikes[:, t] @ readout_weight)
    logits = y.max(axis=1) if spec.readout == "max" else y.sum(axis=1)
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_softmax = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_softmax[np.arange(batch), labels].mean()
    for s in ss:
        counts = s.sum(axis=1)
        upper = LAMBDA_UPPER * np.maximum(0.0, counts.mean(axis=1) - spec.f_upper)
        lower = LAMBDA_LOWER * (np.maximum(0.0, F_LOWER - counts) ** 2).mean(axis=1)
        loss += (upper + lower).mean()
    return y, logits, loss


def draw(spec, seed):
    rng = np.random.default_rng(seed)
    x = (rng.random((spec.batch, spec.steps, spec.n_in)) < spec.input_rate).astype(np.float64)
    labels = rng.integers(0, spec.n_out, size=spec.batch)
    sizes = (spec.n_in,) + spec.hidden + (spec.n_out,)
    matrices = [rng.normal(mean, std, size=(sizes[k], sizes[k + 1]))
                for k, (mean, std) in enumerate(zip(spec.weight_mean, spec.weight_std))]
    return x, labels, matrices[:-1], matrices[-1]


def forward_pass(spec, x, labels, weights, readout_weight, dtype):
    weights = [torch.tensor(w, dtype=dtype, requires_grad=True) for w in weights]
    readout_weight = torch.tensor(readout_weight, dtype=dtype, requires_grad=True)
    out = network(spec, torch.tensor(x, dtype=dtype), torch.as_tensor(labels), weights,
                  readout_weight)
    out["weights"], out["readout_weight"] = weights, readout_weight
    return out


def ambiguity(spec, out, out32):
    """Why this draw is unfit for a float32 comparison, or None if it is fit."""
    for k, v in enumerate(out["v"]):
        gap = (v - THETA).abs().min().item()
        if gap <= THRESHOLD_MARGIN:
            return f"layer {k + 1}: membrane {gap:.2e} from threshold"
    for k, (s, s32) in enumerate(zip(out["s"], out32["s"])):
        if not torch.equal(s, s32.double()):
            return f"layer {k + 1}: float32 spikes differ"
    if spec.readout == "max":
        top2 = torch.topk(out["y"], 2, dim=1).values
        if (top2[:, 0] - top2[:, 1]).min().item() <= ARGMAX_MARGIN:
            return "readout arg max not unique"
    for k, s in enumerate(out["s"]):
        excess = s.sum(dim=1).mean(dim=1) - spec.f_upper
        if excess.abs().min().item() <= KINK_MARGIN:
            return f"layer {k + 1}: upper regulariser on its kink"
    return None


def activity_problem(spec, labels, out):
    """Why this draw would make a weak gradient check, or None."""
    if len(set(labels.tolist())) < 2:
        return "one label for the whole batch"
    for k, s in enumerate(out["s"]):
        per_neuron = s.sum().item() / (spec.batch * s.shape[2])
        if per_neuron < 1.0:
            return f"layer {k + 1}: {per_neuron:.2f} spikes per neuron and sample"
    if spec.needs_upper_active and not any(
            (s.sum(dim=1).mean(dim=1) > spec.f_upper).any() for s in out["s"]):
        return "upper regulariser inactive"
    if spec.needs_silent_neuron and not any((s.sum(dim=1) == 0).any() for s in out["s"]):
        return "no silent neuron"
    return None


def gradients(out):
    """∂L/∂W for every matrix and the spike gradients, all from one autograd.grad call."""
    hidden = len(out["s"])
    wanted = (out["weights"] + [out["readout_weight"]]
              + out["layer_inputs"][1:] + out["s"])
    grads = torch.autograd.grad(out["loss"], wanted)
    weight_grads = grads[:hidden + 1]
    input_grads = grads[hidden + 1:2 * hidden + 1]  # inputs of layers 2 … K, then the readout
    total = grads[2 * hidden + 1:]
    return weight_grads, input_grads, total


def build_case(spec):
    for seed in range(spec.first_seed, spec.first_seed + MAX_SEEDS):
        x, labels, weights, readout_weight = draw(spec, seed)
        out = forward_pass(spec, x, labels, weights, readout_weight, torch.float64)
        out32 = forward_pass(spec, x, labels, weights, readout_weight, torch.float32)
        if ambiguity(spec, out, out32) or activity_problem(spec, labels, out):
            continue
        weight_grads, input_grads, total = gradients(out)
        if any(g.abs().max().item() == 0.0 for g in weight_grads):
            continue
        check_against_numpy(spec, x, labels, weights, readout_weight, out)
        check_spike_gradients(out, input_grads, total)
        return seed, x, labels, weights, readout_weight, out, weight_grads, input_grads, total
    raise RuntimeError(f"case {spec.name}: no fit draw in {MAX_SEEDS} seeds")


def check_against_numpy(spec, x, labels, weights, readout_weight, out):
    vs, ss, y, logits, loss = numpy_forward(spec, x, weights, readout_weight, labels)
    for k in range(len(weights)):
        assert np.allclose(out["v"][k].detach().numpy(), vs[k], rtol=0, atol=1e-12), k
        assert np.array_equal(out["s"][k].detach().numpy(), ss[k]), k
    assert np.allclose(out["y"].detach().numpy(), y, rtol=0, atol=1e-12)
    assert np.allclose(out["logits"].detach().numpy(), logits, rtol=0, atol=1e-12)
    assert abs(out["loss"].item() - loss) < 1e-12


def check_spike_gradients(out, input_grads, total):
    """The total spike gradient of layer k is the part through the next layer (or readout)
    plus the part through the layer's own regulariser, which depends on counts only and so
    is the same at every step of a sample."""
    for k, (through, whole) in enumerate(zip(input_grads, total)):
        regulariser_part = whole - through
        assert torch.allclose(regulariser_part, regulariser_part[:, :1, :].expand_as(whole),
                              rtol=0, atol=1e-15), k
    for k, g in enumerate(input_grads):
        assert g.abs().max().item() > 0.0, f"no gradient reaches layer {k + 1}"
        assert g[:, -1, :].abs().max().item() == 0.0, "s[T-1] must reach no later step"


def format_values(values):
    return " ".join("%.17g" % value for value in np.asarray(values, dtype=np.float64).ravel())


def tensor_lines(name, values):
    values = np.asarray(values)
    shape = ",".join(str(d) for d in values.shape)
    return [f"tensor {name} {shape}", format_values(values)]


def as_numpy(tensor):
    return tensor.detach().numpy()


def case_lines(spec, built):
    seed, x, labels, weights, readout_weight, out, weight_grads, input_grads, total = built
    hidden = len(weights)
    lines = [f"case {spec.name}"]
    params = dict(seed=seed, beta=repr(float(spec.beta)),
                  beta_readout=repr(float(spec.beta_readout)), theta=repr(THETA),
                  readout=spec.readout, f_u=repr(spec.f_upper), lambda_u=repr(LAMBDA_UPPER),
                  lambda_l=repr(LAMBDA_LOWER), f_l=repr(F_LOWER), n_in=spec.n_in,
                  hidden=",".join(str(n) for n in spec.hidden), n_out=spec.n_out,
                  batch=spec.batch, steps=spec.steps)
    lines += [f"param {name} {value}" for name, value in params.items()]
    lines += tensor_lines("x", x)
    lines += tensor_lines("labels", labels)
    for k, w in enumerate(weights):
        lines += tensor_lines(f"W{k + 1}", w)
    lines += tensor_lines("Wout", readout_weight)
    for k in range(hidden):
        lines += tensor_lines(f"v{k + 1}", as_numpy(out["v"][k]))
    for k in range(hidden):
        lines += tensor_lines(f"s{k + 1}", as_numpy(out["s"][k]))
    lines += tensor_lines("y", as_numpy(out["y"]))
    lines += tensor_lines("logits", as_numpy(out["logits"]))
    lines.append("scalar loss %.17g" % out["loss"].item())
    for k in range(hidden):
        lines += tensor_lines(f"grad_W{k + 1}", weight_grads[k].numpy())
    lines += tensor_lines("grad_Wout", weight_grads[hidden].numpy())
    for k in range(1, hidden):
        lines += tensor_lines(f"spike_grad_from_next_layer_{k + 1}", input_grads[k - 1].numpy())
    lines += tensor_lines("spike_grad_from_readout", input_grads[-1].numpy())
    for k in range(hidden):
        lines += tensor_lines(f"total_spike_grad_{k + 1}", total[k].numpy())
    lines.append("end")
    return lines


def summary(spec, built):
    seed, x, labels, weights, readout_weight, out, *_ = built
    rates = ", ".join("%.2f" % (s.sum().item() / (spec.batch * s.shape[2])) for s in out["s"])
    silent = sum(int((s.sum(dim=1) == 0).sum()) for s in out["s"])
    return (f"# case {spec.name}: seed {seed}, spikes per neuron and sample per layer [{rates}], "
            f"silent (sample, neuron) pairs {silent}, loss {out['loss'].item():.6f}")


def main():
    torch.set_num_threads(1)
    header = [
        "# Dense surrogate-gradient reference (ALGORITHM.md §1-2), float64, PyTorch autograd.",
        "# Written by make_dense_reference.py with torch %s, numpy %s; see its docstring for"
        % (torch.__version__, np.__version__),
        "# the equations, the names and the layout.",
    ]
    body = []
    for spec in CASES:
        built = build_case(spec)
        header.append(summary(spec, built))
        body += case_lines(spec, built)
    FIXTURE.write_text("\n".join(header + body) + "\n")
    print("\n".join(header))
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
