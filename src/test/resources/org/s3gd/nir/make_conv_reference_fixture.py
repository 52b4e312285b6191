"""Writes two conv networks with the reference NIR package, and the outputs that s3gd's discrete
model gives for them, computed here with NumPy: reference_conv.nir and reference_conv.txt,
reference_conv_padding.nir and reference_conv_padding.txt.

Run from this folder with the nir package on PYTHONPATH (Debian's python3-numpy and python3-h5py):

    PYTHONPATH=../../../../../../../shared/tools/nir-reference python3 make_conv_reference_fixture.py

Both networks are written as another NIR exporter would write them: no 'dt' metadata, LIF nodes
with r = tau/dt so that s3gd reads the time step off them, zero biases, float32 arrays.

reference_conv: the convolution's stride and padding given as single numbers (the package stores
them as pairs):
    Input(2x10x10) -> Conv2d(3x2x3x3, stride 2, padding 1) -> LIF(3x5x5) -> SumPool2d(2) -> Flatten
        -> Affine(6x12) -> LIF(6) -> Linear(4x6) -> LI(4) -> Output(4)
The sum pooling drops the fifth row and column of the 5x5 map, as PyTorch's pooling does.

reference_conv_padding: Conv2d nodes without input_shape, as snnTorch's exporter writes them
(nir.write stores the shape the graph infers, so it is deleted from the file afterwards; the
package's nir.serialization.read_node reads a Conv2d without it as input_shape None), their padding
given as the strings 'same' and 'valid':
    Input(2x10x10) -> Conv2d(4x2x3x3, padding 'same') -> LIF(4x10x10) -> SumPool2d(2)
        -> Conv2d(3x4x3x3, padding 'valid') -> LIF(3x3x3) -> Flatten -> Affine(6x27) -> LIF(6)
        -> Linear(4x6) -> LI(4) -> Output(4)
'same' pads as PyTorch does: dilation*(k-1) zeros in all, half before (rounded down), the rest after.

The discrete model (ALGORITHM.md sections 1 and 8), with beta = 1 - dt/tau, per step t = 0 .. T-1:
    s[t] = v[t] > theta;  v[t+1] = beta*v[t] + I[t] - theta*s[t]           (each LIF node)
    I[t] = K * x[t] (cross-correlation, zero padding) or W x[t]            (its synapses)
    p[t] = the spike count of each 2x2 window of s[t]                       (SumPool2d)
    y[t+1] = beta_r*y[t] + (1 - beta_r) * Wout s[t]                          (the LI readout)
Each file lists, per sample, the input spikes (unit (c*10 + y)*10 + x) and the max and the sum over
t of y[t], t = 0 .. T-1.
"""
import h5py
import numpy as np

import nir

DT = 1e-3
T = 30
SAMPLES = 4
C, H, W = 2, 10, 10
rng = np.random.default_rng(20261126)


def lif_node(shape, beta, theta):
    tau = np.full(shape, DT / (1 - beta), dtype=np.float32)
    return nir.LIF(tau=tau, r=(tau / np.float32(DT)).astype(np.float32), v_leak=np.zeros(shape, np.float32),
                   v_threshold=np.full(shape, theta, np.float32), v_reset=np.zeros(shape, np.float32))


def li_node(outputs, beta):
    return nir.LI(tau=np.full(outputs, DT / (1 - beta), np.float32), r=np.ones(outputs, np.float32),
                  v_leak=np.zeros(outputs, np.float32))


def conv_node(weight, stride, padding, input_shape):
    return nir.Conv2d(input_shape=input_shape, weight=weight, stride=stride, padding=padding, dilation=1, groups=1,
                      bias=np.zeros(weight.shape[0], np.float32))


def pool_node(size):
    return nir.SumPool2d(kernel_size=np.array([size, size]), stride=np.array([size, size]), padding=np.array([0, 0]))


def readout_nodes(feature_map, w1, wout):
    """The end both networks share: Flatten -> Affine(6) -> LIF(6) -> Linear(4x6) -> LI(4) -> Output(4)."""
    return {
        "flat": nir.Flatten(input_type=np.array(feature_map), start_dim=0, end_dim=-1),
        "fc": nir.Affine(weight=w1, bias=np.zeros(6, np.float32)),
        "lif_fc": lif_node(6, 0.8, 0.75),
        "fc_out": nir.Linear(weight=wout),
        "li": li_node(4, 0.85),
        "out": nir.Output(output_type=np.array([4])),
    }


READOUT_EDGES = [("flat", "fc"), ("fc", "lif_fc"), ("lif_fc", "fc_out"), ("fc_out", "li"), ("li", "out")]


def beta_of(node):
    return np.float32(1.0 - DT / np.float64(node.tau.reshape(-1)[0]))


def lif(currents, node):
    beta = beta_of(node)
    theta = np.float32(node.v_threshold.reshape(-1)[0])
    v = np.zeros(currents.shape[1:], np.float32)
    spikes = np.zeros(currents.shape, np.float32)
    for t in range(T):
        s = (v > theta).astype(np.float32)
        spikes[t] = s
        v = beta * v + currents[t] - theta * s
    return spikes


def conv2d(x, node):
    k = node.weight
    side = k.shape[2]
    stride = int(node.stride[0])
    if isinstance(node.padding, str):
        total = 0 if node.padding == "valid" else int(node.dilation[0]) * (side - 1)
        before, after = total // 2, total - total // 2
    else:
        before = after = int(node.padding[0])
    padded = np.pad(x, ((0, 0), (0, 0), (before, after), (before, after)))
    out_h = (padded.shape[2] - side) // stride + 1
    out_w = (padded.shape[3] - side) // stride + 1
    out = np.zeros((x.shape[0], k.shape[0], out_h, out_w), np.float32)
    for y in range(out_h):
        for xx in range(out_w):
            patch = padded[:, :, y * stride:y * stride + side, xx * stride:xx * stride + side]
            out[:, :, y, xx] = np.einsum("tcij,ocij->to", patch, k).astype(np.float32)
    return out


def sum_pool(s, size):
    h, w = s.shape[2] // size, s.shape[3] // size
    cut = s[:, :, :h * size, :w * size]
    return cut.reshape(s.shape[0], s.shape[1], h, size, w, size).sum(axis=(3, 5))


def run(g, x):
    """The chain of g from its input to its output on x (T, C, H, W); per LIF node its spike rate."""
    following = dict(g.edges)
    name, value, rates, trace = following["in"], x, [], None
    while name != "out":
        node = g.nodes[name]
        if isinstance(node, nir.Conv2d):
            value = conv2d(value, node)
        elif isinstance(node, (nir.Affine, nir.Linear)):
            value = np.stack([node.weight @ value[t] for t in range(T)]).astype(np.float32)
        elif isinstance(node, nir.LIF):
            value = lif(value, node)
            rates.append(float(value.mean()))
        elif isinstance(node, nir.SumPool2d):
            value = sum_pool(value, int(node.kernel_size[0]))
        elif isinstance(node, nir.Flatten):
            value = value.reshape(T, -1)
        elif isinstance(node, nir.LI):
            beta_r = beta_of(node)
            y = np.zeros(value.shape[1], np.float32)
            trace = np.zeros(value.shape, np.float32)
            for t in range(T):
                trace[t] = y
                y = beta_r * y + (np.float32(1) - beta_r) * value[t]
        name = following[name]
    return trace.max(axis=0), trace.sum(axis=0, dtype=np.float64), rates


def write_fixture(name, graph, without_input_shape=()):
    nir.write(name + ".nir", graph)
    # Read back what was written, so the outputs use the stored (float32) values.
    g = nir.read(name + ".nir")
    with h5py.File(name + ".nir", "r+") as f:
        for conv in without_input_shape:
            del f["node/nodes/" + conv + "/input_shape"]
            # The package's node reader for files without it (nir.read's own wants it back from the graph).
            assert nir.serialization.read_node(f["node/nodes/" + conv]).input_shape is None
    with open(name + ".txt", "w") as f:
        f.write("# written by make_conv_reference_fixture.py: per sample, its input spikes (t:unit ...), "
                "then the max and the sum over time of each readout trace\n")
        f.write(f"steps {T} inputs {C * H * W} outputs 4 samples {SAMPLES}\n")
        for b in range(SAMPLES):
            x = (rng.random((T, C, H, W)) < 0.2).astype(np.float32)
            peak, total, rates = run(g, x)
            print(f"{name} sample {b}: spikes per neuron and step, LIF node by node: "
                  + ", ".join(f"{r:.3f}" for r in rates))
            units = x.reshape(T, -1)
            f.write("spikes " + " ".join(f"{t}:{i}" for t in range(T) for i in range(C * H * W) if units[t, i]) + "\n")
            f.write("max " + " ".join(repr(float(v)) for v in peak) + "\n")
            f.write("sum " + " ".join(repr(float(v)) for v in total) + "\n")


kernel = rng.uniform(-0.5, 0.6, (3, C, 3, 3)).astype(np.float32)
w1 = rng.uniform(-0.5, 0.5, (6, 12)).astype(np.float32)
wout = rng.uniform(-1.0, 1.0, (4, 6)).astype(np.float32)
write_fixture("reference_conv", nir.NIRGraph(
    nodes={
        "in": nir.Input(input_type=np.array([C, H, W])),
        "conv": conv_node(kernel, 2, 1, (H, W)),
        "lif_conv": lif_node((3, 5, 5), 0.9, 1.0),
        "pool": pool_node(2),
        **readout_nodes((3, 2, 2), w1, wout),
    },
    edges=[("in", "conv"), ("conv", "lif_conv"), ("lif_conv", "pool"), ("pool", "flat")] + READOUT_EDGES,
))

same = rng.uniform(-0.4, 0.6, (4, C, 3, 3)).astype(np.float32)
valid = rng.uniform(-0.3, 0.5, (3, 4, 3, 3)).astype(np.float32)
w1 = rng.uniform(-0.5, 0.6, (6, 27)).astype(np.float32)
wout = rng.uniform(-1.0, 1.0, (4, 6)).astype(np.float32)
padding_graph = nir.NIRGraph(
    nodes={
        "in": nir.Input(input_type=np.array([C, H, W])),
        "conv_same": conv_node(same, 1, "same", None),
        "lif_same": lif_node((4, 10, 10), 0.9, 1.0),
        "pool": pool_node(2),
        "conv_valid": conv_node(valid, 1, "valid", None),
        "lif_valid": lif_node((3, 3, 3), 0.85, 1.0),
        **readout_nodes((3, 3, 3), w1, wout),
    },
    edges=[("in", "conv_same"), ("conv_same", "lif_same"), ("lif_same", "pool"), ("pool", "conv_valid"),
           ("conv_valid", "lif_valid"), ("lif_valid", "flat")] + READOUT_EDGES,
)
write_fixture("reference_conv_padding", padding_graph, without_input_shape=("conv_same", "conv_valid"))
