#!/usr/bin/env python3
"""Evaluates the digits models of train.py with accel-run: float32 on the
CPU, and int8 post-training quantization for each calibration method on
each target.

  /usr/bin/python3 examples/digits/evaluate.py --bin BUILD/bin --data DIR
      [--methods minmax,percentile,entropy,mse] [--targets cpu,int8-16x16]
      [--scheme symmetric|asymmetric] [--markdown OUT.md]
      [--require-within POINTS] [--work-dir DIR]

DIR is train.py's --out directory.  For each model (mlp, cnn) it runs

  accel-run DIR/M.mlir --target=cpu --input=X --output-dir=OUT
  accel-run DIR/M.mlir --target=T --quantize=METHOD --calibration-dir=DIR/calib/M
            [--quant-scheme=S] --input=X --output-dir=OUT

(X is DIR/test_x.npy for the MLP, DIR/test_x_nhwc.npy for the CNN), takes
accuracy = mean(argmax(result0) == DIR/test_y.npy) in percent and prints a
markdown table (rows model x method, columns fp32 cpu and int8 per target,
plus the int8 - fp32 difference per target), then the `placement:` and
`accelerator:` lines accel-run printed for the runs on accelerator targets.

Exit status: 0 when every run succeeded; 1 when a run failed (its command
and output are printed) or, with --require-within POINTS, when int8
`entropy` is more than POINTS below fp32 on any target for either model.
"""
import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time

import numpy as np

MODELS = [  # name, model file, test input, calibration directory
    ("mlp", "mlp.mlir", "test_x.npy", os.path.join("calib", "mlp")),
    ("cnn", "cnn.mlir", "test_x_nhwc.npy", os.path.join("calib", "cnn")),
]


class RunFailed(Exception):
    pass


def run(cmd, outdir, n_expected):
    """Runs accel-run; returns (logits [N, 10], stdout lines)."""
    os.makedirs(outdir, exist_ok=True)
    t0 = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.time() - t0
    if r.returncode != 0:
        raise RunFailed(f"exit status {r.returncode}", cmd, r.stdout + r.stderr)
    path = os.path.join(outdir, "result0.npy")
    if not os.path.exists(path):
        raise RunFailed(f"no {path}", cmd, r.stdout + r.stderr)
    out = np.load(path)
    if out.ndim < 2 or out.shape[0] != n_expected or out.size != n_expected * 10:
        raise RunFailed(f"result0 has shape {out.shape}, expected "
                        f"[{n_expected}, ..., 10]", cmd, r.stdout + r.stderr)
    print(f"  ok ({dt:.1f} s): {shlex.join(cmd)}", flush=True)
    return out.reshape(n_expected, 10).astype(np.float64), \
        (r.stdout + r.stderr).splitlines()


def accuracy(logits, y):
    return round(100.0 * float(np.mean(np.argmax(logits, axis=1) == y)), 2)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="BUILD/bin holding accel-run")
    ap.add_argument("--data", required=True, help="train.py's --out directory")
    ap.add_argument("--methods", default="minmax,percentile,entropy,mse",
                    help="comma-separated calibration methods (--quantize=)")
    ap.add_argument("--targets", default="cpu,int8-16x16",
                    help="comma-separated targets for the int8 runs")
    ap.add_argument("--scheme", choices=["symmetric", "asymmetric"],
                    help="passed to the int8 runs as --quant-scheme=")
    ap.add_argument("--auto-cast", default="",
                    help="comma-separated TARGET:PRECISION pairs, e.g. "
                    "bf16-128x128:bf16: also run the f32 model on TARGET "
                    "with --auto-cast=PRECISION (mixed precision, no "
                    "calibration)")
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--require-within", type=float, metavar="POINTS",
                    help="exit 1 if int8 entropy is more than POINTS "
                    "percentage points below fp32 on any target")
    ap.add_argument("--work-dir", help="keep the runs' outputs here "
                    "(default: a temporary directory)")
    args = ap.parse_args()

    methods = [m for m in args.methods.split(",") if m]
    casts = [tuple(c.split(":", 1)) for c in args.auto_cast.split(",") if c]
    if any(len(c) != 2 for c in casts):
        ap.error("--auto-cast takes TARGET:PRECISION pairs")
    targets = [t for t in args.targets.split(",") if t]
    if args.require_within is not None and "entropy" not in methods:
        ap.error("--require-within needs 'entropy' in --methods")
    exe = os.path.join(args.bin, "accel-run")
    if not os.access(exe, os.X_OK):
        ap.error(f"{exe} is not an executable")
    data = args.data
    y = np.load(os.path.join(data, "test_y.npy"))
    for _, model, inp, calib in MODELS:
        for p in (model, inp, calib):
            if not os.path.exists(os.path.join(data, p)):
                ap.error(f"{os.path.join(data, p)} does not exist "
                         "(run train.py --out DIR first)")

    tmp = None
    work = args.work_dir
    if work is None:
        tmp = tempfile.TemporaryDirectory(prefix="digits-eval-")
        work = tmp.name

    acc = {}          # (model, method or None, target) -> accuracy or None
    accel_lines = []  # (model, method, target, [lines])
    failures = []

    def attempt(key, cmd, outdir):
        try:
            logits, lines = run(cmd, outdir, len(y))
        except RunFailed as e:
            what, cmd, output = e.args
            print(f"FAILED ({what}): {shlex.join(cmd)}", file=sys.stderr)
            if output.strip():
                print("  " + "\n  ".join(output.strip().splitlines()[-20:]),
                      file=sys.stderr)
            failures.append(shlex.join(cmd))
            acc[key] = None
            return None
        acc[key] = accuracy(logits, y)
        return lines

    for name, model, inp, calib in MODELS:
        mpath, ipath = os.path.join(data, model), os.path.join(data, inp)
        print(f"{name}:", flush=True)
        attempt((name, None, "cpu"),
                [exe, mpath, "--target=cpu", f"--input={ipath}",
                 f"--output-dir={os.path.join(work, name, 'fp32-cpu')}"],
                os.path.join(work, name, "fp32-cpu"))
        for target, precision in casts:
            outdir = os.path.join(work, name, f"{precision}-{target}")
            lines = attempt((name, precision, target),
                            [exe, mpath, f"--target={target}",
                             f"--auto-cast={precision}", f"--input={ipath}",
                             f"--output-dir={outdir}"], outdir)
            if lines is not None:
                accel_lines.append((name, precision, target, [
                    ln for ln in lines
                    if ln.startswith(("placement:", "accelerator:"))]))
        for method in methods:
            for target in targets:
                outdir = os.path.join(work, name, f"int8-{method}-{target}")
                cmd = [exe, mpath, f"--target={target}",
                       f"--quantize={method}",
                       f"--calibration-dir={os.path.join(data, calib)}"]
                if args.scheme:
                    cmd.append(f"--quant-scheme={args.scheme}")
                cmd += [f"--input={ipath}", f"--output-dir={outdir}"]
                lines = attempt((name, method, target), cmd, outdir)
                if lines is not None and target != "cpu":
                    accel_lines.append((name, method, target, [
                        ln for ln in lines
                        if ln.startswith(("placement:", "accelerator:"))]))

    # The table.
    def cell(v):
        return "FAIL" if v is None else f"{v:.2f}"

    def delta(v, ref):
        return "" if v is None or ref is None else f"{v - ref:+.2f}"

    head = ["model", "method", "fp32 cpu"] + [f"int8 {t}" for t in targets] + \
        [f"Δ vs fp32 ({t})" for t in targets]
    rows = []
    for name, *_ in MODELS:
        ref = acc[(name, None, "cpu")]
        if not methods:
            rows.append([name, "-", cell(ref)] + [""] * (2 * len(targets)))
        for method in methods:
            vals = [acc[(name, method, t)] for t in targets]
            rows.append([name, method, cell(ref)] + [cell(v) for v in vals] +
                        [delta(v, ref) for v in vals])
    table = ["| " + " | ".join(head) + " |",
             "|" + "|".join(["---"] * 2 + ["---:"] * (len(head) - 2)) + "|"]
    table += ["| " + " | ".join(r) + " |" for r in rows]
    scheme = f", --quant-scheme={args.scheme}" if args.scheme else ""
    text = [f"Test accuracy (%) on the {len(y)} digits test samples "
            f"(int8: post-training quantization{scheme}):", ""] + table
    if casts:
        head = ["model", "fp32 cpu"] + [f"{p} auto-cast {t}" for t, p in casts]
        text += ["", "Mixed precision (f32 model, --auto-cast, f32 "
                 "accumulation):", "",
                 "| " + " | ".join(head) + " |",
                 "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
        for name, *_ in MODELS:
            ref = acc[(name, None, "cpu")]
            text.append("| " + " | ".join(
                [name, cell(ref)] + [cell(acc[(name, p, t)])
                                     for t, p in casts]) + " |")

    if accel_lines:
        text += ["", "Accelerator runs:", "", "```"]
        for name, method, target, lines in accel_lines:
            text.append(f"{name} {method} --target={target}:")
            if not any(ln.startswith("accelerator:") for ln in lines):
                lines = lines + ["(no accelerator: line; nothing was launched "
                                 "on the accelerator)"]
            text += ["  " + ln for ln in lines]
        text.append("```")
    print()
    print("\n".join(text))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("\n".join(text) + "\n")

    status = 0
    if failures:
        print(f"\n{len(failures)} run(s) failed:", file=sys.stderr)
        for c in failures:
            print(f"  {c}", file=sys.stderr)
        status = 1
    if args.require_within is not None:
        for name, *_ in MODELS:
            ref = acc[(name, None, "cpu")]
            for t in targets:
                v = acc[(name, "entropy", t)]
                if ref is not None and v is not None and \
                        v < ref - args.require_within:
                    print(f"{name}: int8 entropy on {t} is {v:.2f}%, more than "
                          f"{args.require_within:g} points below fp32 "
                          f"({ref:.2f}%)", file=sys.stderr)
                    status = 1
    if tmp is not None:
        tmp.cleanup()
    return status


if __name__ == "__main__":
    sys.exit(main())
