#!/usr/bin/python3
"""Writes the SHD test fixtures: small HDF5 files in the layout of the official shd_train.h5 /
shd_test.h5 (Cramer et al. 2020), and broken variants of it.

Run in this folder with Debian's Python (python3-h5py, python3-numpy):
    /usr/bin/python3 make_fixtures.py

Official layout: /spikes/times and /spikes/units are 1-D datasets of variable-length arrays (one
per sample; times in seconds as float16, units as uint16, 0..699), /labels is uint16 (0..19), and
/extra holds metadata (speaker, keys) the loader ignores. ShdReaderTest asserts the values below.
"""
import h5py
import numpy as np

F16 = h5py.vlen_dtype(np.dtype("float16"))
U16 = h5py.vlen_dtype(np.dtype("uint16"))

# (times in s, units, label). With dt = 2 ms, T = 500 (the paper's setting):
SAMPLES = [
    # t=0 -> step 0; 0.0049 -> 2.45 -> step 2; 0.005 (float16 0.005001) -> 2.5 -> step 3
    ([0.0, 0.0049, 0.005], [0, 699, 10], 0),
    # two spikes of unit 5 in one bin (0.0100 and 0.0104 -> step 5) count once;
    # 0.998 -> step 499 kept; 0.999 -> 499.5 -> step 500 dropped; 1.2 dropped
    ([0.0100, 0.0104, 0.998, 0.999, 1.2], [5, 5, 6, 7, 8], 19),
    # an empty sample
    ([], [], 7),
    ([0.25, 0.5, 0.75], [100, 200, 300], 3),
]


def write(name, samples, times_dtype=F16, units_dtype=U16, labels_dtype="uint16", skip=(), extra=True, chunked=False):
    with h5py.File(name, "w") as f:
        spikes = f.create_group("spikes")
        n = len(samples)
        kwargs = dict(chunks=True, compression="gzip") if chunked else {}
        if "times" not in skip:
            times = spikes.create_dataset("times", (n,), dtype=times_dtype, **kwargs)
            for i, (t, _, _) in enumerate(samples):
                times[i] = np.asarray(t, dtype=times_dtype.metadata["vlen"])
        if "units" not in skip:
            units = spikes.create_dataset("units", (n,), dtype=units_dtype, **kwargs)
            for i, (_, u, _) in enumerate(samples):
                units[i] = np.asarray(u, dtype=units_dtype.metadata["vlen"])
        if "labels" not in skip:
            f.create_dataset("labels", data=np.asarray([s[2] for s in samples], dtype=labels_dtype))
        if extra:
            f.create_dataset("extra/speaker", data=np.arange(n, dtype="uint16"))
            f.create_dataset("extra/keys", data=[b"zero", b"one"] * 10)


write("shd_small.h5", SAMPLES)
write("shd_small_float32_chunked.h5", SAMPLES, times_dtype=h5py.vlen_dtype(np.dtype("float32")),
      units_dtype=h5py.vlen_dtype(np.dtype("int32")), labels_dtype="int64", chunked=True, extra=False)
write("shd_bad_unit.h5", SAMPLES[:1] + [([0.1, 0.2], [3, 700], 2)])
write("shd_bad_negative_time.h5", [([0.1, -0.001], [1, 2], 0)])
write("shd_bad_nan_time.h5", [([0.1], [1], 0), ([0.2, float("nan")], [1, 2], 0)],
      times_dtype=h5py.vlen_dtype(np.dtype("float32")))
write("shd_bad_label.h5", [([0.1], [1], 0), ([0.2], [1], 20)])
write("shd_bad_length.h5", [([0.1, 0.2, 0.3], [1, 2], 4)])
write("shd_bad_count.h5", SAMPLES[:2] + [([0.1], [1], 0)], skip=("labels",))
with h5py.File("shd_bad_count.h5", "a") as f:
    f.create_dataset("labels", data=np.asarray([0, 1], dtype="uint16"))
write("shd_bad_missing_units.h5", SAMPLES, skip=("units",))
write("shd_bad_missing_labels.h5", SAMPLES, skip=("labels",))
with h5py.File("shd_bad_units_not_ragged.h5", "w") as f:
    f.create_dataset("spikes/times", data=np.zeros((2, 3), dtype="float16"))
    f.create_dataset("spikes/units", data=np.zeros((2, 3), dtype="uint16"))
    f.create_dataset("labels", data=np.zeros(2, dtype="uint16"))
