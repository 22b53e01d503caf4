#!/usr/bin/env python3
"""Inputs and numpy references for the test/Simulator lit tests.

  sim-check.py gen <kind> <dir>        writes seeded inputs into <dir>
  sim-check.py check <kind> <dir> <out-dir> [report.json]
                                       compares <out-dir>/<output>.npy with
                                       numpy and prints report figures

The requantization reference is test/e2e/Inputs/reference.py (an
independent numpy model of docs/Numerics.md), not the simulator's code.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "e2e", "Inputs"))
import reference  # noqa: E402

BIAS = np.array([-500, -400, -300, -200, -100, 0, 100, 200, 300, 400, 500,
                 1000, 2000, -2000, 4000, -4000], np.int64)


def i8(rng, shape):
    return rng.integers(-128, 128, size=shape, dtype=np.int64).astype(np.int8)


def gen(kind, d):
    rng = np.random.default_rng(20240)
    if kind == "matmul":
        np.save(os.path.join(d, "A.npy"), i8(rng, (32, 32)))
        np.save(os.path.join(d, "B.npy"), i8(rng, (32, 32)))
    elif kind == "requant":
        np.save(os.path.join(d, "X.npy"), i8(rng, (16, 16)))
    elif kind == "maxpool":
        np.save(os.path.join(d, "X.npy"), i8(rng, (1, 8, 8, 16)))
    else:
        raise SystemExit("unknown kind " + kind)


def expect(kind, d):
    if kind == "matmul":
        a = np.load(os.path.join(d, "A.npy")).astype(np.int64)
        b = np.load(os.path.join(d, "B.npy")).astype(np.int64)
        return {"C": reference.wrap_int(a @ b).astype(np.int32)}
    if kind == "requant":
        x = np.load(os.path.join(d, "X.npy")).astype(np.int64)
        w = np.load(os.path.join(HERE, "requant-w.npy")).astype(np.int64)
        acc = reference.wrap_int(x @ w + BIAS)
        # relu on a quantized value clamps at the zero point.
        y = reference.requantize_values(acc, 0.0123, -3, -3, 127)
        return {"Y": y.astype(np.int8)}
    if kind == "maxpool":
        x = np.load(os.path.join(d, "X.npy"))
        y = x.reshape(1, 4, 2, 4, 2, 16).max(axis=(2, 4))
        return {"Y": y}
    raise SystemExit("unknown kind " + kind)


def check(kind, d, out, report=None):
    for name, want in expect(kind, d).items():
        got = np.load(os.path.join(out, name + ".npy"))
        if got.dtype != want.dtype or got.shape != want.shape:
            raise SystemExit("%s: got %s%s, expected %s%s" % (
                name, got.dtype, got.shape, want.dtype, want.shape))
        bad = np.argwhere(got != want)
        if bad.size:
            i = tuple(bad[0])
            raise SystemExit("%s: %d mismatches, first at %s: got %s, "
                             "expected %s" % (name, len(bad), i, got[i],
                                              want[i]))
        print("%s: %s %s exact" % (name, got.dtype, "x".join(
            map(str, got.shape))))
    if report:
        with open(report) as f:
            r = json.load(f)
        print("total_cycles=%d macs=%d utilization=%.6f" % (
            r["total_cycles"], r["macs"], r["utilization"]))
        print("busy load=%d systolic=%d alu=%d store=%d" % tuple(
            r["busy_cycles"][u] for u in ("load", "systolic", "alu",
                                          "store")))
        b = r["bytes"]
        print("bytes dram_read=%d dram_written=%d" % (b["dram_read"],
                                                      b["dram_written"]))


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], sys.argv[3])
    else:
        check(sys.argv[2], sys.argv[3], sys.argv[4],
              sys.argv[5] if len(sys.argv) > 5 else None)
