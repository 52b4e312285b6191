"""Dense surrogate-gradient reference for s3gd's convolutional layer and spike pooling, by PyTorch autograd.

Writes ``conv_reference.txt`` next to this script: small networks of convolutional LIF layers,
max- and sum-pooling, flatten and fully connected LIF layers on inputs with odd sizes, with their
inputs, weights, loss, logits and the exact dense gradients. The convolution is ``F.conv2d``,
max-pooling ``F.max_pool2d`` and sum-pooling ``F.avg_pool2d`` times the window's area, all per
time step inside a literal time loop, so the Java implementation of ALGORITHM.md §8 (im2col,
the event-driven walks, the pooling gradient rules) is checked against an independent derivation.
The readout, regulariser, float32 checks and file format are those of ``make_dense_reference.py``;
the surrogate is the same fast sigmoid with a steepness of 10 (see SURROGATE_SCALE).

Regenerate from the repository root (requires Debian's ``python3-torch`` and ``python3-numpy``):

    /usr/bin/python3 src/test/resources/reference/make_conv_reference.py

The output is deterministic: every random draw comes from ``numpy.random.default_rng(seed)``.

Model (ALGORITHM.md §8), computed in float64
--------------------------------------------
A convolutional layer with kernel K [C_out, C_in, k, k] (PyTorch's layout), stride s, padding p:

    v[0] = 0;  s[t] = H(v[t] − θ);  v[t+1] = β·v[t] + conv2d(x[t], K, s, p) − s[t]   (reset detached)

Max-pooling's gradient goes to the first largest input of each window in row-major order (what
``max_pool2d`` does on ties, and so to the first input when none spiked); sum-pooling copies it to
every input of the window. Every hidden layer's output leaves it through a clone, and the
regulariser of a spiking layer reads that clone, so ``total_spike_grad_k`` is ∂L/∂s of layer k
from outside it (the layer above and its regulariser), as the runner of s3gd captures it.

Fixture format: as ``dense_reference.txt``, with the parameters ``stack`` (the layers in s3gd's
syntax, e.g. ``conv:3x3s1p1,maxpool:2,flatten,lif:5``) and ``shape`` (C,H,W of the input). Weights
are named as s3gd names them, ``W<layer>`` counting every hidden layer (pooling and flatten too)
and ``Wout``; a kernel is written in s3gd's layout ``[(c·k + ky)·k + kx][o]``. ``x`` is
[B, T, C·H·W] with unit (c, y, x) at (c·H + y)·W + x; ``total_spike_grad_k`` is [B, T, units].
"""

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from make_dense_reference import (
    THETA, readout_layer, rate_regulariser, tensor_lines, as_numpy,
    LAMBDA_UPPER, LAMBDA_LOWER, F_LOWER, ARGMAX_MARGIN, KINK_MARGIN)

FIXTURE = Path(__file__).with_name("conv_reference.txt")
MAX_SEEDS = 20000
# The surrogate turns a float32 rounding dv of a membrane into a relative error of up to
# 2·S·dv/(S·|v − θ| + 1) in δ. With the paper's S = 100 and the many membranes of a convolution,
# some membrane always lies close enough to θ for two correct float32 implementations (two
# summation orders) to differ by more than 1e-5; these cases use S = 10 (a setting of the layer,
# --surrogate-scale), which divides that sensitivity by ten and checks the same formulas.
SURROGATE_SCALE = 10.0
CONV_THRESHOLD_MARGIN = 1e-3
FLOAT32_GRADIENT_ERROR = 1e-6


class ConvSpikeFunction(torch.autograd.Function):
    """H(v − θ) forward, 1/(S·|v − θ| + 1)² backward with this fixture's S (ALGORITHM.md §2)."""

    @staticmethod
    def forward(ctx, v):
        ctx.save_for_backward(v)
        return (v > THETA).to(v.dtype)

    @staticmethod
    def backward(ctx, grad_spike):
        (v,) = ctx.saved_tensors
        return grad_spike / (SURROGATE_SCALE * (v - THETA).abs() + 1.0) ** 2


@dataclass(frozen=True)
class CaseSpec:
    name: str
    shape: tuple  # C, H, W
    stack: str
    n_out: int
    batch: int
    steps: int
    readout: str
    f_upper: float
    beta: float
    beta_readout: float
    weight_mean: float
    weight_std: float
    input_rate: float
    first_seed: int


CASES = (
    CaseSpec("C1", shape=(2, 5, 7), stack="conv:2x3s1p1,maxpool:2,flatten", n_out=3, batch=2, steps=10,
             readout="max", f_upper=1.0, beta=np.exp(-1 / 10), beta_readout=np.exp(-1 / 10),
             weight_mean=0.05, weight_std=0.35, input_rate=0.25, first_seed=100),
    CaseSpec("C2", shape=(1, 9, 8), stack="conv:2x5s2p1,sumpool:2,flatten,lif:5", n_out=4, batch=2, steps=16,
             readout="sum", f_upper=0.5, beta=np.exp(-1 / 10), beta_readout=np.exp(-1 / 20),
             weight_mean=0.05, weight_std=0.35, input_rate=0.3, first_seed=200),
    CaseSpec("C3", shape=(3, 6, 7), stack="maxpool:2,conv:4x1,conv:2x3p1,flatten,lif:4", n_out=3, batch=2, steps=12,
             readout="max", f_upper=1.0, beta=np.exp(-1 / 8), beta_readout=np.exp(-1 / 10),
             weight_mean=0.1, weight_std=0.4, input_rate=0.3, first_seed=300),
)


def parse(stack):
    layers = []
    for part in stack.split(","):
        kind, _, size = part.partition(":")
        if kind == "conv":
            m = re.fullmatch(r"(\d+)x(\d+)(?:s(\d+))?(?:p(\d+))?", size)
            layers.append(("conv", int(m[1]), int(m[2]), int(m[3] or 1), int(m[4] or 0)))
        elif kind in ("maxpool", "sumpool"):
            layers.append((kind, int(size)))
        elif kind == "flatten":
            layers.append(("flatten",))
        elif kind == "lif":
            layers.append(("lif", int(size)))
        else:
            raise ValueError(part)
    return layers


def weight_shapes(spec):
    """(layer index, torch shape) of every weight, and the readout's fan-in."""
    c, h, w = spec.shape
    flat = None
    shapes = []
    for index, layer in enumerate(parse(spec.stack)):
        if layer[0] == "conv":
            _, out, k, s, p = layer
            shapes.append((index, (out, c, k, k)))
            c, h, w = out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
        elif layer[0] in ("maxpool", "sumpool"):
            h, w = h // layer[1], w // layer[1]
        elif layer[0] == "flatten":
            flat = c * h * w
        elif layer[0] == "lif":
            fan_in = flat if flat is not None else c * h * w
            shapes.append((index, (fan_in, layer[1])))
            flat = layer[1]
    units = flat if flat is not None else c * h * w
    return shapes, units


def lif_over_time(current_of, batch, shape, steps, beta, dtype):
    """v, s [B, T, *shape] of LIF neurons whose input current at t is current_of(t)."""
    v_t = torch.zeros((batch,) + shape, dtype=dtype)
    v, s = [], []
    for t in range(steps):
        s_t = ConvSpikeFunction.apply(v_t)
        v.append(v_t)
        s.append(s_t)
        if t + 1 < steps:
            v_t = beta * v_t + current_of(t) - s_t.detach()
    return torch.stack(v, dim=1), torch.stack(s, dim=1)


def network(spec, x, labels, weights, readout_weight):
    batch, steps = x.shape[0], x.shape[1]
    layer_input = x
    vs, ss, outs = [], [], []
    weight_iter = iter(weights)
    loss_terms = []
    for layer in parse(spec.stack):
        kind = layer[0]
        if kind == "conv":
            _, out_channels, k, stride, padding = layer
            kernel = next(weight_iter)
            h = (layer_input.shape[3] + 2 * padding - k) // stride + 1
            w = (layer_input.shape[4] + 2 * padding - k) // stride + 1
            source = layer_input

            def current(t, source=source, kernel=kernel, stride=stride, padding=padding):
                return F.conv2d(source[:, t], kernel, stride=stride, padding=padding)
            v, s = lif_over_time(current, batch, (out_channels, h, w), steps, spec.beta, x.dtype)
            vs.append(v)
            ss.append(s)
            out = s
        elif kind == "maxpool":
            out = torch.stack([F.max_pool2d(layer_input[:, t], layer[1]) for t in range(steps)], dim=1)
        elif kind == "sumpool":
            area = layer[1] * layer[1]
            out = torch.stack([F.avg_pool2d(layer_input[:, t], layer[1]) * area for t in range(steps)], dim=1)
        elif kind == "flatten":
            out = layer_input.reshape(batch, steps, -1)
        else:
            weight = next(weight_iter)
            source = layer_input.reshape(batch, steps, -1)

            def current(t, source=source, weight=weight):
                return source[:, t, :] @ weight
            v, s = lif_over_time(current, batch, (layer[1],), steps, spec.beta, x.dtype)
            vs.append(v)
            ss.append(s)
            out = s
        out = out.clone()
        outs.append(out)
        if kind in ("conv", "lif"):
            loss_terms.append(rate_regulariser(out.reshape(batch, steps, -1), spec.f_upper))
        layer_input = out
    y, logits = readout_layer(layer_input.reshape(batch, steps, -1), readout_weight, spec.beta_readout, spec.readout)
    loss = F.cross_entropy(logits, labels)
    for term in loss_terms:
        loss = loss + term
    return dict(v=vs, s=ss, outs=outs, y=y, logits=logits, loss=loss)


def draw(spec, seed):
    rng = np.random.default_rng(seed)
    x = (rng.random((spec.batch, spec.steps) + spec.shape) < spec.input_rate).astype(np.float64)
    labels = rng.integers(0, spec.n_out, size=spec.batch)
    shapes, units = weight_shapes(spec)
    weights = [rng.normal(spec.weight_mean, spec.weight_std, size=shape) for _, shape in shapes]
    readout_weight = rng.normal(0.0, 1.0, size=(units, spec.n_out))
    return x, labels, weights, readout_weight


def forward_pass(spec, x, labels, weights, readout_weight, dtype):
    weights = [torch.tensor(w, dtype=dtype, requires_grad=True) for w in weights]
    readout_weight = torch.tensor(readout_weight, dtype=dtype, requires_grad=True)
    # The input asks for a gradient too, so that a pooling layer on it has one to report.
    out = network(spec, torch.tensor(x, dtype=dtype, requires_grad=True), torch.as_tensor(labels), weights, readout_weight)
    out["weights"], out["readout_weight"] = weights, readout_weight
    return out


def problem(spec, labels, out, out32):
    """Why this draw is unfit for a float32 gradient check, or None."""
    if len(set(labels.tolist())) < 2:
        return "one label for the whole batch"
    for k, v in enumerate(out["v"]):
        if (v - THETA).abs().min().item() <= CONV_THRESHOLD_MARGIN:
            return f"spiking layer {k + 1}: a membrane near the threshold"
    for k, (s, s32) in enumerate(zip(out["s"], out32["s"])):
        if not torch.equal(s, s32.double()):
            return f"spiking layer {k + 1}: float32 spikes differ"
        per_neuron = s.sum().item() / (spec.batch * s[0, 0].numel())
        if per_neuron < 0.5 or per_neuron > 0.5 * spec.steps:
            return f"spiking layer {k + 1}: {per_neuron:.2f} spikes per neuron and sample"
        excess = s.reshape(spec.batch, spec.steps, -1).sum(dim=1).mean(dim=1) - spec.f_upper
        if excess.abs().min().item() <= KINK_MARGIN:
            return f"spiking layer {k + 1}: upper regulariser on its kink"
    if spec.readout == "max":
        top2 = torch.topk(out["y"], 2, dim=1).values
        if (top2[:, 0] - top2[:, 1]).min().item() <= ARGMAX_MARGIN:
            return "readout arg max not unique"
    return None


def gradients(out):
    wanted = out["weights"] + [out["readout_weight"]] + out["outs"]
    grads = torch.autograd.grad(out["loss"], wanted)
    n = len(out["weights"])
    return grads[:n], grads[n], grads[n + 1:]


def float32_error(exact, rounded):
    worst = 0.0
    for a, b in zip(exact[0] + (exact[1],) + tuple(exact[2]), rounded[0] + (rounded[1],) + tuple(rounded[2])):
        worst = max(worst, (a - b.double()).abs().max().item() / max(a.abs().max().item(), 1e-300))
    return worst


def s3gd_layout(weight):
    """A torch kernel [C_out, C_in, k, k] as s3gd's [(c·k + ky)·k + kx][o]; a matrix unchanged."""
    weight = np.asarray(weight)
    if weight.ndim == 4:
        return weight.transpose(1, 2, 3, 0).reshape(-1, weight.shape[0])
    return weight


def build_case(spec):
    for seed in range(spec.first_seed, spec.first_seed + MAX_SEEDS):
        x, labels, weights, readout_weight = draw(spec, seed)
        out = forward_pass(spec, x, labels, weights, readout_weight, torch.float64)
        out32 = forward_pass(spec, x, labels, weights, readout_weight, torch.float32)
        if problem(spec, labels, out, out32):
            continue
        exact = gradients(out)
        if any(g.abs().max().item() == 0.0 for g in exact[0]):
            continue
        if float32_error(exact, gradients(out32)) > FLOAT32_GRADIENT_ERROR:
            continue
        return seed, x, labels, weights, readout_weight, out, exact
    raise RuntimeError(f"case {spec.name}: no fit draw in {MAX_SEEDS} seeds")


def case_lines(spec, built):
    seed, x, labels, weights, readout_weight, out, (weight_grads, readout_grad, outside) = built
    shapes, _ = weight_shapes(spec)
    lines = [f"case {spec.name}"]
    params = dict(seed=seed, beta=repr(float(spec.beta)), beta_readout=repr(float(spec.beta_readout)),
                  theta=repr(THETA), surrogate_scale=repr(SURROGATE_SCALE), readout=spec.readout, f_u=repr(spec.f_upper), lambda_u=repr(LAMBDA_UPPER),
                  lambda_l=repr(LAMBDA_LOWER), f_l=repr(F_LOWER), stack=spec.stack,
                  shape=",".join(str(d) for d in spec.shape), n_out=spec.n_out, batch=spec.batch, steps=spec.steps)
    lines += [f"param {name} {value}" for name, value in params.items()]
    lines += tensor_lines("x", x.reshape(spec.batch, spec.steps, -1))
    lines += tensor_lines("labels", labels)
    for (index, _), w in zip(shapes, weights):
        lines += tensor_lines(f"W{index + 1}", s3gd_layout(w))
    lines += tensor_lines("Wout", readout_weight)
    lines += tensor_lines("logits", as_numpy(out["logits"]))
    lines.append("scalar loss %.17g" % out["loss"].item())
    for (index, _), g in zip(shapes, weight_grads):
        lines += tensor_lines(f"grad_W{index + 1}", s3gd_layout(g.numpy()))
    lines += tensor_lines("grad_Wout", readout_grad.numpy())
    for k, g in enumerate(outside):
        lines += tensor_lines(f"total_spike_grad_{k + 1}", g.numpy().reshape(spec.batch, spec.steps, -1))
    lines.append("end")
    return lines


def summary(spec, built):
    seed, out = built[0], built[5]
    rates = ", ".join("%.2f" % (s.sum().item() / (spec.batch * s[0, 0].numel())) for s in out["s"])
    return (f"# case {spec.name}: {'x'.join(str(d) for d in spec.shape)} → {spec.stack}, seed {seed}, "
            f"spikes per neuron and sample per spiking layer [{rates}], loss {out['loss'].item():.6f}")


def main():
    torch.set_num_threads(1)
    header = [
        "# Convolution and spike pooling surrogate-gradient reference (ALGORITHM.md §8), float64, PyTorch autograd.",
        "# Written by make_conv_reference.py with torch %s, numpy %s; see its docstring for"
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
