"""Reads a NIR file with the reference package's nir.read (type checking on) and prints the graph as JSON.

Used by NirFilesTest and NirConvExportTest through NirReference: python3 read_with_nir.py FILE,
with the nir package on PYTHONPATH. Every numeric field is printed as its shape, dtype and values
(float32 values as the exact doubles they are), every metadata entry as it was read, and the edges.
"""
import json
import sys

import numpy as np

import nir


def field(value):
    if isinstance(value, np.ndarray):
        return {"shape": list(value.shape), "dtype": str(value.dtype),
                "values": [float(v) for v in value.reshape(-1)]}
    if isinstance(value, (np.generic, int, float)):
        return float(value)
    return str(value)


graph = nir.read(sys.argv[1])
nodes = {}
for name, node in graph.nodes.items():
    entry = {"type": type(node).__name__, "fields": {}, "metadata": {}}
    for key, value in node.to_dict().items():
        if key in ("type", "metadata"):
            continue
        entry["fields"][key] = field(value)
    for key, value in (node.metadata or {}).items():
        entry["metadata"][key] = field(value)
    nodes[name] = entry
print(json.dumps({
    "version": nir.serialization.read_version(sys.argv[1]),
    "nodes": nodes,
    "edges": [list(e) for e in graph.edges],
    "metadata": {k: field(v) for k, v in (graph.metadata or {}).items()},
}))
