"""Writes reference_trainable.nir with the reference NIR package: a fully connected network that
s3gd can start training from (train --init-from), and, to reference_trainable.txt, its time
constants and weights as the package reads them back.

Run from this folder with the nir package on PYTHONPATH (Debian's python3-numpy and python3-h5py):

    PYTHONPATH=../../../../../../../shared/tools/nir-reference python3 make_trainable_reference_fixture.py

A run has thresholds of 1 and one tau_mem for all its hidden layers, so both LIF nodes have
v_threshold = 1, v_leak = v_reset = 0 and the same tau; r = tau/dt (input gain r*dt/tau = 1) and the
LI readout has r = 1, as NirMapping reads them. The time step is in the graph's 'dt' metadata; the
time constants are float64, so that beta = 1 - dt/tau reads back as the float32 beta it came from:
    Input(16) -> Linear(12x16) -> LIF(12) -> Linear(8x12) -> LIF(8) -> Linear(4x8) -> LI(4) -> Output(4)
16 inputs and 4 classes are a synthetic task's (its 'inputs' and 'classes'); the weights are float32
from a seeded generator, large enough that the hidden layers spike on that task.

The text file lists beta of the LIF nodes and of the LI node (float32, as 1 - dt/tau), then each
Linear node's weight (outputs x inputs, row by row) as the exact doubles its float32 values are.
"""
import numpy as np

import nir

DT = 1e-3
BETA = np.float32(0.95)
BETA_READOUT = np.float32(0.9)
rng = np.random.default_rng(20261201)


def lif_node(n):
    tau = np.full(n, DT / (1 - np.float64(BETA)))
    return nir.LIF(tau=tau, r=tau / DT, v_leak=np.zeros(n), v_threshold=np.ones(n), v_reset=np.zeros(n))


w1 = rng.uniform(-0.2, 0.8, (12, 16)).astype(np.float32)
w2 = rng.uniform(-0.3, 0.9, (8, 12)).astype(np.float32)
wout = rng.uniform(-1.0, 1.0, (4, 8)).astype(np.float32)
graph = nir.NIRGraph(
    nodes={
        "in": nir.Input(input_type=np.array([16])),
        "fc1": nir.Linear(weight=w1),
        "lif1": lif_node(12),
        "fc2": nir.Linear(weight=w2),
        "lif2": lif_node(8),
        "fc3": nir.Linear(weight=wout),
        "li": nir.LI(tau=np.full(4, DT / (1 - np.float64(BETA_READOUT))), r=np.ones(4), v_leak=np.zeros(4)),
        "out": nir.Output(output_type=np.array([4])),
    },
    edges=[("in", "fc1"), ("fc1", "lif1"), ("lif1", "fc2"), ("fc2", "lif2"), ("lif2", "fc3"), ("fc3", "li"), ("li", "out")],
    metadata={"dt": DT},
)
nir.write("reference_trainable.nir", graph)

# Read back what was written: the weights and time constants as the file holds them.
g = nir.read("reference_trainable.nir")
dt = float(g.metadata["dt"])


def beta_of(node):
    return float(np.float32(1.0 - dt / np.float64(node.tau[0])))


with open("reference_trainable.txt", "w") as f:
    f.write("# written by make_trainable_reference_fixture.py: beta of the LIF and the LI nodes, then each Linear "
            "node's weight (outputs x inputs, row by row)\n")
    f.write(f"beta {beta_of(g.nodes['lif1'])!r} {beta_of(g.nodes['lif2'])!r} readout {beta_of(g.nodes['li'])!r}\n")
    for name in ("fc1", "fc2", "fc3"):
        w = g.nodes[name].weight
        f.write(f"{name} {w.shape[0]} {w.shape[1]} " + " ".join(repr(float(v)) for v in w.reshape(-1)) + "\n")
