"""Writes reference_conv.nir with the reference NIR package, and the outputs that s3gd's discrete
model gives for it, computed here with NumPy, to reference_conv.txt.

Run from this folder with the nir package on PYTHONPATH (Debian's python3-numpy and python3-h5py):

    PYTHONPATH=../../../../../../../shared/tools/nir-reference python3 make_conv_reference_fixture.py

The network, written as another NIR exporter would write it: no 'dt' metadata, LIF nodes with
r = tau/dt so that s3gd reads the time step off them, the convolution's stride and padding given
as single numbers (the package stores them as pairs), a zero bias, float32 arrays:
    Input(2x10x10) -> Conv2d(3x2x3x3, stride 2, padding 1) -> LIF(3x5x5) -> SumPool2d(2) -> Flatten
        -> Affine(6x12) -> LIF(6) -> Linear(4x6) -> LI(4) -> Output(4)
The sum pooling drops the fifth row and column of the 5x5 map, as PyTorch's pooling does.

The discrete model (ALGORITHM.md sections 1 and 8), with beta = 1 - dt/tau, per step t = 0 .. T-1:
    s[t] = v[t] > theta;  v[t+1] = beta*v[t] + I[t] - theta*s[t]           (each LIF node)
    I[t] = K * x[t] (cross-correlation, zero padding) or W x[t]            (its synapses)
    p[t] = the spike count of each 2x2 window of s[t]                       (SumPool2d)
    y[t+1] = beta_r*y[t] + (1 - beta_r) * Wout s[t]                          (the LI readout)
The file lists, per sample, the input spikes (unit (c*10 + y)*10 + x) and the max and the sum over
t of y[t], t = 0 .. T-1.
"""
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


kernel = rng.uniform(-0.5, 0.6, (3, C, 3, 3)).astype(np.float32)
w1 = rng.uniform(-0.5, 0.5, (6, 12)).astype(np.float32)
wout = rng.uniform(-1.0, 1.0, (4, 6)).astype(np.float32)
graph = nir.NIRGraph(
    nodes={
        "in": nir.Input(input_type=np.array([C, H, W])),
        "conv": nir.Conv2d(input_shape=(H, W), weight=kernel, stride=2, padding=1, dilation=1, groups=1,
                           bias=np.zeros(3, np.float32)),
        "lif_conv": lif_node((3, 5, 5), 0.9, 1.0),
        "pool": nir.SumPool2d(kernel_size=np.array([2, 2]), stride=np.array([2, 2]), padding=np.array([0, 0])),
        "flat": nir.Flatten(input_type=np.array([3, 2, 2]), start_dim=0, end_dim=-1),
        "fc": nir.Affine(weight=w1, bias=np.zeros(6, np.float32)),
        "lif_fc": lif_node(6, 0.8, 0.75),
        "fc_out": nir.Linear(weight=wout),
        "li": nir.LI(tau=np.full(4, DT / (1 - 0.85), np.float32), r=np.ones(4, np.float32), v_leak=np.zeros(4, np.float32)),
        "out": nir.Output(output_type=np.array([4])),
    },
    edges=[("in", "conv"), ("conv", "lif_conv"), ("lif_conv", "pool"), ("pool", "flat"), ("flat", "fc"),
           ("fc", "lif_fc"), ("lif_fc", "fc_out"), ("fc_out", "li"), ("li", "out")],
)
nir.write("reference_conv.nir", graph)

# Read back what was written, so the outputs use the stored (float32) values.
g = nir.read("reference_conv.nir")


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
    stride, padding = int(node.stride[0]), int(node.padding[0])
    side = k.shape[2]
    padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out_h = (x.shape[2] + 2 * padding - side) // stride + 1
    out_w = (x.shape[3] + 2 * padding - side) // stride + 1
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


def run(x):
    spikes = lif(conv2d(x, g.nodes["conv"]), g.nodes["lif_conv"])
    flat = sum_pool(spikes, int(g.nodes["pool"].kernel_size[0])).reshape(T, -1)
    hidden = lif((flat @ g.nodes["fc"].weight.T).astype(np.float32), g.nodes["lif_fc"])
    beta_r = beta_of(g.nodes["li"])
    y = np.zeros(4, np.float32)
    trace = np.zeros((T, 4), np.float32)
    for t in range(T):
        trace[t] = y
        y = beta_r * y + (np.float32(1) - beta_r) * (g.nodes["fc_out"].weight @ hidden[t]).astype(np.float32)
    return trace.max(axis=0), trace.sum(axis=0, dtype=np.float64), spikes.mean(), hidden.mean()


with open("reference_conv.txt", "w") as f:
    f.write("# written by make_conv_reference_fixture.py: per sample, its input spikes (t:unit ...), "
            "then the max and the sum over time of each readout trace\n")
    f.write(f"steps {T} inputs {C * H * W} outputs 4 samples {SAMPLES}\n")
    for b in range(SAMPLES):
        x = (rng.random((T, C, H, W)) < 0.2).astype(np.float32)
        peak, total, conv_rate, fc_rate = run(x)
        print(f"sample {b}: conv layer spikes {conv_rate:.3f}, fully connected layer {fc_rate:.3f} per neuron and step")
        units = x.reshape(T, -1)
        f.write("spikes " + " ".join(f"{t}:{i}" for t in range(T) for i in range(C * H * W) if units[t, i]) + "\n")
        f.write("max " + " ".join(repr(float(v)) for v in peak) + "\n")
        f.write("sum " + " ".join(repr(float(v)) for v in total) + "\n")
