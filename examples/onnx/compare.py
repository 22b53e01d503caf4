#!/usr/bin/env python3
"""Compares a result with a reference, for docs/Tutorial.md.

  compare.py RESULT.npy REFERENCE.npy [--max-abs-error BOUND]

prints the shapes, the max abs error and the signal-to-noise ratio
10*log10(sum(ref^2) / sum((result - ref)^2)) in dB, then PASS, or FAIL and
exit status 1 when the shapes differ or the max abs error exceeds BOUND
(default 1e-4, float32 rounding for this model).
"""
import argparse
import math

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("result")
    ap.add_argument("reference")
    ap.add_argument("--max-abs-error", type=float, default=1e-4)
    a = ap.parse_args()
    got = np.load(a.result)
    want = np.load(a.reference)
    print("result %s %s, reference %s %s" % (
        got.dtype, "x".join(map(str, got.shape)), want.dtype,
        "x".join(map(str, want.shape))))
    if got.shape != want.shape:
        print("FAIL: shapes differ")
        raise SystemExit(1)
    g = got.astype(np.float64)
    r = want.astype(np.float64)
    err = np.abs(g - r).max()
    noise = np.sum((g - r) ** 2)
    snr = math.inf if noise == 0 else 10 * math.log10(np.sum(r ** 2) / noise)
    print("max abs error %.3g (bound %g)" % (err, a.max_abs_error))
    print("SNR %.1f dB" % snr)
    if not err <= a.max_abs_error:
        print("FAIL: max abs error %.3g > %g" % (err, a.max_abs_error))
        raise SystemExit(1)
    print("PASS")


if __name__ == "__main__":
    main()
