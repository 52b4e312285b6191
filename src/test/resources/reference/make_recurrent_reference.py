"""Dense surrogate-gradient reference for s3gd's recurrent layer, computed by PyTorch autograd.

Writes ``recurrent_reference.txt`` next to this script: small networks that mix recurrent
(``rlif``) and feed-forward (``lif``) spiking layers, with their inputs, weights, forward states,
loss and the exact dense gradients. As in ``make_dense_reference.py`` (whose spike function,
readout, regulariser, checks and file format this script reuses), the gradients come from
autograd over a literal time loop, not from the backward formulas of ALGORITHM.md §7, so the
Java implementation of those formulas is checked against an independent derivation.

Regenerate from the repository root (requires Debian's ``python3-torch`` and ``python3-numpy``):

    /usr/bin/python3 src/test/resources/reference/make_recurrent_reference.py

The output is deterministic: every random draw comes from ``numpy.random.default_rng(seed)``.

Model (ALGORITHM.md §7), computed in float64
--------------------------------------------
A recurrent layer with input x, weights W [N_in, N] and recurrent weights V [N, N]:

    v_j[0] = 0,  s_j[0] = 0
    v_j[t+1] = β·v_j[t] + Σ_i W[i][j]·x_i[t] + Σ_k V[k][j]·s_k[t] − s_j[t]     t = 0 … T−2
    s_j[t]   = H(v_j[t] − θ)

The reset term −s_j[t] uses the detached spike (not differentiated); the recurrent term
Σ_k V[k][j]·s_k[t] does not: the gradient flows back through V. A feed-forward layer is the
same with V = 0 (no V at all). The spikes a layer sends to the next layer, the readout and its
regulariser pass through a clone, so that the gradient arriving from outside the layer,
g = ∂L/∂s through the next layer and the regulariser, can be asked for on its own: it is what
the Java test compares (the gradient through V stays inside the layer's backward walk).

Fixture format: as ``dense_reference.txt`` (see ``make_dense_reference.py``), with the extra
parameter ``kinds`` (comma-separated ``lif`` or ``rlif``, one per hidden layer) and, for each
recurrent layer k, the tensors ``Vk`` [N_k, N_k] and ``grad_Vk``. ``total_spike_grad_k`` is g of
layer k as above.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from make_dense_reference import (
    THETA, SpikeFunction, readout_layer, rate_regulariser, ambiguity, tensor_lines, as_numpy, numpy_readout_and_loss,
    LAMBDA_UPPER, LAMBDA_LOWER, F_LOWER)

FIXTURE = Path(__file__).with_name("recurrent_reference.txt")
MAX_SEEDS = 20000
# A float32 forward pass carries a few ulp of rounding in v, and a recurrence adds them up step
# after step (a few 1e-7 here). The surrogate turns an error dv into a relative error
# 200·dv / (100·|v − θ| + 1) of δ, so a membrane 1e-3 from θ (the margin of the feed-forward
# fixture) could move a gradient by 1e-4. Recurrent cases keep every membrane this far from θ,
# and float32 autograd itself within the second bound of float64, so that any correct float32
# implementation can be held to 1e-5.
RECURRENT_THRESHOLD_MARGIN = 2e-2
FLOAT32_GRADIENT_ERROR = 3e-6


@dataclass(frozen=True)
class CaseSpec:
    name: str
    n_in: int
    kinds: tuple
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
    recurrent_std: float
    input_rate: float
    first_seed: int


CASES = (
    CaseSpec("R1", n_in=6, kinds=("rlif", "lif"), hidden=(5, 4), n_out=3, batch=3, steps=15, readout="max",
             f_upper=1.0, beta=np.exp(-1 / 10), beta_readout=np.exp(-1 / 10),
             weight_mean=(0.3, 0.2, 0.0), weight_std=(0.4, 0.4, 1.0), recurrent_std=0.3,
             input_rate=0.2, first_seed=400),
    CaseSpec("R2", n_in=7, kinds=("lif", "rlif", "rlif"), hidden=(1, 17, 7), n_out=4, batch=2, steps=12,
             readout="sum", f_upper=0.05, beta=np.exp(-1 / 10), beta_readout=np.exp(-1 / 20),
             weight_mean=(0.35, 0.8, 0.2, 0.0), weight_std=(0.3, 0.6, 0.3, 1.0), recurrent_std=0.2,
             input_rate=0.2, first_seed=500),
    CaseSpec("R3", n_in=5, kinds=("rlif",), hidden=(7,), n_out=2, batch=4, steps=20, readout="max",
             f_upper=1.0, beta=np.exp(-1 / 8), beta_readout=np.exp(-1 / 10),
             weight_mean=(0.3, 0.0), weight_std=(0.5, 1.0), recurrent_std=0.4,
             input_rate=0.2, first_seed=600),
    CaseSpec("R4", n_in=4, kinds=("rlif", "rlif"), hidden=(1, 17), n_out=3, batch=3, steps=16, readout="sum",
             f_upper=1.0, beta=np.exp(-1 / 10), beta_readout=np.exp(-1 / 20),
             weight_mean=(0.5, 0.6, 0.0), weight_std=(0.3, 0.4, 1.0), recurrent_std=0.25,
             input_rate=0.3, first_seed=700),
)


def spiking_layer(x, weight, recurrent, beta):
    """Returns v, s of shape [B,T,N] for input x [B,T,N_in]; recurrent is V [N,N] or None."""
    batch, steps, _ = x.shape
    v_t = torch.zeros(batch, weight.shape[1], dtype=x.dtype)
    v, s = [], []
    for t in range(steps):
        s_t = SpikeFunction.apply(v_t)
        v.append(v_t)
        s.append(s_t)
        if t + 1 < steps:
            current = x[:, t, :] @ weight
            if recurrent is not None:
                current = current + s_t @ recurrent
            v_t = beta * v_t + current - s_t.detach()
    return torch.stack(v, dim=1), torch.stack(s, dim=1)


def network(spec, x, labels, weights, recurrents, readout_weight):
    """Forward pass; each layer's spikes leave it through a clone (see the module comment)."""
    layer_input, vs, ss, outs = x, [], [], []
    for weight, recurrent in zip(weights, recurrents):
        v, s = spiking_layer(layer_input, weight, recurrent, spec.beta)
        out = s.clone()
        vs.append(v)
        ss.append(s)
        outs.append(out)
        layer_input = out
    y, logits = readout_layer(layer_input, readout_weight, spec.beta_readout, spec.readout)
    loss = F.cross_entropy(logits, labels)
    for out in outs:
        loss = loss + rate_regulariser(out, spec.f_upper)
    return dict(v=vs, s=ss, outs=outs, y=y, logits=logits, loss=loss)


def numpy_forward(spec, x, weights, recurrents, readout_weight, labels):
    """Plain loop re-implementation of ALGORITHM.md §7, to cross-check the torch forward."""
    batch, steps, _ = x.shape
    layer_input, vs, ss = x, [], []
    for weight, recurrent in zip(weights, recurrents):
        n = weight.shape[1]
        v = np.zeros((batch, steps, n))
        s = np.zeros_like(v)
        for b in range(batch):
            for t in range(steps):
                for j in range(n):
                    s[b, t, j] = 1.0 if v[b, t, j] > THETA else 0.0
                if t + 1 < steps:
                    for j in range(n):
                        current = sum(weight[i, j] * layer_input[b, t, i] for i in range(weight.shape[0]))
                        if recurrent is not None:
                            current += sum(recurrent[k, j] * s[b, t, k] for k in range(n))
                        v[b, t + 1, j] = spec.beta * v[b, t, j] + current - s[b, t, j]
        vs.append(v)
        ss.append(s)
        layer_input = s
    y, logits, loss = numpy_readout_and_loss(spec, layer_input, ss, readout_weight, labels)
    return vs, ss, y, logits, loss


def draw(spec, seed):
    rng = np.random.default_rng(seed)
    x = (rng.random((spec.batch, spec.steps, spec.n_in)) < spec.input_rate).astype(np.float64)
    labels = rng.integers(0, spec.n_out, size=spec.batch)
    sizes = (spec.n_in,) + spec.hidden + (spec.n_out,)
    matrices = [rng.normal(mean, std, size=(sizes[k], sizes[k + 1]))
                for k, (mean, std) in enumerate(zip(spec.weight_mean, spec.weight_std))]
    recurrents = [rng.normal(0.0, spec.recurrent_std, size=(n, n)) if kind == "rlif" else None
                  for kind, n in zip(spec.kinds, spec.hidden)]
    return x, labels, matrices[:-1], recurrents, matrices[-1]


def forward_pass(spec, x, labels, weights, recurrents, readout_weight, dtype):
    weights = [torch.tensor(w, dtype=dtype, requires_grad=True) for w in weights]
    recurrents = [None if r is None else torch.tensor(r, dtype=dtype, requires_grad=True) for r in recurrents]
    readout_weight = torch.tensor(readout_weight, dtype=dtype, requires_grad=True)
    out = network(spec, torch.tensor(x, dtype=dtype), torch.as_tensor(labels), weights, recurrents, readout_weight)
    out["weights"], out["recurrents"], out["readout_weight"] = weights, recurrents, readout_weight
    return out


def activity_problem(spec, labels, out):
    """Why this draw would make a weak gradient check, or None."""
    if len(set(labels.tolist())) < 2:
        return "one label for the whole batch"
    for k, s in enumerate(out["s"]):
        per_neuron = s.sum().item() / (spec.batch * s.shape[2])
        if per_neuron < 1.0:
            return f"layer {k + 1}: {per_neuron:.2f} spikes per neuron and sample"
        if per_neuron > 0.6 * spec.steps:
            return f"layer {k + 1}: saturated, {per_neuron:.2f} spikes per neuron and sample"
    return None


def gradients(out):
    """∂L/∂W, ∂L/∂V and the outside spike gradients, from one autograd.grad call."""
    recurrents = [r for r in out["recurrents"] if r is not None]
    wanted = out["weights"] + recurrents + [out["readout_weight"]] + out["outs"]
    grads = torch.autograd.grad(out["loss"], wanted)
    hidden = len(out["weights"])
    weight_grads = grads[:hidden]
    recurrent_grads = list(grads[hidden:hidden + len(recurrents)])
    readout_grad = grads[hidden + len(recurrents)]
    outside = grads[hidden + len(recurrents) + 1:]
    per_layer = [recurrent_grads.pop(0) if r is not None else None for r in out["recurrents"]]
    return weight_grads, per_layer, readout_grad, outside


def float32_gradient_error(exact_gradients, float32_gradients):
    """The largest relative difference between the float32 and float64 autograd gradients."""
    worst = 0.0
    for exact, rounded in zip(exact_gradients, float32_gradients):
        pairs = zip(exact, rounded) if isinstance(exact, (list, tuple)) else [(exact, rounded)]
        for a, b in pairs:
            if a is not None:
                worst = max(worst, (a - b.double()).abs().max().item() / max(a.abs().max().item(), 1e-300))
    return worst


def build_case(spec):
    for seed in range(spec.first_seed, spec.first_seed + MAX_SEEDS):
        x, labels, weights, recurrents, readout_weight = draw(spec, seed)
        out = forward_pass(spec, x, labels, weights, recurrents, readout_weight, torch.float64)
        out32 = forward_pass(spec, x, labels, weights, recurrents, readout_weight, torch.float32)
        if ambiguity(spec, out, out32) or activity_problem(spec, labels, out):
            continue
        if min((v - THETA).abs().min().item() for v in out["v"]) < RECURRENT_THRESHOLD_MARGIN:
            continue
        exact = gradients(out)
        weight_grads, recurrent_grads, readout_grad, outside = exact
        if any(g.abs().max().item() == 0.0 for g in weight_grads):
            continue
        if float32_gradient_error(exact, gradients(out32)) > FLOAT32_GRADIENT_ERROR:
            continue
        if any(g is not None and g.abs().max().item() == 0.0 for g in recurrent_grads):
            continue
        check_against_numpy(spec, x, labels, weights, recurrents, readout_weight, out)
        return seed, x, labels, weights, recurrents, readout_weight, out, weight_grads, recurrent_grads, \
            readout_grad, outside
    raise RuntimeError(f"case {spec.name}: no fit draw in {MAX_SEEDS} seeds")


def check_against_numpy(spec, x, labels, weights, recurrents, readout_weight, out):
    vs, ss, y, logits, loss = numpy_forward(spec, x, weights, recurrents, readout_weight, labels)
    for k in range(len(weights)):
        assert np.allclose(out["v"][k].detach().numpy(), vs[k], rtol=0, atol=1e-12), k
        assert np.array_equal(out["s"][k].detach().numpy(), ss[k]), k
    assert np.allclose(out["y"].detach().numpy(), y, rtol=0, atol=1e-12)
    assert np.allclose(out["logits"].detach().numpy(), logits, rtol=0, atol=1e-12)
    assert abs(out["loss"].item() - loss) < 1e-12


def case_lines(spec, built):
    seed, x, labels, weights, recurrents, readout_weight, out, weight_grads, recurrent_grads, readout_grad, \
        outside = built
    hidden = len(weights)
    lines = [f"case {spec.name}"]
    params = dict(seed=seed, beta=repr(float(spec.beta)),
                  beta_readout=repr(float(spec.beta_readout)), theta=repr(THETA),
                  readout=spec.readout, f_u=repr(spec.f_upper), lambda_u=repr(LAMBDA_UPPER),
                  lambda_l=repr(LAMBDA_LOWER), f_l=repr(F_LOWER), n_in=spec.n_in,
                  kinds=",".join(spec.kinds), hidden=",".join(str(n) for n in spec.hidden),
                  n_out=spec.n_out, batch=spec.batch, steps=spec.steps)
    lines += [f"param {name} {value}" for name, value in params.items()]
    lines += tensor_lines("x", x)
    lines += tensor_lines("labels", labels)
    for k, w in enumerate(weights):
        lines += tensor_lines(f"W{k + 1}", w)
    for k, r in enumerate(recurrents):
        if r is not None:
            lines += tensor_lines(f"V{k + 1}", r)
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
    for k, g in enumerate(recurrent_grads):
        if g is not None:
            lines += tensor_lines(f"grad_V{k + 1}", g.numpy())
    lines += tensor_lines("grad_Wout", readout_grad.numpy())
    for k in range(hidden):
        lines += tensor_lines(f"total_spike_grad_{k + 1}", outside[k].numpy())
    lines.append("end")
    return lines


def summary(spec, built):
    seed, out = built[0], built[6]
    rates = ", ".join("%.2f" % (s.sum().item() / (spec.batch * s.shape[2])) for s in out["s"])
    return (f"# case {spec.name}: {','.join(k + ':' + str(n) for k, n in zip(spec.kinds, spec.hidden))}, "
            f"seed {seed}, spikes per neuron and sample per layer [{rates}], loss {out['loss'].item():.6f}")


def main():
    torch.set_num_threads(1)
    header = [
        "# Recurrent surrogate-gradient reference (ALGORITHM.md §7), float64, PyTorch autograd.",
        "# Written by make_recurrent_reference.py with torch %s, numpy %s; see its docstring for"
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
