#!/usr/bin/env python3
"""qat_check.py - checks accel-fold-qdq end to end (test/e2e/qat-qdq.mlir).

This file implements the reference for a QDQ ("quantization-aware
training") model folded by accel-fold-qdq: an exact numpy integer model of
the folded graph, built from docs/Numerics.md through reference.py, and the
comparison of the folded result with the QDQ graph computed in f32.

The weights, the bias and the quantized types are read from the model's
.mlir text; the structure of each entry function (which contraction, its
attributes, the activations) is described in CASES below.

  qat_check.py gen CASE DIR
      writes DIR/arg0.npy, the f32 input.
  qat_check.py check CASE MODEL.mlir FOLDED.mlir DIR
      DIR/qdq/result0.npy    the unfolded model on the cpu target,
      DIR/<run>/result0.npy  the folded model on any target (cpu, ...):
      every folded run must equal the integer model bit for bit and lie
      within one output step of the QDQ run; the folded clamps' bounds must
      quantize like the f32 clamps'.  Prints PASS or the mismatches.
"""

import ast
import os
import re
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402
from reference import F32, QType  # noqa: E402

# Entry function -> the QDQ chain it holds.  `x`, `w`, `out` name the type
# aliases of the quantized input, weights and output; `w_const`/`b_const`
# the SSA names of the raw i8 weight and f32 bias constants.
CASES = {
    "qat_fc": dict(op="matmul", attrs={}, shape=(6, 24), lo=-7.0, hi=7.0,
                   seed=11, x="qx", w="qw", out="qo", w_const="w",
                   b_const="b"),
    "qat_conv": dict(op="conv2d", attrs=dict(padding=(1, 1, 1, 1)),
                     shape=(1, 8, 8, 3), lo=-5.5, hi=5.5, seed=12, x="cx",
                     w="cw", out="co", w_const="f", b_const="b"),
}

# ===----------------------------------------------------------------------=== #
# Reading the model
# ===----------------------------------------------------------------------=== #


def parse_alias(text, name):
    """`!name = !quant.uniform<...>` (f32 expressed type) as a QType."""
    m = re.search(r"^!%s = !quant\.uniform<([iu]\d+):f32(?::(\d+))?, (.*)>$"
                  % re.escape(name), text, re.M)
    if not m:
        sys.exit("no quant type alias !%s in the model" % name)
    storage, axis, params = m.group(1), m.group(2), m.group(3)

    def param(p):
        scale, _, zp = p.strip().partition(":")
        return float(scale), int(zp or 0)

    if axis is None:
        return QType(storage, *param(params))
    pairs = [param(p) for p in params.strip("{}").split(",")]
    return QType(storage, [s for s, _ in pairs], [z for _, z in pairs],
                 axis=int(axis))


def function_text(text, name):
    """The text of `func.func @name` up to the next function (definitions
    only: a line that starts with `func.func`, not a comment naming it)."""
    start = re.search(r"^\s*func\.func @%s\(" % re.escape(name), text, re.M)
    if not start:
        sys.exit("no function @%s" % name)
    end = re.compile(r"^\s*func\.func @", re.M).search(text, start.end())
    return text[start.start():end.start() if end else len(text)]


def parse_constant(body, name):
    """`%name = arith.constant dense<...> : tensor<AxBx..xT>` as an array."""
    m = re.search(r"%%%s = arith\.constant dense<(.*?)> : tensor<([0-9x]+)x"
                  r"(i8|f32)>" % re.escape(name), body, re.S)
    if not m:
        sys.exit("no constant %%%s" % name)
    shape = tuple(int(d) for d in m.group(2).split("x"))
    dtype = np.int8 if m.group(3) == "i8" else np.float32
    values = np.array(ast.literal_eval(m.group(1)), dtype)
    return np.broadcast_to(values, shape).copy()


def parse_float(text):
    """An MLIR float attribute: decimal or the hexadecimal bit pattern."""
    if text.startswith("0x"):
        return struct.unpack(">d", bytes.fromhex(text[2:].rjust(16, "0")))[0]
    return float(text)


def parse_activations(body):
    """relu/clamp ops in order: ("relu",) or ("clamp", min, max)."""
    acts = []
    for m in re.finditer(r"accel\.(relu|clamp) %\w+(?: min (\S+) max (\S+))?",
                         body):
        if m.group(1) == "relu":
            acts.append(("relu",))
        else:
            acts.append(("clamp", parse_float(m.group(2)),
                         parse_float(m.group(3))))
    return acts

# ===----------------------------------------------------------------------=== #
# The integer model of the folded graph
# ===----------------------------------------------------------------------=== #


def quantize_bias(bias, x_t, w_t):
    """round(b / (s_in * s_w[c])) in double, ties to even, saturated to i32
    (the rounding of accel.quantize and ONNX QuantizeLinear)."""
    out = []
    for c, b in enumerate(np.asarray(bias, np.float32)):
        s_w = w_t.scales[c] if w_t.per_axis else w_t.scale
        q = np.rint(float(b) / (x_t.scale * s_w))
        out.append(int(min(max(q, ref.INT32_MIN), ref.INT32_MAX)))
    return np.array(out, np.int64)


def f32_clamp_storage_bounds(out_t, lo, hi):
    """What quantize(clamp_f32(x, lo, hi)) clips to: the f32 clamp bounds
    (rounded inward) quantized."""
    lo32 = ref.round_inward(lo, F32, True)
    hi32 = ref.round_inward(hi, F32, False)
    qlo = int(ref.quantize(np.array([lo32], np.float32), out_t)[0])
    qhi = int(ref.quantize(np.array([hi32], np.float32), out_t)[0])
    return qlo, qhi


def integer_model(case, x, x_t, w, w_t, bias, out_t, acts):
    """The folded graph: quantize, quantized contraction, activations on the
    quantized values, dequantize."""
    qx = ref.quantize(x, x_t)
    q = ref.quantized_contraction(case["op"], qx, x_t, w, w_t,
                                  quantize_bias(bias, x_t, w_t), out_t,
                                  **case["attrs"])
    q = np.asarray(q, np.int64)
    for act in acts:
        if act[0] == "relu":
            q = np.maximum(q, out_t.zp)
        else:
            qlo, qhi = f32_clamp_storage_bounds(out_t, act[1], act[2])
            q = np.clip(q, qlo, qhi)
    return ref.dequantize(q.astype(out_t.dtype), out_t)

# ===----------------------------------------------------------------------=== #
# Commands
# ===----------------------------------------------------------------------=== #


def gen(name, directory):
    case = CASES[name]
    rng = np.random.default_rng(case["seed"])
    x = rng.uniform(case["lo"], case["hi"], case["shape"]).astype(np.float32)
    os.makedirs(directory, exist_ok=True)
    np.save(os.path.join(directory, "arg0.npy"), x)
    return 0


def check(name, model_path, folded_path, directory):
    case = CASES[name]
    model = open(model_path).read()
    body = function_text(model, name)
    x_t, w_t, out_t = (parse_alias(model, case[k]) for k in ("x", "w", "out"))
    w = parse_constant(body, case["w_const"])
    bias = parse_constant(body, case["b_const"])
    acts = parse_activations(body)
    x = np.load(os.path.join(directory, "arg0.npy"))
    want = integer_model(case, x, x_t, w, w_t, bias, out_t, acts)
    step = np.float32(out_t.scale)
    failures = []

    # The folded clamps keep what quantizing the f32 bounds gives.
    folded_acts = parse_activations(function_text(open(folded_path).read(),
                                                  name))
    if [a[0] for a in folded_acts] != [a[0] for a in acts]:
        failures.append("folded activations %s, expected %s"
                        % (folded_acts, acts))
    else:
        for act, folded in zip(acts, folded_acts):
            if act[0] != "clamp":
                continue
            los, his = ref.quantized_clamp_bounds(out_t, folded[1], folded[2])
            got = (los[0], his[0])
            expected = f32_clamp_storage_bounds(out_t, act[1], act[2])
            if got != expected:
                failures.append("folded clamp [%r, %r] keeps storage %s, the "
                                "f32 clamp [%r, %r] quantizes to %s"
                                % (folded[1], folded[2], got, act[1], act[2],
                                   expected))

    qdq = np.load(os.path.join(directory, "qdq", "result0.npy"))
    runs = sorted(d for d in os.listdir(directory)
                  if d != "qdq" and
                  os.path.exists(os.path.join(directory, d, "result0.npy")))
    if not runs:
        failures.append("no folded runs in %s" % directory)
    for run in runs:
        got = np.load(os.path.join(directory, run, "result0.npy"))
        if got.dtype != want.dtype or got.shape != want.shape:
            failures.append("%s: %s %s, expected %s %s" % (
                run, got.dtype, got.shape, want.dtype, want.shape))
            continue
        bad = np.argwhere(got != want)
        if len(bad):
            i = tuple(bad[0])
            failures.append("%s: %d of %d differ from the integer model, "
                            "first at %s: %r vs %r"
                            % (run, len(bad), got.size, i, got[i], want[i]))
        steps = np.rint((got.astype(np.float64) - qdq) / float(step))
        far = np.argwhere(np.abs(steps) > 1)
        if len(far):
            i = tuple(far[0])
            failures.append("%s: %d of %d more than one step (%g) from the "
                            "QDQ graph, first at %s: %r vs %r"
                            % (run, len(far), got.size, step, i, got[i],
                               qdq[i]))
        print("%s: %d of %d one step from the QDQ graph" % (
            run, int(np.count_nonzero(steps)), got.size))
    # The comparison means little if the output is (nearly) constant.
    if len(np.unique(want)) < 8:
        failures.append("only %d distinct output values: the case does not "
                        "exercise the model" % len(np.unique(want)))
    if failures:
        print("\n".join(failures), file=sys.stderr)
        print("FAIL %s" % name)
        return 1
    print("PASS %s" % name)
    return 0


def main(argv):
    if len(argv) == 3 and argv[0] == "gen":
        return gen(argv[1], argv[2])
    if len(argv) == 5 and argv[0] == "check":
        return check(*argv[1:])
    print("usage: qat_check.py gen CASE DIR | "
          "check CASE MODEL FOLDED DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
