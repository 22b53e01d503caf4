"""Checks accel-run results against a numpy expression of its inputs.

    np_check.py DIR EXPR [--rtol R] [--atol A]

EXPR is evaluated with `np` and `arg0`, `arg1`, ... (DIR/arg<i>.npy, as
accel-run writes them for --seed runs) and must equal DIR/result0.npy: dtype
and shape exactly, values within rtol/atol (exact when both are 0).
Prints PASS or the first mismatches and exits 1.
"""
import argparse
import glob
import os
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("expr")
    parser.add_argument("--rtol", type=float, default=0.0)
    parser.add_argument("--atol", type=float, default=0.0)
    args = parser.parse_args()
    env = {"np": np}
    for path in sorted(glob.glob(os.path.join(args.dir, "arg*.npy"))):
        env[os.path.basename(path)[:-4]] = np.load(path)
    expected = np.asarray(eval(args.expr, env))
    got = np.load(os.path.join(args.dir, "result0.npy"))
    if got.dtype != expected.dtype or got.shape != expected.shape:
        print(f"FAIL: expected {expected.dtype} {expected.shape}, "
              f"found {got.dtype} {got.shape}")
        return 1
    ok = np.isclose(got, expected, rtol=args.rtol, atol=args.atol)
    if not ok.all():
        bad = np.argwhere(~ok)[:5]
        for index in bad:
            index = tuple(index)
            print(f"FAIL at {index}: expected {expected[index]}, "
                  f"found {got[index]}")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
