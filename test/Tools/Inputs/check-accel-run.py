#!/usr/bin/env python3
"""check-accel-run.py - checks an accel-run of Inputs/run-f32.mlir.

  check-accel-run.py DIR SUMMARY [SUMMARY...]

DIR holds the run's arg0.npy, arg1.npy and result0.npy. Checks that the
random inputs are float32 in [-1, 1) of the entry's shapes, that result0 is
relu(arg0 @ arg1) computed here in float64, and that the result0 line of each
SUMMARY (accel-run's stdout) states result0's sum and FNV-1a checksum.
"""
import re
import sys

import numpy as np


def fnv1a(data):
    h = 1469598103934665603
    for b in data:
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def main():
    out, summaries = sys.argv[1], sys.argv[2:]
    x = np.load(f"{out}/arg0.npy")
    w = np.load(f"{out}/arg1.npy")
    r = np.load(f"{out}/result0.npy")
    for name, a, shape in (("arg0", x, (4, 8)), ("arg1", w, (8, 3)),
                           ("result0", r, (4, 3))):
        assert a.dtype == np.float32, f"{name}: dtype {a.dtype}"
        assert a.shape == shape, f"{name}: shape {a.shape}"
    for name, a in (("arg0", x), ("arg1", w)):
        assert (a >= -1).all() and (a < 1).all(), f"{name} outside [-1, 1)"
        assert len(np.unique(a)) == a.size, f"{name} is not random"
    ref = np.maximum(x.astype(np.float64) @ w.astype(np.float64), 0)
    assert np.allclose(r, ref, rtol=1e-5, atol=1e-6), f"{r}\n!=\n{ref}"

    total = 0.0
    for v in r.reshape(-1):
        total += float(v)
    line = f"result0: 4x3 float32 sum={total:.9g} fnv1a=0x{fnv1a(r.tobytes()):016x}"
    for path in summaries:
        text = open(path).read()
        found = re.findall(r"result0: .*", text)
        assert found == [line], f"{path}: {found} != [{line!r}]"
    print("ok")


main()
