#!/usr/bin/env python3
"""random-programs.py - differential testing of the accelerator path.

Generates random accel programs (chains of 1-3 2-D accel.matmul ops, the
kind of kernel the accelerator path compiles to the ISA), writes seeded
random .npy inputs, runs each program with accel-run on the `cpu` target and
on accelerator presets with --no-cost-model, and checks that the results
agree:

  * integer programs (quantized i8 x i8 with an i32 accumulator, raw i32 or
    requantized i8 results, per-tensor or per-channel weight scales,
    optional i32 bias, optional accel.relu / accel.clamp on a quantized
    result; also plain signless i8 x i8 -> i32) run on int8-16x16 and
    int8-256x256, and every output must be identical to the cpu run's, bit
    for bit (docs/Numerics.md: "Integer results of every implementation must
    be identical");
  * bf16 programs (bf16 x bf16, acc(f32), bf16 or f32 results, optional f32
    bias, optional accel.relu) run on bf16-128x128, and every output must
    agree with the cpu run's within the tolerance below.

Float tolerance.  docs/Numerics.md §5 leaves the order of the f32
accumulation unspecified, so two correct implementations may differ.  For
each output element the script computes, in float64 from the inputs, a bound
E on how far ANY conforming implementation can be from the exact value r:

    stage 1:  E1 = (K + 1 + [bias]) * 2^-24 * S  +  ulp_T(|r| + ...)
              with S = sum_k |a_ik * b_kj| + |bias_j| (the magnitude of the
              terms; Higham's bound for an f32 inner product in any order,
              with or without FMA) and ulp_T the rounding of the f32
              accumulator to the result type T (0 for f32, one bf16 ulp for
              bf16);
    stage j>1: the lhs is itself off by E_{j-1}, which adds E_{j-1} @ |B_j|,
              and S uses |r_{j-1}| + E_{j-1};
    accel.relu is 1-Lipschitz and leaves E unchanged.

The cpu and accelerator results must then satisfy |cpu - acc| <= 2 * E
elementwise: a tolerance proportional to the magnitude of the terms that
make up each output (relative, not absolute), plus one ulp of the result
type per rounding.  The largest |cpu - acc| / (2 E) seen is printed.

A preset run that prints "notice: kernel @... is not compiled to the ISA"
ran the kernel on the CPU path and so did not test the accelerator; such
programs are counted as "fell back" rather than "passed".  A mismatch, an
accel-run error or a timeout is a failure: the case directory (program,
inputs, outputs, logs, reproduce.sh) is kept and the commands that reproduce
it are printed.  For a mismatch, the numpy reference of
test/e2e/Inputs/reference.py is consulted to say which side is wrong.

Usage:
  random-programs.py --count N --seed S [--targets T1,T2,...]
                     [--keep-dir DIR] [--accel-run PATH] [--only I ...]
                     [--max-dim D] [--keep-all] [--jobs J] [--verbose]

Everything is reproducible from (--seed, program index): `--only I` reruns
program I of a seed.  The last line is always

  random-programs: N programs, P passed, F failed, X fell back to the CPU
"""

import argparse
import concurrent.futures
import math
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "test", "e2e", "Inputs"))
import reference as ref  # noqa: E402  (the independent numpy model)

INT_TARGETS = ("int8-16x16", "int8-256x256")
BF16_TARGETS = ("bf16-128x128",)
ALL_TARGETS = INT_TARGETS + BF16_TARGETS
TIMEOUT_S = 60
ADDRESS_SPACE = 6 << 30
U32 = 2.0 ** -24


# ===----------------------------------------------------------------------=== #
# Program model
# ===----------------------------------------------------------------------=== #


def mlir_float(x):
    """A Python float as an MLIR float literal that parses back exactly."""
    text = repr(float(x))
    if "e" in text and "." not in text:
        text = text.replace("e", ".0e")
    return text


class Tensor:
    """An SSA value: shape and element type (a reference.py QType, IntType or
    FloatType)."""

    def __init__(self, name, shape, etype):
        self.name, self.shape, self.etype = name, tuple(shape), etype

    def mlir_type(self, aliases):
        e = self.etype
        elem = aliases[e.mlir()] if isinstance(e, ref.QType) else e.mlir()
        return "tensor<%s>" % "x".join([str(d) for d in self.shape] + [elem])


class Operand:
    """A function argument or a dense constant, with its exchange values."""

    def __init__(self, tensor, values, constant):
        self.tensor, self.values, self.constant = tensor, values, constant


class MatmulStep:
    def __init__(self, lhs, rhs, bias, result, activation, returned):
        self.lhs, self.rhs, self.bias = lhs, rhs, bias     # Tensor / Operand
        self.result = result            # Tensor: the chain value after act.
        self.activation = activation    # None, ("relu",), ("clamp", lo, hi)
        self.returned = returned


class Program:
    def __init__(self, kind, operands, steps, description):
        self.kind = kind                # "int" or "bf16"
        self.operands = operands        # [Operand] in definition order
        self.steps = steps
        self.description = description

    @property
    def args(self):
        return [o for o in self.operands if not o.constant]

    @property
    def results(self):
        return [s for s in self.steps if s.returned]

    def mlir(self):
        aliases, lines = {}, []
        for o in self.operands:
            e = o.tensor.etype
            if isinstance(e, ref.QType) and e.mlir() not in aliases:
                aliases[e.mlir()] = "!q%d" % len(aliases)
        for s in self.steps:
            e = s.result.etype
            if isinstance(e, ref.QType) and e.mlir() not in aliases:
                aliases[e.mlir()] = "!q%d" % len(aliases)
        for text, alias in aliases.items():
            lines.append("%s = %s" % (alias, text))
        lines.append("")
        ty = lambda t: t.mlir_type(aliases)
        sig = ", ".join("%%%s: %s" % (o.tensor.name, ty(o.tensor))
                        for o in self.args)
        res = [s.result for s in self.results]
        res_types = ", ".join(ty(t) for t in res)
        if len(res) > 1:
            res_types = "(%s)" % res_types
        lines.append("func.func @f(%s) -> %s {" % (sig, res_types))
        for o in self.operands:
            if o.constant:
                lines += ["  " + l for l in constant_lines(o, ty)]
        for s in self.steps:
            lhs, rhs = s.lhs, s.rhs.tensor
            mm = s.result.name + ("_mm" if s.activation else "")
            bias = ""
            if s.bias is not None:
                bias = " bias(%%%s : %s)" % (s.bias.tensor.name,
                                              ty(s.bias.tensor))
            acc = "i32" if s.kind == "int" else "f32"
            mm_t = Tensor(mm, s.result.shape, s.mm_etype)
            lines.append("  %%%s = accel.matmul %%%s, %%%s%s acc(%s) : %s, %s -> %s"
                         % (mm, lhs.name, rhs.name, bias, acc, ty(lhs),
                            ty(rhs), ty(mm_t)))
            if s.activation and s.activation[0] == "relu":
                lines.append("  %%%s = accel.relu %%%s : %s"
                             % (s.result.name, mm, ty(s.result)))
            elif s.activation:
                lines.append("  %%%s = accel.clamp %%%s min %s max %s : %s"
                             % (s.result.name, mm, mlir_float(s.activation[1]),
                                mlir_float(s.activation[2]), ty(s.result)))
        lines.append("  return %s : %s" % (
            ", ".join("%" + t.name for t in res),
            ", ".join(ty(t) for t in res)))
        lines.append("}")
        return "\n".join(lines) + "\n"


def constant_lines(o, ty):
    """arith.constant in hex form; quantized constants are written as their
    storage type and reinterpreted with quant.scast (a dense attribute cannot
    hold !quant.uniform elements)."""
    t = o.tensor
    e = t.etype
    v = o.values
    if isinstance(e, ref.QType):
        raw = v.astype("<i1").tobytes()
        storage = Tensor(t.name + "_raw", t.shape, ref.I8)
    elif isinstance(e, ref.IntType):
        raw = v.astype("<i%d" % (e.bits // 8)).tobytes()
        storage = None
    elif e.name == "bf16":
        raw = (np.asarray(v, np.float32).view(np.uint32) >> 16).astype(
            "<u2").tobytes()
        storage = None
    else:
        raw = np.asarray(v, "<f4").tobytes()
        storage = None
    hexdata = '"0x%s"' % raw.hex().upper()
    if storage is None:
        return ["%%%s = arith.constant dense<%s> : %s" % (t.name, hexdata,
                                                          ty(t))]
    return ["%%%s = arith.constant dense<%s> : %s" % (storage.name, hexdata,
                                                      ty(storage)),
            "%%%s = quant.scast %%%s : %s to %s" % (t.name, storage.name,
                                                     ty(storage), ty(t))]


# ===----------------------------------------------------------------------=== #
# Random generation
# ===----------------------------------------------------------------------=== #


class Gen:
    def __init__(self, seed, index, max_dim):
        self.r = random.Random("%d:%d" % (seed, index))
        self.np = np.random.default_rng([seed & 0xFFFFFFFF, index])
        self.max_dim = max_dim
        self.operands = []
        self.names = 0

    def name(self, prefix):
        self.names += 1
        return "%s%d" % (prefix, self.names)

    def dim(self):
        """1..max_dim, biased to small sizes and to multiples of 16 +- 1."""
        r, hi = self.r, self.max_dim
        u = r.random()
        if u < 0.3:
            d = r.randint(1, min(20, hi))
        elif u < 0.6:
            d = 16 * r.randint(1, max(1, hi // 16)) + r.choice((-1, 0, 0, 1))
        else:
            d = r.randint(1, hi)
        return max(1, min(hi, d))

    def logu(self, lo, hi):
        return math.exp(self.r.uniform(math.log(lo), math.log(hi)))

    def zp(self):
        u = self.r.random()
        if u < 0.3:
            return 0
        if u < 0.45:
            return self.r.choice((-128, 127))
        return self.r.randint(-128, 127)

    def scale(self, lo, hi):
        # Round to 6 significant digits: readable, and exact after printing.
        return float("%.6g" % self.logu(lo, hi))

    def i8_values(self, shape, zp=0):
        """int8 data: mostly uniform, sometimes clustered around the zero
        point or pinned to the extremes."""
        u = self.r.random()
        if u < 0.6:
            v = self.np.integers(-128, 128, size=shape)
        elif u < 0.85:
            w = self.r.randint(1, 40)
            v = np.clip(zp + self.np.integers(-w, w + 1, size=shape), -128,
                        127)
        else:
            v = self.np.choice(np.array([-128, 127, zp, zp - 1, zp + 1]),
                               size=shape)
        return np.clip(v, -128, 127).astype(np.int8)

    def bias_values(self, n, k):
        u = self.r.random()
        if u < 0.8:
            lim = int(min(2**31 - 1, 4000 * math.sqrt(k) * self.logu(0.1, 10)))
            v = self.np.integers(-lim, lim + 1, size=(n,))
        else:   # near the i32 limits: sums wrap modulo 2^32 (§1)
            v = self.np.integers(2**31 - 2**20, 2**31, size=(n,)) * \
                self.np.choice(np.array([-1, 1]), size=(n,))
        return np.clip(v, -2**31, 2**31 - 1).astype(np.int32)

    def bf16_values(self, shape, sigma):
        u = self.r.random()
        if u < 0.15:    # small integers: every sum exact in f32
            v = self.np.integers(-4, 5, size=shape).astype(np.float32)
        else:
            v = (self.np.standard_normal(size=shape) * sigma).astype(np.float32)
            if u < 0.25:
                v[self.np.random(size=shape) < 0.3] = 0.0
        return ref.round_to_bf16(v)

    def operand(self, prefix, shape, etype, values, constant):
        o = Operand(Tensor(self.name(prefix), shape, etype), values, constant)
        self.operands.append(o)
        return o

    # --- integer programs -------------------------------------------------

    def int_program(self):
        r = self.r
        if r.random() < 0.08:
            return self.signless_program()
        nops = r.choice((1, 1, 2, 2, 3))
        M, K = self.dim(), self.dim()
        lhs_t = ref.QType("i8", self.scale(1e-3, 1.0), self.zp())
        a = self.operand("a", (M, K), lhs_t, self.i8_values((M, K), lhs_t.zp),
                         False)
        cur = a.tensor
        steps, desc = [], []
        for i in range(nops):
            last = i == nops - 1
            K = cur.shape[1]
            N = self.dim()
            wzp = self.zp()
            base = self.scale(1e-4, 0.1)
            per_channel = r.random() < 0.35
            if per_channel:
                scales = [float("%.6g" % (base * self.logu(0.25, 4)))
                          for _ in range(N)]
                w_t = ref.QType("i8", scales, [wzp] * N, axis=1)
            else:
                w_t = ref.QType("i8", base, wzp)
            w = self.operand("w", (K, N), w_t, self.i8_values((K, N), wzp),
                             r.random() < 0.3)
            bias = None
            if r.random() < 0.5:
                bias = self.operand("b", (N,), ref.I32, self.bias_values(N, K),
                                    r.random() < 0.2)
            quantized = (not last) or r.random() < 0.65
            act = None
            if quantized:
                # The requantization multiplier M = s_lhs * s_w / s_out: mostly
                # one that spreads the accumulators over the i8 range, some
                # tiny (everything rounds to zp), huge (saturates, left
                # shifts) or a power of two (rounding ties).
                u = r.random()
                if u < 0.8:
                    mult = 40.0 / (math.sqrt(K) * 5000.0) * self.logu(0.1, 10)
                elif u < 0.88:
                    mult = self.logu(2.0**-40, 2.0**-24)
                elif u < 0.94:
                    mult = self.logu(1.0, 2.0**12)
                else:
                    mult = 2.0 ** r.randint(-20, 3)
                s_out = float("%.6g" % (lhs_t.scale * base / mult))
                if u >= 0.94:
                    s_out = lhs_t.scale * base / mult
                out_t = ref.QType("i8", s_out, self.zp())
                au = r.random()
                if au < 0.2:
                    act = ("relu",)
                elif au < 0.45:
                    act = ("clamp",) + self.clamp_bounds(out_t)
            else:
                out_t = ref.I32
            returned = last or r.random() < 0.25
            res = Tensor(self.name("r"), (cur.shape[0], N), out_t)
            step = MatmulStep(cur, w, bias, res, act, returned)
            step.kind = "int"
            step.mm_etype = out_t
            steps.append(step)
            desc.append("%dx%dx%d%s%s%s%s%s" % (
                cur.shape[0], K, N, " pc" if per_channel else "",
                " cw" if w.constant else "",
                "" if bias is None else (" cb" if bias.constant else " b"),
                " ->i32" if not quantized else "",
                " " + act[0] if act else ""))
            cur = res
            lhs_t = out_t
        return Program("int", self.operands, steps, "int: " + " | ".join(desc))

    def clamp_bounds(self, qt):
        """Real bounds: usually half a step away from the integer grid (so
        the inward rounding is unambiguous), sometimes 'nice' values such as
        relu6 that may fall exactly on it."""
        r = self.r
        if r.random() < 0.3:
            return r.choice(((0.0, 6.0), (-1.0, 1.0), (0.0, 1e30),
                             (-1e30, 0.0)))
        lo_q = r.randint(-128, 127)
        hi_q = r.randint(lo_q, 127)
        lo = (lo_q - qt.zp - r.uniform(0.1, 0.9)) * qt.scale
        hi = (hi_q - qt.zp + r.uniform(0.1, 0.9)) * qt.scale
        return float("%.9g" % lo), float("%.9g" % hi)

    def signless_program(self):
        M, K, N = self.dim(), self.dim(), self.dim()
        a = self.operand("a", (M, K), ref.I8, self.i8_values((M, K)), False)
        w = self.operand("w", (K, N), ref.I8, self.i8_values((K, N)),
                         self.r.random() < 0.3)
        bias = None
        if self.r.random() < 0.5:
            bias = self.operand("b", (N,), ref.I32, self.bias_values(N, K),
                                False)
        res = Tensor(self.name("r"), (M, N), ref.I32)
        step = MatmulStep(a.tensor, w, bias, res, None, True)
        step.kind, step.mm_etype = "int", ref.I32
        return Program("int", self.operands, [step],
                       "int: %dx%dx%d signless%s" % (M, K, N,
                                                     " b" if bias else ""))

    # --- bf16 programs ----------------------------------------------------

    def bf16_program(self):
        r = self.r
        nops = r.choice((1, 1, 2, 2, 3))
        M, K = self.dim(), self.dim()
        a = self.operand("a", (M, K), ref.BF16,
                         self.bf16_values((M, K), self.logu(0.01, 10)), False)
        cur = a.tensor
        steps, desc = [], []
        for i in range(nops):
            last = i == nops - 1
            K = cur.shape[1]
            N = self.dim()
            w = self.operand("w", (K, N), ref.BF16,
                             self.bf16_values((K, N), self.logu(0.1, 3) /
                                              math.sqrt(K)),
                             r.random() < 0.3)
            bias = None
            if r.random() < 0.5:
                bv = (self.np.standard_normal(size=(N,)) *
                      self.logu(0.01, 10)).astype(np.float32)
                bias = self.operand("b", (N,), ref.F32, bv, r.random() < 0.2)
            out_t = ref.BF16 if (not last or r.random() < 0.6) else ref.F32
            act = ("relu",) if r.random() < 0.2 else None
            returned = last or r.random() < 0.25
            res = Tensor(self.name("r"), (cur.shape[0], N), out_t)
            step = MatmulStep(cur, w, bias, res, act, returned)
            step.kind, step.mm_etype = "bf16", out_t
            steps.append(step)
            desc.append("%dx%dx%d%s%s ->%s%s" % (
                cur.shape[0], K, N, " cw" if w.constant else "",
                "" if bias is None else (" cb" if bias.constant else " b"),
                out_t.name, " relu" if act else ""))
            cur = res
        return Program("bf16", self.operands, steps,
                       "bf16: " + " | ".join(desc))


def generate(seed, index, kinds, max_dim):
    g = Gen(seed, index, max_dim)
    # Always draw the kind, so that --targets does not change the programs:
    # program `index` of a seed is the same whenever its kind is tested (a
    # program of an untested kind becomes one of the tested kind).
    kind = "int" if g.r.random() < 0.7 else "bf16"
    if kind not in kinds:
        kind = kinds[0]
    return g.int_program() if kind == "int" else g.bf16_program()


# ===----------------------------------------------------------------------=== #
# References (diagnosis and the float tolerance)
# ===----------------------------------------------------------------------=== #


def int_reference(prog):
    """Exact results of every returned step (reference.py, §1-§2)."""
    vals = {o.tensor.name: o.values for o in prog.operands}
    out = []
    for s in prog.steps:
        q = ref.quantized_contraction(
            "matmul", vals[s.lhs.name], s.lhs.etype, s.rhs.values,
            s.rhs.tensor.etype, None if s.bias is None else s.bias.values,
            s.mm_etype)
        if s.activation and s.activation[0] == "relu":
            q = ref.relu_quantized(q, s.result.etype)
        elif s.activation:
            q = ref.clamp_quantized(q, s.result.etype, s.activation[1],
                                    s.activation[2])
        vals[s.result.name] = q
        if s.returned:
            out.append(q)
    return out


def float_reference(prog):
    """(r, E) per returned step: float64 exact value and the bound E on the
    distance of any conforming implementation from it (see the module doc)."""
    vals = {o.tensor.name: (np.asarray(o.values, np.float64),
                            np.zeros(np.shape(o.values)))
            for o in prog.operands}
    out = []
    for s in prog.steps:
        a, ea = vals[s.lhs.name]
        b = np.asarray(s.rhs.values, np.float64)
        K = a.shape[1]
        r = a @ b
        mag = (np.abs(a) + ea) @ np.abs(b)
        nterms = K
        if s.bias is not None:
            bias = np.asarray(s.bias.values, np.float64)
            r = r + bias
            mag = mag + np.abs(bias)
            nterms += 1
        err = ea @ np.abs(b) + (nterms + 1) * U32 * mag
        if s.mm_etype.name == "bf16":
            err = err + s.mm_etype.ulp(np.abs(r) + err)
        err = err + 2.0 ** -140     # subnormal slack
        if s.activation:
            r = np.maximum(r, 0.0)
        vals[s.result.name] = (r, err)
        if s.returned:
            out.append((r, err))
    return out


def exchange_dtype(etype):
    if isinstance(etype, ref.FloatType):
        return np.dtype(np.float32)
    return np.dtype(etype.dtype)


# ===----------------------------------------------------------------------=== #
# Running
# ===----------------------------------------------------------------------=== #


class Run:
    def __init__(self, target, cmd, rc, log, outputs, notices):
        self.target, self.cmd, self.rc, self.log = target, cmd, rc, log
        self.outputs, self.notices = outputs, notices


def run_accel(accel_run, case_dir, prog, target):
    out_dir = os.path.join(case_dir, "out-" + target)
    os.makedirs(out_dir, exist_ok=True)
    cmd = ["timeout", str(TIMEOUT_S), "prlimit", "--as=%d" % ADDRESS_SPACE,
           "--", accel_run, os.path.join(case_dir, "program.mlir"),
           "--target=" + target, "--entry=f", "--no-cost-model"]
    cmd += ["--input=" + os.path.join(case_dir, "%s.npy" % o.tensor.name)
            for o in prog.args]
    cmd += ["--output-dir=" + out_dir]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, errors="replace")
    log = p.stdout
    with open(os.path.join(case_dir, "log-%s.txt" % target), "w") as f:
        f.write(log)
    notices = [l for l in log.splitlines()
               if "is not compiled to the ISA" in l]
    outputs = None
    if p.returncode == 0:
        try:
            outputs = [np.load(os.path.join(out_dir, "result%d.npy" % i))
                       for i in range(len(prog.results))]
        except (OSError, ValueError) as e:
            log += "\n(could not read results: %s)" % e
    return Run(target, cmd, p.returncode, log, outputs, notices)


def error_summary(run):
    if run.rc == 124:
        return "timed out after %d s" % TIMEOUT_S
    lines = [l for l in run.log.splitlines() if "error" in l.lower()]
    text = lines[0] if lines else (run.log.strip().splitlines() or [""])[-1]
    return "exit status %d: %s" % (run.rc, text.strip())


def compare(prog, cpu, acc, tolerance, stats):
    """'' when acc agrees with cpu; otherwise what differs."""
    problems = []
    for i, (s, x, y) in enumerate(zip(prog.results, cpu.outputs,
                                      acc.outputs)):
        want = exchange_dtype(s.result.etype)
        if y.dtype != want or y.shape != x.shape:
            problems.append("result%d: %s %s, cpu gave %s %s" % (
                i, y.dtype, list(y.shape), x.dtype, list(x.shape)))
            continue
        if prog.kind == "int":
            bad = x != y
            if bad.any():
                ix = tuple(int(v) for v in np.argwhere(bad)[0])
                problems.append("result%d: %d of %d elements differ, first at "
                                "%s: cpu %d, %s %d" % (
                                    i, int(bad.sum()), bad.size, list(ix),
                                    x[ix], acc.target, y[ix]))
        else:
            _, e = tolerance[i]
            tol = 2.0 * e
            diff = np.abs(x.astype(np.float64) - y.astype(np.float64))
            finite = np.isfinite(x) & np.isfinite(y)
            bad = ~finite | (diff > tol)
            if finite.any():
                stats["max_ratio"] = max(stats["max_ratio"],
                                         float(np.max(diff[finite] /
                                                      tol[finite])))
            if bad.any():
                ix = tuple(int(v) for v in np.argwhere(bad)[0])
                problems.append("result%d: %d of %d elements outside the "
                                "tolerance, first at %s: cpu %r, %s %r, "
                                "|diff| %.3g > 2E = %.3g" % (
                                    i, int(bad.sum()), bad.size, list(ix),
                                    float(x[ix]), acc.target, float(y[ix]),
                                    diff[ix], tol[ix]))
    return "; ".join(problems)


def diagnose(prog, cpu, acc, tolerance):
    """Which side disagrees with the numpy reference."""
    try:
        if prog.kind == "int":
            exp = int_reference(prog)
            verdict = []
            for run in (cpu, acc):
                nbad = sum(int((np.asarray(o, np.int64) !=
                                np.asarray(e, np.int64)).sum())
                           for o, e in zip(run.outputs, exp))
                verdict.append("%s %s" % (
                    run.target, "matches the reference" if nbad == 0 else
                    "differs from the reference in %d element(s)" % nbad))
            return "; ".join(verdict)
        verdict = []
        for run in (cpu, acc):
            nbad = 0
            for o, (r, e) in zip(run.outputs, tolerance):
                nbad += int((~(np.abs(o.astype(np.float64) - r) <= e)).sum())
            verdict.append("%s %s" % (
                run.target, "within its bound of the reference" if nbad == 0
                else "outside its bound of the reference in %d element(s)"
                % nbad))
        return "; ".join(verdict)
    except Exception as e:   # the reference may refuse (e.g. clamp ties)
        return "no reference verdict (%s: %s)" % (type(e).__name__, e)


def write_case(case_dir, prog):
    os.makedirs(case_dir, exist_ok=True)
    with open(os.path.join(case_dir, "program.mlir"), "w") as f:
        f.write("// %s\n" % prog.description)
        f.write(prog.mlir())
    for o in prog.args:
        np.save(os.path.join(case_dir, "%s.npy" % o.tensor.name),
                np.asarray(o.values, exchange_dtype(o.tensor.etype)))


def new_stats():
    return {"targets": {}, "max_ratio": 0.0, "fallback_reasons": {}}


def merge_stats(into, part):
    into["max_ratio"] = max(into["max_ratio"], part["max_ratio"])
    for t, st in part["targets"].items():
        dst = into["targets"].setdefault(t, dict.fromkeys(st, 0))
        for k, v in st.items():
            dst[k] += v
    for why, n in part["fallback_reasons"].items():
        into["fallback_reasons"][why] = into["fallback_reasons"].get(why, 0) + n


def check_program(args, index, kinds, work):
    """Runs program `index`; returns (status, output lines, stats)."""
    prog = generate(args.seed, index, kinds, args.max_dim)
    name = "case-%d-%d" % (args.seed, index)
    case_dir = os.path.join(work, name)
    write_case(case_dir, prog)
    targets = [t for t in args.targets
               if (t in INT_TARGETS) == (prog.kind == "int")]
    cpu = run_accel(args.accel_run, case_dir, prog, "cpu")
    runs = [run_accel(args.accel_run, case_dir, prog, t) for t in targets]
    stats = new_stats()
    lines = []
    failures, fell_back = [], []
    tolerance = float_reference(prog) if prog.kind == "bf16" else None
    if cpu.outputs is None:
        failures.append(("cpu", "accel-run failed on cpu: " +
                         error_summary(cpu), [cpu]))
    for run in runs:
        st = stats["targets"].setdefault(run.target, {
            "runs": 0, "passed": 0, "failed": 0, "fell_back": 0})
        st["runs"] += 1
        if run.outputs is None:
            failures.append((run.target, "accel-run failed: " +
                             error_summary(run), [run]))
            st["failed"] += 1
            continue
        if cpu.outputs is None:
            continue
        problem = compare(prog, cpu, run, tolerance, stats)
        if problem:
            failures.append((run.target, "mismatch with cpu: %s [%s]"
                             % (problem, diagnose(prog, cpu, run, tolerance)),
                             [cpu, run]))
            st["failed"] += 1
        elif run.notices:
            fell_back.append(run.target)
            st["fell_back"] += 1
            why = reason_of(run.notices[0])
            stats["fallback_reasons"][why] = \
                stats["fallback_reasons"].get(why, 0) + 1
        else:
            st["passed"] += 1
    if args.verbose:
        lines.append("%s: %s -> %s" % (name, prog.description,
                                       "FAIL" if failures else
                                       "fell back" if fell_back else "pass"))
    if failures:
        with open(os.path.join(case_dir, "reproduce.sh"), "w") as f:
            f.write("#!/bin/sh\n# %s\n" % prog.description)
            f.write("# regenerate: %s\n" % regenerate_cmd(args, index))
            for _, _, rs in failures:
                for run in rs:
                    f.write(shlex.join(run.cmd) + "\n")
        for target, why, rs in failures:
            lines.append("FAIL %s %s (%s): %s" % (name, target,
                                                  prog.description, why))
            lines.append("    kept in %s; reproduce with:" % case_dir)
            seen = set()
            for run in rs:
                c = shlex.join(run.cmd)
                if c not in seen:
                    seen.add(c)
                    lines.append("    " + c)
        return "failed", lines, stats
    if not args.keep_all:
        shutil.rmtree(case_dir, ignore_errors=True)
    return ("fell_back" if fell_back else "passed"), lines, stats


def reason_of(notice):
    start = notice.find("(")
    end = notice.rfind(")")
    return notice[start + 1:end] if 0 <= start < end else notice


def regenerate_cmd(args, index):
    return shlex.join([sys.executable, os.path.abspath(__file__), "--seed",
                       str(args.seed), "--only", str(index), "--targets",
                       ",".join(args.targets), "--max-dim", str(args.max_dim),
                       "--keep-dir", args.keep_dir or "DIR", "--keep-all"])


def main(argv):
    p = argparse.ArgumentParser(
        description="Differential testing of accel-run: random matmul "
                    "chains on cpu vs accelerator presets.")
    p.add_argument("--count", type=int, default=100,
                   help="number of programs (indices 0..count-1)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--targets", default=",".join(ALL_TARGETS),
                   help="comma-separated accelerator presets (default: %s)"
                   % ",".join(ALL_TARGETS))
    p.add_argument("--keep-dir",
                   help="where failing cases are kept (default: a new "
                        "directory under $TMPDIR)")
    p.add_argument("--keep-all", action="store_true",
                   help="keep passing cases too")
    p.add_argument("--accel-run",
                   default=os.path.join(ROOT, "build", "bin", "accel-run"))
    p.add_argument("--only", type=int, action="append",
                   help="run only this program index (repeatable)")
    p.add_argument("--max-dim", type=int, default=300,
                   help="largest M, K or N (default 300)")
    p.add_argument("--jobs", type=int, default=1,
                   help="programs run in parallel (default 1)")
    p.add_argument("--verbose", action="store_true",
                   help="one line per program")
    args = p.parse_args(argv)
    args.targets = [t for t in args.targets.split(",") if t]
    for t in args.targets:
        if t not in ALL_TARGETS:
            p.error("unknown target %r (expected some of %s)"
                    % (t, ", ".join(ALL_TARGETS)))
    kinds = tuple(k for k, ts in (("int", INT_TARGETS), ("bf16", BF16_TARGETS))
                  if any(t in ts for t in args.targets))
    if not kinds:
        p.error("no targets")
    args.accel_run = os.path.abspath(args.accel_run)
    if not os.access(args.accel_run, os.X_OK):
        p.error("accel-run not found at %s" % args.accel_run)
    if args.keep_dir:
        os.makedirs(args.keep_dir, exist_ok=True)
        work = os.path.abspath(args.keep_dir)
    else:
        work = tempfile.mkdtemp(prefix="random-programs-")
        args.keep_dir = work
    args.stats = new_stats()
    indices = list(args.only if args.only else range(args.count))
    counts = {"passed": 0, "failed": 0, "fell_back": 0}

    def finish(outcome):
        status, lines, stats = outcome
        counts[status] += 1
        merge_stats(args.stats, stats)
        for line in lines:
            print(line)
        sys.stdout.flush()

    if args.jobs <= 1:
        for i in indices:
            finish(check_program(args, i, kinds, work))
    else:
        # accel-run does the work; threads only wait on it.  Results are
        # printed in program order.
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            for outcome in pool.map(
                    lambda i: check_program(args, i, kinds, work), indices):
                finish(outcome)
    for t, st in sorted(args.stats["targets"].items()):
        print("  %s: %d runs, %d passed, %d failed, %d fell back" % (
            t, st["runs"], st["passed"], st["failed"], st["fell_back"]))
    for why, n in sorted(args.stats["fallback_reasons"].items()):
        print("  fell back %d time(s): %s" % (n, why))
    if "bf16" in kinds:
        print("  largest |cpu - accelerator| / tolerance on bf16 outputs: "
              "%.3g" % args.stats["max_ratio"])
    if counts["failed"] == 0 and not os.listdir(work):
        os.rmdir(work)
    elif counts["failed"]:
        print("  failing cases kept in %s" % work)
    n = sum(counts.values())
    print("random-programs: %d programs, %d passed, %d failed, %d fell back "
          "to the CPU" % (n, counts["passed"], counts["failed"],
                          counts["fell_back"]))
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
