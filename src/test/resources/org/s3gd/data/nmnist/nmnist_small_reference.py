#!/usr/bin/python3
"""Independent decoding of the shared N-MNIST subset, the reference NmnistRealDataTest compares to.

Run from this folder with Debian's Python (numpy):
    /usr/bin/python3 nmnist_small_reference.py ../../../../../../../../shared/data/nmnist-small

Writes nmnist-small-reference.csv: one row per sample in zip entry order with
split, entry, label, events, spikes (T=300, dt=1 ms, polarities merged), key_sum (sum of
step*1156+unit over those spikes), spikes_polar (polarities kept: unit = p*1156 + y*34 + x).
Binning: step = floor((t_us + 500) / 1000) (round half up), steps >= 300 dropped, duplicates merged.
"""
import csv
import sys
import zipfile

import numpy as np

T, DT_US, SIDE = 300, 1000, 34


def decode(raw):
    b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 5).astype(np.int64)
    x, y = b[:, 0], b[:, 1]
    p = b[:, 2] >> 7
    t = ((b[:, 2] & 0x7F) << 16) | (b[:, 3] << 8) | b[:, 4]
    return x, y, p, t


def binned(x, y, p, t, polar):
    step = (t + DT_US // 2) // DT_US
    unit = y * SIDE + x + (p * SIDE * SIDE if polar else 0)
    keep = step < T
    units = SIDE * SIDE * (2 if polar else 1)
    keys = np.unique(step[keep] * units + unit[keep])
    return keys


def main(folder):
    with open("nmnist-small-reference.csv", "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["split", "entry", "label", "events", "spikes", "key_sum", "spikes_polar"])
        for split in ("Train", "Test"):
            with zipfile.ZipFile(f"{folder}/{split}.zip") as z:
                for info in z.infolist():
                    if info.is_dir():
                        continue
                    x, y, p, t = decode(z.read(info))
                    merged = binned(x, y, p, t, False)
                    polar = binned(x, y, p, t, True)
                    label = int(info.filename.split("/")[1])
                    w.writerow([split, info.filename, label, len(t), len(merged), int(merged.sum()), len(polar)])


if __name__ == "__main__":
    main(sys.argv[1])
