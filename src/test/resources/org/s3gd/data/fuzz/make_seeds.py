#!/usr/bin/python3
"""Writes the seed inputs of ParsersFuzzTest (run in this folder with Debian's Python).

Each seed is one byte choosing the parser (0 IDX, 1 N-MNIST sample, 2 N-MNIST zip, 3 SHD HDF5)
followed by a valid file of that kind. The SHD file is ../shd/shd_small.h5, written by
../shd/make_fixtures.py with h5py.
"""
import gzip
import os
import struct
import zipfile
import io

OUT = "ParsersFuzzTestInputs/anyInputGivesSpikesOrADatasetException"


def event(x, y, p, t):
    return bytes([x, y, (p << 7) | ((t >> 16) & 0x7F), (t >> 8) & 0xFF, t & 0xFF])


def seed(name, parser, content):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes([parser]) + content)


os.makedirs(OUT, exist_ok=True)
# IDX: the fuzz test asks for 1 dimension when bit 1 of the file length is 0, else 3.
labels = struct.pack(">II", 0x801, 4) + bytes([1, 2, 3, 4])               # 12 bytes: 1 dimension
seed("labels.idx", 0, labels)
images = struct.pack(">IIII", 0x803, 1, 28, 28) + bytes(range(256)) * 3 + bytes(16)
packed = gzip.compress(images, mtime=0)
if len(packed) & 2 == 0:
    packed += b"\0" * 2  # trailing garbage after the gzip member is ignored by the reader's inflater
seed("images.idx.gz", 0, packed)

sample = event(3, 2, 0, 0) + event(3, 2, 1, 499) + event(33, 33, 1, 1500) + event(0, 0, 0, 299499)
seed("sample.bin", 1, sample)

buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("Train/4/00001.bin", sample)
    z.writestr("Train/7/00002.bin", sample[:10])
seed("two-samples.zip", 2, buffer.getvalue())

with open("../shd/shd_small.h5", "rb") as f:
    seed("shd_small.h5", 3, f.read())
