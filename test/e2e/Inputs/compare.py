"""Compares result<i>.npy across run directories: identical bytes, or with
--bf16 within the spacing of bf16 (2^-7 relative, plus 2^-7 of the largest
magnitude for sums that cancel), since f32 sums taken in another order may
round to the neighbouring bf16 value.  Exits non-zero on any mismatch."""
import argparse
import glob
import os
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bf16", action="store_true")
    parser.add_argument("reference")
    parser.add_argument("others", nargs="+")
    args = parser.parse_args()
    names = sorted(os.path.basename(p) for p in
                   glob.glob(os.path.join(args.reference, "result*.npy")))
    if not names:
        sys.exit(f"no results in {args.reference}")
    failed = False
    for other in args.others:
        for name in names:
            a = np.load(os.path.join(args.reference, name))
            b = np.load(os.path.join(other, name))
            if a.shape != b.shape or a.dtype != b.dtype:
                print(f"FAIL {other}/{name}: {b.dtype}{b.shape} vs "
                      f"{a.dtype}{a.shape}")
                failed = True
                continue
            if args.bf16:
                scale = float(np.max(np.abs(a))) if a.size else 0.0
                bound = 2.0 ** -7 * (np.abs(a) + scale)
                bad = np.abs(a.astype(np.float64) - b) > bound
            else:
                bad = a != b
            if np.any(bad):
                i = np.argwhere(bad)[0]
                print(f"FAIL {other}/{name}: {int(bad.sum())} of {a.size} "
                      f"differ, first at {tuple(i)}: {b[tuple(i)]} vs "
                      f"{a[tuple(i)]}")
                failed = True
            else:
                print(f"PASS {other}/{name}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
