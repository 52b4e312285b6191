"""Writes reference_feedforward.nir with the reference NIR package, and the outputs that s3gd's
discrete model gives for it, computed here with NumPy, to reference_feedforward.txt.

Run from this folder with the nir package on PYTHONPATH (Debian's python3-numpy and python3-h5py):

    PYTHONPATH=../../../../../../../shared/tools/nir-reference python3 make_reference_fixture.py

The network, written as another NIR exporter (snnTorch's convention) would write it: no 'dt'
metadata, LIF nodes with r = tau/dt so that s3gd reads the time step off them, the first layer's
synapses an Affine with a zero bias, float32 arrays:
    Input(12) -> Affine(8x12) -> LIF(8) -> Linear(6x8) -> LIF(6) -> Linear(3x6) -> LI(3) -> Output(3)

The discrete model (ALGORITHM.md section 1), with beta = 1 - dt/tau, per step t = 0 .. T-1:
    s[t] = v[t] > theta;  v[t+1] = beta*v[t] + W x[t] - theta*s[t]         (each LIF layer)
    y[t+1] = beta_r*y[t] + (1 - beta_r) * Wout s[t]                          (the LI readout)
The file lists, per sample, the input spikes and the max and the sum over t of y[t], t = 0 .. T-1.
"""
import numpy as np

import nir

DT = 0.5e-3
T = 40
SAMPLES = 4
rng = np.random.default_rng(20261125)


def lif_node(n, beta, theta):
    tau = np.full(n, DT / (1 - beta), dtype=np.float32)
    return nir.LIF(tau=tau, r=(tau / np.float32(DT)).astype(np.float32), v_leak=np.zeros(n, np.float32),
                   v_threshold=np.full(n, theta, np.float32), v_reset=np.zeros(n, np.float32))


w1 = rng.uniform(-0.6, 0.9, (8, 12)).astype(np.float32)
w2 = rng.uniform(-0.5, 1.0, (6, 8)).astype(np.float32)
wout = rng.uniform(-1.0, 1.0, (3, 6)).astype(np.float32)
graph = nir.NIRGraph(
    nodes={
        "in": nir.Input(input_type=np.array([12])),
        "fc1": nir.Affine(weight=w1, bias=np.zeros(8, np.float32)),
        "lif1": lif_node(8, 0.9, 1.0),
        "fc2": nir.Linear(weight=w2),
        "lif2": lif_node(6, 0.8, 0.75),
        "fc3": nir.Linear(weight=wout),
        "li": nir.LI(tau=np.full(3, DT / (1 - 0.85), np.float32), r=np.ones(3, np.float32), v_leak=np.zeros(3, np.float32)),
        "out": nir.Output(output_type=np.array([3])),
    },
    edges=[("in", "fc1"), ("fc1", "lif1"), ("lif1", "fc2"), ("fc2", "lif2"), ("lif2", "fc3"), ("fc3", "li"), ("li", "out")],
)
nir.write("reference_feedforward.nir", graph)

# Read back what was written, so the outputs use the stored (float32) values.
g = nir.read("reference_feedforward.nir")


def beta_of(node):
    return np.float32(1.0 - DT / np.float64(node.tau[0]))


def run(x):
    spikes = x
    for syn, neu in (("fc1", "lif1"), ("fc2", "lif2")):
        w = g.nodes[syn].weight
        beta = beta_of(g.nodes[neu])
        theta = np.float32(g.nodes[neu].v_threshold[0])
        v = np.zeros(w.shape[0], np.float32)
        out = np.zeros((T, w.shape[0]), np.float32)
        for t in range(T):
            s = (v > theta).astype(np.float32)
            out[t] = s
            v = beta * v + (w @ spikes[t]).astype(np.float32) - theta * s
        spikes = out
    wo = g.nodes["fc3"].weight
    beta_r = beta_of(g.nodes["li"])
    y = np.zeros(wo.shape[0], np.float32)
    trace = np.zeros((T, wo.shape[0]), np.float32)
    for t in range(T):
        trace[t] = y
        y = beta_r * y + (np.float32(1) - beta_r) * (wo @ spikes[t]).astype(np.float32)
    return trace.max(axis=0), trace.sum(axis=0, dtype=np.float64)


with open("reference_feedforward.txt", "w") as f:
    f.write("# written by make_reference_fixture.py: per sample, its input spikes (t:unit ...), "
            "then the max and the sum over time of each readout trace\n")
    f.write(f"steps {T} inputs 12 outputs 3 samples {SAMPLES}\n")
    for b in range(SAMPLES):
        x = (rng.random((T, 12)) < 0.35).astype(np.float32)
        peak, total = run(x)
        f.write("spikes " + " ".join(f"{t}:{i}" for t in range(T) for i in range(12) if x[t, i]) + "\n")
        f.write("max " + " ".join(repr(float(v)) for v in peak) + "\n")
        f.write("sum " + " ".join(repr(float(v)) for v in total) + "\n")
