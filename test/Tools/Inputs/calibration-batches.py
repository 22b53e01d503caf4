"""Writes calibration batches for test/Tools/Inputs/quant-mlp.mlir.

usage: calibration-batches.py DIR [good|nan|wrong-shape|corrupt|empty]

`good` writes two 8x4 float32 batches whose values are known exactly: the
first is linspace(-1, 1), the second the same values times 0.5, so arg0's
range is [-1, 1] and its min-max threshold is 1.  The other kinds add one
broken batch after the good ones (or write nothing, for `empty`).
"""
import os
import sys

import numpy as np

out, kind = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
if kind != "empty":
    base = np.linspace(-1.0, 1.0, 32, dtype=np.float32).reshape(8, 4)
    np.save(os.path.join(out, "batch0.npy"), base)
    np.save(os.path.join(out, "batch1.npy"), base * np.float32(0.5))
if kind == "nan":
    bad = np.zeros((8, 4), np.float32)
    bad[3, 1] = np.nan
    np.save(os.path.join(out, "batch2.npy"), bad)
elif kind == "wrong-shape":
    np.save(os.path.join(out, "batch2.npy"), np.zeros((4, 8), np.float32))
elif kind == "corrupt":
    with open(os.path.join(out, "batch2.npy"), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00garbage")
