"""The PyTorch peer of `s3gd bench --experiment peer`: one training step of the network s3gd trains,
written as an snnTorch or Norse user writes it — a time loop over `unbind`, surrogate spike
function, autograd for the whole dense BPTT, Adam — timed on this machine.

The model is ALGORITHM.md §1 exactly (the one make_dense_reference.py checks s3gd against):
v[t+1] = β·v[t] + x[t]·W − s[t] (reset detached), s[t] = H(v[t] − θ) with the SuperSpike
surrogate of scale 100, a leaky readout with (1 − β_r) scaling, max or sum over time, softmax
cross-entropy plus the activity regularisers. Input spikes are Bernoulli at the given rate.

It prints one JSON object: the torch version, the threads, each timed step in milliseconds, their
median, and the process's peak resident set size in bytes. Needs Debian's python3-torch.
"""

import argparse
import json
import resource
import time

import torch

THETA = 1.0
SCALE = 100.0


class SpikeFunction(torch.autograd.Function):
    """H(v − θ) forward, the SuperSpike surrogate 1 / (scale·|v − θ| + 1)² backward."""

    @staticmethod
    def forward(ctx, v):
        ctx.save_for_backward(v)
        return (v > THETA).to(v.dtype)

    @staticmethod
    def backward(ctx, grad):
        (v,) = ctx.saved_tensors
        return grad / (SCALE * (v - THETA).abs() + 1.0) ** 2


class Network(torch.nn.Module):
    def __init__(self, inputs, hidden, outputs, beta, beta_readout, readout):
        super().__init__()
        sizes = [inputs] + hidden
        self.layers = torch.nn.ModuleList(
            torch.nn.Linear(sizes[k], sizes[k + 1], bias=False) for k in range(len(hidden)))
        self.readout = torch.nn.Linear(sizes[-1], outputs, bias=False)
        self.beta = beta
        self.beta_readout = beta_readout
        self.mode = readout
        for layer in list(self.layers) + [self.readout]:
            torch.nn.init.uniform_(layer.weight, -1 / layer.in_features ** 0.5, 1 / layer.in_features ** 0.5)

    def forward(self, x):
        batch = x.shape[0]
        v = [torch.zeros(batch, layer.out_features) for layer in self.layers]
        y = torch.zeros(batch, self.readout.out_features)
        spikes = [[] for _ in self.layers]
        traces = []
        for x_t in x.unbind(1):
            inp = x_t
            for k, layer in enumerate(self.layers):
                s = SpikeFunction.apply(v[k])
                spikes[k].append(s)
                v[k] = self.beta * v[k] + layer(inp) - THETA * s.detach()
                inp = s
            traces.append(y)
            y = self.beta_readout * y + (1 - self.beta_readout) * self.readout(inp)
        trace = torch.stack(traces, dim=1)
        logits = trace.max(dim=1).values if self.mode == "max" else trace.sum(dim=1)
        return logits, [torch.stack(s, dim=1) for s in spikes]


def regulariser(s, upper_strength, upper_rate, lower_strength, lower_rate):
    counts = s.sum(dim=1)
    upper = upper_strength * torch.relu(counts.mean(dim=1) - upper_rate)
    lower = lower_strength * (torch.relu(lower_rate - counts) ** 2).mean(dim=1)
    return (upper + lower).mean()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, required=True)
    parser.add_argument("--hidden", required=True)
    parser.add_argument("--outputs", type=int, required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--beta", type=float, required=True)
    parser.add_argument("--beta-readout", type=float, required=True)
    parser.add_argument("--readout", choices=["max", "sum"], required=True)
    parser.add_argument("--threshold", type=float, default=1.0)
    parser.add_argument("--surrogate-scale", type=float, default=100.0)
    parser.add_argument("--regularizer", default="0.06,1,100,0.001",
                        help="upper strength, upper rate, lower strength, lower rate")
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    global THETA, SCALE
    THETA = args.threshold
    SCALE = args.surrogate_scale
    reg = [float(x) for x in args.regularizer.split(",")]
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    hidden = [int(n) for n in args.hidden.split(",")]
    net = Network(args.inputs, hidden, args.outputs, args.beta, args.beta_readout, args.readout)
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.999))
    x = (torch.rand(args.batch, args.steps, args.inputs) < args.rate).float()
    labels = torch.randint(0, args.outputs, (args.batch,))
    times = []
    for step in range(args.warmup + args.repetitions):
        start = time.perf_counter()
        optimizer.zero_grad()
        logits, spikes = net(x)
        loss = torch.nn.functional.cross_entropy(logits, labels)
        for s in spikes:
            loss = loss + regulariser(s, *reg)
        loss.backward()
        optimizer.step()
        elapsed = (time.perf_counter() - start) * 1000
        if step >= args.warmup:
            times.append(elapsed)
    ordered = sorted(times)
    median = ordered[len(ordered) // 2] if len(ordered) % 2 else (ordered[len(ordered) // 2 - 1] + ordered[len(ordered) // 2]) / 2
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "step_ms": times,
        "median_ms": median,
        "peak_rss_bytes": peak_rss_bytes(),
    }))


def peak_rss_bytes():
    """The peak resident set of this process's own memory (VmHWM). Not getrusage's ru_maxrss: Linux
    carries that over exec from the process that started this one, and a JVM that spawns a child
    shares its memory with it until the exec, so ru_maxrss would report the bench's own peak."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


if __name__ == "__main__":
    main()
