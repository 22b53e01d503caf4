#!/usr/bin/env python3
"""random-programs.py - differential testing of the accelerator path.

Generates random accel programs made of the ops the accelerator path
compiles to the ISA, writes seeded random .npy inputs, runs each program
with accel-run on the `cpu` target and on accelerator presets with
--no-cost-model, and checks that the results agree.  A program is one or
(sometimes) two independent parts in one function, each one of

  * a chain of 1-3 2-D accel.matmul ops;
  * a chain of 1-3 batched accel.matmul ops (lhs of rank 3 or 4, each rhs
    batched with the same batch dimensions or a shared 2-D rhs);
  * a chain of 1-2 accel.conv2d ops with groups 1 (N 1-2, H/W 1-20, C/F
    1-40, KH/KW 1-4, strides 1-3, dilations 1-2, padding 0-3 per side,
    OH, OW >= 1);
  * standalone activations of an argument of rank 1-4.

After a contraction, accel.relu / accel.clamp (clamp: quantized only) is
folded into its store (the raw result has no other use) or runs on its own
through the accumulator (the raw result is also returned, or also feeds the
next contraction); a chain may also start with an activation of its
argument.  Results that nothing else uses are returned.

  * integer programs (quantized i8 x i8 with an i32 accumulator, raw i32 or
    requantized i8 results, per-tensor or per-channel weight scales -- along
    N, or along F = dim 3 of a conv filter -- with equal weight zero points,
    optional i32 bias; relu/clamp on quantized values, per-tensor or, for
    arguments, per-axis along the last dimension; also plain signless
    i8 x i8 -> i32 matmuls and convs) run on int8-16x16 and int8-256x256,
    and every output must be identical to the cpu run's, bit for bit
    (docs/Numerics.md: "Integer results of every implementation must be
    identical");
  * bf16 programs (bf16 x bf16, acc(f32), bf16 or f32 results, optional f32
    bias, accel.relu folded or on its own -- on bf16 values; a relu of an
    f32 result is folded only) run on bf16-128x128, and every output must
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
              bf16).  For a batched matmul the same, per batch; for a conv
              K = KH * KW * C and the sums run over the taps of the output
              element's window, a padded tap contributing 0 to r and S (its
              term is exactly zero);
    stage j>1: the lhs (input) is itself off by E_{j-1}, which adds
              E_{j-1} @ |B_j| (for a conv: conv(E_{j-1}, |W_j|)), and S uses
              |r_{j-1}| + E_{j-1};
    accel.relu is 1-Lipschitz and leaves E unchanged (a relu of an
              argument is exact: E = 0).

The cpu and accelerator results must then satisfy |cpu - acc| <= 2 * E
elementwise: a tolerance proportional to the magnitude of the terms that
make up each output (relative, not absolute), plus one ulp of the result
type per rounding.  The largest |cpu - acc| / (2 E) seen is printed.

A preset run that prints "notice: kernel @... is not compiled to the ISA"
ran the kernel on the CPU path, and one whose placement put no op on the
accelerator never reached it; neither tested the accelerator, so such
programs are counted as "fell back" rather than "passed".  (A run that
placed some ops on the accelerator and left others on the host -- a relu of
an f32 result on bf16-128x128 -- passes, and is counted per target as
"passed with op(s) left on the host".)  A mismatch, an accel-run error or a
timeout is a failure: the case directory (program, inputs, outputs, logs,
reproduce.sh) is kept and the commands that reproduce it are printed.  For a
mismatch, the numpy reference of test/e2e/Inputs/reference.py is consulted
to say which side is wrong.

Usage:
  random-programs.py --count N --seed S [--targets T1,T2,...]
                     [--keep-dir DIR] [--accel-run PATH] [--only I ...]
                     [--max-dim D] [--keep-all] [--jobs J] [--verbose]

Everything is reproducible from (--seed, program index): `--only I` reruns
program I of a seed (independent of --jobs and --targets; the programs of a
seed are not those an older version of this script generated).  The last line is always

  random-programs: N programs, P passed, F failed, X fell back to the CPU
"""

import argparse
import concurrent.futures
import math
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from fractions import Fraction

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


def shape_text(shape):
    return "x".join(str(d) for d in shape)



def conv_output(H, W, KH, KW, strides, padding, dilations):
    """Output height and width of accel.conv2d (AccelOps.td)."""
    OH = (H + padding[0] + padding[1] - dilations[0] * (KH - 1) - 1) \
        // strides[0] + 1
    OW = (W + padding[2] + padding[3] - dilations[1] * (KW - 1) - 1) \
        // strides[1] + 1
    return OH, OW

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


class Op:
    """One op of the program.

    `op` is "matmul" or "conv2d" (a contraction of the value `lhs` with the
    Operand `rhs`, plus an optional Operand `bias`; conv2d has `attrs`
    strides, padding, dilations), or "relu" / "clamp" (an activation of the
    value `lhs`; clamp has `attrs` lo, hi).  `result` is a Tensor; a
    `returned` result is one of the function's results (in op order)."""

    def __init__(self, op, lhs, result, rhs=None, bias=None, attrs=None):
        self.op, self.lhs, self.rhs, self.bias = op, lhs, rhs, bias
        self.result = result
        self.attrs = attrs or {}
        self.returned = False

    @property
    def contraction(self):
        return self.op in ("matmul", "conv2d")


class Program:
    def __init__(self, kind, operands, ops):
        self.kind = kind                # "int" or "bf16"
        self.operands = operands        # [Operand] in definition order
        self.ops = ops                  # [Op] in program order
        self.description = kind + ": " + describe(ops)

    @property
    def args(self):
        return [o for o in self.operands if not o.constant]

    @property
    def results(self):
        return [s for s in self.ops if s.returned]

    def mlir(self):
        aliases, lines = {}, []
        for e in [o.tensor.etype for o in self.operands] + \
                [s.result.etype for s in self.ops]:
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
        acc = "i32" if self.kind == "int" else "f32"
        for s in self.ops:
            lhs, out = s.lhs, s.result
            if s.contraction:
                rhs = s.rhs.tensor
                bias = ""
                if s.bias is not None:
                    bias = " bias(%%%s : %s)" % (s.bias.tensor.name,
                                                  ty(s.bias.tensor))
                attrs = ""
                if s.op == "conv2d":
                    for key, default in (("strides", (1, 1)),
                                         ("padding", (0, 0, 0, 0)),
                                         ("dilations", (1, 1))):
                        if tuple(s.attrs[key]) != default:
                            attrs += " %s [%s]" % (key, ", ".join(
                                str(v) for v in s.attrs[key]))
                lines.append("  %%%s = accel.%s %%%s, %%%s%s%s acc(%s) : "
                             "%s, %s -> %s" % (out.name, s.op, lhs.name,
                                               rhs.name, bias, attrs, acc,
                                               ty(lhs), ty(rhs), ty(out)))
            elif s.op == "relu":
                lines.append("  %%%s = accel.relu %%%s : %s"
                             % (out.name, lhs.name, ty(out)))
            else:
                lines.append("  %%%s = accel.clamp %%%s min %s max %s : %s"
                             % (out.name, lhs.name,
                                mlir_float(s.attrs["lo"]),
                                mlir_float(s.attrs["hi"]), ty(out)))
        lines.append("  return %s : %s" % (
            ", ".join("%" + t.name for t in res),
            ", ".join(ty(t) for t in res)))
        lines.append("}")
        return "\n".join(lines) + "\n"


def use_counts(ops):
    """Uses of each value name: as an op's operand or as a function result."""
    uses = {}
    for s in ops:
        uses[s.lhs.name] = uses.get(s.lhs.name, 0) + 1
        if s.returned:
            uses[s.result.name] = uses.get(s.result.name, 0) + 1
    return uses


def folds(s, ops, uses):
    """Whether activation `s` folds into the store of the contraction that
    produces its operand (TileKernels.cpp: the operand is the single-use
    result of a matmul/conv2d); otherwise it runs on its own, through the
    accumulator."""
    producer = [p for p in ops if p.result is s.lhs]
    return bool(producer) and producer[0].contraction and \
        uses.get(s.lhs.name, 0) == 1


def describe(ops):
    """One line: each contraction with its shapes and options, folded
    activations after it, standalone ones as `relu(%x)`."""
    uses = use_counts(ops)
    parts = []

    def out_text(s):
        e = s.result.etype
        if isinstance(e, ref.QType):
            text = ""
        else:
            text = " ->" + e.name
        return text + (" ret" if s.returned else "")

    for i, s in enumerate(ops):
        if s.contraction:
            opts = ""
            rt = s.rhs.tensor.etype
            if isinstance(rt, ref.QType) and rt.per_axis:
                opts += " pc"
            if isinstance(s.lhs.etype, ref.IntType):
                opts += " signless"
            if s.rhs.constant:
                opts += " cw"
            if s.bias is not None:
                opts += " cb" if s.bias.constant else " b"
            if s.op == "matmul":
                lhs, rhs = s.lhs.shape, s.rhs.tensor.shape
                batch = lhs[:-2]
                text = "%s%dx%dx%d" % (
                    "[%s%s] " % (shape_text(batch), "" if len(rhs) > 2
                                 else " shared rhs") if batch else "",
                    lhs[-2], lhs[-1], rhs[-1])
            else:
                a = s.attrs
                text = "conv %s * %s" % (shape_text(s.lhs.shape),
                                         shape_text(s.rhs.tensor.shape))
                if tuple(a["strides"]) != (1, 1):
                    text += " s%d,%d" % tuple(a["strides"])
                if tuple(a["padding"]) != (0, 0, 0, 0):
                    text += " p%d,%d,%d,%d" % tuple(a["padding"])
                if tuple(a["dilations"]) != (1, 1):
                    text += " d%d,%d" % tuple(a["dilations"])
            if i == 0 or s.lhs is not ops[i - 1].result:
                text = "%" + s.lhs.name + ": " + text
            parts.append(text + opts + out_text(s))
            continue
        act = "relu" if s.op == "relu" else "clamp"
        if isinstance(s.result.etype, ref.QType) and \
                s.result.etype.per_axis:
            act += " pc"
        if folds(s, ops, uses):
            parts[-1] += " " + act + (" ret" if s.returned else "")
        else:
            parts.append("%s(%%%s) %s%s" % (act, s.lhs.name,
                                          shape_text(s.result.shape),
                                          " ret" if s.returned else ""))
    return " | ".join(parts)


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

# Largest batch * M * K * N of a batched matmul and number of elements of a
# standalone activation's argument (the simulator computes every MAC).
BATCHED_MACS = 1 << 24
ACT_ELEMENTS = 1 << 16


class Gen:
    def __init__(self, seed, index, max_dim):
        self.r = random.Random("%d:%d" % (seed, index))
        self.np = np.random.default_rng([seed & 0xFFFFFFFF, index])
        self.max_dim = max_dim
        self.operands = []
        self.ops = []
        self.names = 0

    def name(self, prefix):
        self.names += 1
        return "%s%d" % (prefix, self.names)

    def dim(self, hi=None):
        """1..hi (default max_dim), biased to small sizes and to multiples of
        16 +- 1."""
        r = self.r
        hi = self.max_dim if hi is None else max(1, min(hi, self.max_dim))
        u = r.random()
        if u < 0.3:
            d = r.randint(1, min(20, hi))
        elif u < 0.6:
            d = 16 * r.randint(1, max(1, hi // 16)) + r.choice((-1, 0, 0, 1))
        else:
            d = r.randint(1, hi)
        return max(1, min(hi, d))

    def small(self, hi):
        """1..hi for conv sizes: mostly uniform, sometimes the extremes or a
        multiple of 16 +- 1 (the int8-16x16 array)."""
        r = self.r
        u = r.random()
        if u < 0.65:
            d = r.randint(1, hi)
        elif u < 0.8:
            d = r.choice((1, hi))
        else:
            d = 16 * r.randint(1, max(1, hi // 16)) + r.choice((-1, 0, 1))
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

    def add(self, op, lhs, etype, shape, **kw):
        s = Op(op, lhs, Tensor(self.name("r"), shape, etype), **kw)
        self.ops.append(s)
        return s

    # --- programs -----------------------------------------------------------

    def program(self, kind):
        """One or (sometimes) two independent parts in one function, each a
        chain of 2-D matmuls, of batched matmuls or of convolutions, or
        standalone activations of an argument."""
        r = self.r
        if kind == "int" and r.random() < 0.08:
            self.signless()
        else:
            for _ in range(2 if r.random() < 0.15 else 1):
                u = r.random()
                if u < 0.35:
                    self.chain(kind, "matmul")
                elif u < 0.55:
                    self.chain(kind, "batched")
                elif u < 0.85:
                    self.chain(kind, "conv")
                else:
                    self.activations_only(kind)
        # No dead values: whatever nothing uses is returned.
        uses = use_counts(self.ops)
        for s in self.ops:
            if uses.get(s.result.name, 0) == 0:
                s.returned = True
        return Program(kind, self.operands, self.ops)

    def chain(self, kind, family):
        """1-3 contractions (1-2 for convs), each fed by the previous one's
        result, with activations folded into a contraction's store or on
        their own (the operand also returned or also used further)."""
        r = self.r
        if family == "conv":
            shape = (r.randint(1, 2), self.small(20), self.small(20),
                     self.small(40))
            nops = r.choice((1, 1, 1, 2))
        else:
            batch = ()
            if family == "batched":
                batch = tuple(r.randint(1, 4)
                              for _ in range(r.choice((1, 2))))
            hi = self.max_dim if not batch else max(1, self.max_dim // 2)
            M = self.dim(hi)
            K = self.dim(hi)
            shape = batch + (M, K)
            nops = r.choice((1, 1, 2, 2, 3))
        if kind == "int":
            t = ref.QType("i8", self.scale(1e-3, 1.0), self.zp())
            a = self.operand("a", shape, t, self.i8_values(shape, t.zp),
                             False)
        else:
            a = self.operand("a", shape, ref.BF16,
                             self.bf16_values(shape, self.logu(0.01, 10)),
                             False)
        cur = a.tensor
        if r.random() < 0.1:
            # A standalone activation of the argument feeds the chain.
            act = self.activation(kind, cur)
            act.returned = r.random() < 0.3
            cur = act.result
        for i in range(nops):
            last = i == nops - 1
            if family == "conv":
                s = self.conv(kind, cur, last)
            else:
                s = self.matmul(kind, cur, last)
            cur = s.result
            e = s.result.etype
            can_act = isinstance(e, ref.QType) or e.name == "bf16" or \
                (e.name == "f32" and kind == "bf16")
            if not last and r.random() < 0.25:
                s.returned = True
            if can_act and r.random() < (0.45 if kind == "int" else 0.3):
                # fold: the activation is the only use; raw: the raw result
                # is returned too; branch: the raw result feeds the next op
                # and the activation is returned.  The latter two run the
                # activation on its own (only quantized and bf16 values).
                modes = ["fold", "fold", "raw"]
                if not last:
                    modes.append("branch")
                mode = "fold" if e.name == "f32" else r.choice(modes)
                act = self.activation(kind, cur)
                if mode == "fold":
                    cur = act.result
                elif mode == "raw":
                    s.returned = act.returned = True
                    cur = act.result if r.random() < 0.5 else s.result
                else:
                    act.returned = True

    def activations_only(self, kind):
        """relu/clamp of an argument of rank 1-4: per-tensor, or per-axis
        along the last dimension (quantized); one or two ops."""
        r = self.r
        rank = r.randint(1, 4)
        shape, n = [], 1
        for i in range(rank):
            d = self.dim(ACT_ELEMENTS // n)
            shape.append(d)
            n *= d
        shape = tuple(shape)
        constant = r.random() < 0.1
        if kind == "bf16":
            a = self.operand("a", shape, ref.BF16,
                             self.bf16_values(shape, self.logu(0.01, 10)),
                             constant)
            self.activation(kind, a.tensor).returned = True
            return
        C = shape[-1]
        if r.random() < 0.4:
            base = self.scale(1e-3, 1.0)
            scales = [float("%.6g" % (base * self.logu(0.25, 4)))
                      for _ in range(C)]
            if r.random() < 0.3:
                zps = [self.zp()] * C
            else:
                zps = [r.randint(-128, 127) for _ in range(C)]
            t = ref.QType("i8", scales, zps, axis=rank - 1)
            center = zps[0]
        else:
            t = ref.QType("i8", self.scale(1e-3, 1.0), self.zp())
            center = t.zp
        a = self.operand("a", shape, t, self.i8_values(shape, center),
                         constant)
        first = self.activation(kind, a.tensor)
        first.returned = True
        if r.random() < 0.25:
            # A second, different activation of the same argument.
            while True:
                second = self.activation(kind, a.tensor)
                if second.op != first.op or second.op == "clamp" and \
                        second.attrs != first.attrs:
                    break
                self.ops.pop()
            second.returned = True

    def activation(self, kind, x):
        """relu (or, quantized, clamp) of value x."""
        if kind == "bf16" or not isinstance(x.etype, ref.QType) or \
                self.r.random() < 0.45:
            return self.add("relu", x, x.etype, x.shape)
        lo, hi = self.clamp_bounds(x.etype)
        return self.add("clamp", x, x.etype, x.shape,
                        attrs={"lo": lo, "hi": hi})

    def clamp_bounds(self, qt):
        """Real bounds: usually half a step away from the integer grid (so
        the inward rounding is unambiguous), sometimes 'nice' values such as
        relu6 that may fall exactly on it."""
        r = self.r
        if r.random() < 0.3:
            return r.choice(((0.0, 6.0), (-1.0, 1.0), (0.0, 1e30),
                             (-1e30, 0.0)))
        if qt.per_axis:
            return self.clamp_bounds_per_axis(qt)
        lo_q = r.randint(-128, 127)
        hi_q = r.randint(lo_q, 127)
        lo = (lo_q - qt.zp - r.uniform(0.1, 0.9)) * qt.scale
        hi = (hi_q - qt.zp + r.uniform(0.1, 0.9)) * qt.scale
        return float("%.9g" % lo), float("%.9g" % hi)

    def clamp_bounds_per_axis(self, qt):
        """Bounds that give every channel a non-empty range, each bound at
        least 0.05 of a step away from every channel's integer grid."""
        r = self.r
        gm = math.exp(sum(math.log(s) for s in qt.scales) / len(qt.scales))
        for _ in range(50):
            if r.random() < 0.7:    # around 0: contains every zero point
                lo = -self.logu(0.3, 300) * gm
                hi = self.logu(0.3, 300) * gm
            else:
                lo = r.uniform(-200, 200) * gm
                hi = lo + self.logu(0.5, 300) * gm
            lo, hi = float("%.9g" % lo), float("%.9g" % hi)
            ok = True
            for s, z in zip(qt.scales, qt.zps):
                for b in (lo, hi):
                    f = Fraction(b) / Fraction(s) + z
                    if abs(f - round(f)) < Fraction(1, 20):
                        ok = False
            if not ok:
                continue
            try:
                ref.quantized_clamp_bounds(qt, lo, hi)
            except AssertionError:
                continue
            return lo, hi
        return 0.0, 1e30

    def out_type(self, kind, lhs_t, w_base, K, last):
        """The contraction's result type: for quantized programs a
        requantized i8 type (always when a later op reads it) or raw i32;
        for bf16 programs bf16 or (last) f32."""
        r = self.r
        if kind == "bf16":
            return ref.BF16 if (not last or r.random() < 0.6) else ref.F32
        if last and r.random() >= 0.65:
            return ref.I32
        # The requantization multiplier M = s_lhs * s_w / s_out: mostly one
        # that spreads the accumulators over the i8 range, some tiny
        # (everything rounds to zp), huge (saturates, left shifts) or a
        # power of two (rounding ties).
        u = r.random()
        if u < 0.8:
            mult = 40.0 / (math.sqrt(K) * 5000.0) * self.logu(0.1, 10)
        elif u < 0.88:
            mult = self.logu(2.0**-40, 2.0**-24)
        elif u < 0.94:
            mult = self.logu(1.0, 2.0**12)
        else:
            mult = 2.0 ** r.randint(-20, 3)
        s_out = float("%.6g" % (lhs_t.scale * w_base / mult))
        if u >= 0.94:
            s_out = lhs_t.scale * w_base / mult
        return ref.QType("i8", s_out, self.zp())

    def weights(self, kind, shape, K, axis):
        """Weight Operand; quantized: per-tensor or per-channel along `axis`
        (equal zero points, as the accelerator requires).  Returns the
        operand and the base scale."""
        r = self.r
        if kind == "bf16":
            w = self.operand("w", shape, ref.BF16,
                             self.bf16_values(shape, self.logu(0.1, 3) /
                                              math.sqrt(K)),
                             r.random() < 0.3)
            return w, None
        N = shape[axis]
        wzp = self.zp()
        base = self.scale(1e-4, 0.1)
        if r.random() < 0.35:
            scales = [float("%.6g" % (base * self.logu(0.25, 4)))
                      for _ in range(N)]
            w_t = ref.QType("i8", scales, [wzp] * N, axis=axis)
        else:
            w_t = ref.QType("i8", base, wzp)
        w = self.operand("w", shape, w_t, self.i8_values(shape, wzp),
                         r.random() < 0.3)
        return w, base

    def bias(self, kind, N, K):
        r = self.r
        if r.random() >= 0.5:
            return None
        if kind == "int":
            return self.operand("b", (N,), ref.I32, self.bias_values(N, K),
                                r.random() < 0.2)
        bv = (self.np.standard_normal(size=(N,)) *
              self.logu(0.01, 10)).astype(np.float32)
        return self.operand("b", (N,), ref.F32, bv, r.random() < 0.2)

    def matmul(self, kind, x, last):
        """x [B..., M, K] times a [B..., K, N] or shared [K, N] rhs."""
        r = self.r
        batch = x.shape[:-2]
        M, K = x.shape[-2:]
        nbatch = int(np.prod(batch)) if batch else 1
        N = self.dim(BATCHED_MACS // (nbatch * M * K) if batch else None)
        rshape = (batch if batch and r.random() < 0.6 else ()) + (K, N)
        w, base = self.weights(kind, rshape, K, len(rshape) - 1)
        b = self.bias(kind, N, K)
        out_t = self.out_type(kind, x.etype, base, K, last)
        return self.add("matmul", x, out_t, batch + (M, N), rhs=w, bias=b)

    def conv_geometry(self, H, W):
        """(KH, KW, strides, padding, dilations) with OH, OW >= 1."""
        r = self.r
        while True:
            KH, KW = r.randint(1, 4), r.randint(1, 4)
            strides = (r.randint(1, 3), r.randint(1, 3))
            dilations = (r.choice((1, 1, 2)), r.choice((1, 1, 2)))
            if r.random() < 0.3:
                padding = (0, 0, 0, 0)
            else:
                padding = tuple(r.randint(0, 3) for _ in range(4))
            if H + padding[0] + padding[1] - dilations[0] * (KH - 1) - 1 >= 0 \
                    and W + padding[2] + padding[3] - \
                    dilations[1] * (KW - 1) - 1 >= 0:
                return KH, KW, strides, padding, dilations

    def conv(self, kind, x, last):
        """x [N, H, W, C] convolved with a [KH, KW, C, F] filter."""
        n, H, W, C = x.shape
        KH, KW, strides, padding, dilations = self.conv_geometry(H, W)
        F = self.small(40)
        OH, OW = conv_output(H, W, KH, KW, strides, padding, dilations)
        K = KH * KW * C
        w, base = self.weights(kind, (KH, KW, C, F), K, 3)
        b = self.bias(kind, F, K)
        out_t = self.out_type(kind, x.etype, base, K, last)
        return self.add("conv2d", x, out_t, (n, OH, OW, F), rhs=w, bias=b,
                        attrs={"strides": strides, "padding": padding,
                               "dilations": dilations})

    def signless(self):
        """Plain i8 x i8 -> i32: a 2-D or batched matmul or a conv."""
        r = self.r
        u = r.random()
        if u < 0.6:
            shape = (self.dim(), self.dim())
        elif u < 0.8:
            shape = tuple(r.randint(1, 4) for _ in range(r.choice((1, 2)))) \
                + (self.dim(self.max_dim // 2), self.dim(self.max_dim // 2))
        else:
            shape = (r.randint(1, 2), self.small(20), self.small(20),
                     self.small(40))
        a = self.operand("a", shape, ref.I8, self.i8_values(shape), False)
        x = a.tensor
        if len(shape) == 4:
            n, H, W, C = shape
            KH, KW, strides, padding, dilations = self.conv_geometry(H, W)
            F = self.small(40)
            OH, OW = conv_output(H, W, KH, KW, strides, padding, dilations)
            K, N = KH * KW * C, F
            wshape, rshape = (KH, KW, C, F), (n, OH, OW, F)
        else:
            batch = shape[:-2]
            M, K = shape[-2:]
            nbatch = int(np.prod(batch)) if batch else 1
            N = self.dim(BATCHED_MACS // (nbatch * M * K) if batch else None)
            wshape = (batch if batch and r.random() < 0.6 else ()) + (K, N)
            rshape = batch + (M, N)
        w = self.operand("w", wshape, ref.I8, self.i8_values(wshape),
                         r.random() < 0.3)
        b = None
        if r.random() < 0.5:
            b = self.operand("b", (N,), ref.I32, self.bias_values(N, K),
                             False)
        attrs = None
        if len(shape) == 4:
            attrs = {"strides": strides, "padding": padding,
                     "dilations": dilations}
        self.add("conv2d" if len(shape) == 4 else "matmul", x, ref.I32,
                 rshape, rhs=w, bias=b, attrs=attrs)


def generate(seed, index, kinds, max_dim):
    g = Gen(seed, index, max_dim)
    # Always draw the kind, so that --targets does not change the programs:
    # program `index` of a seed is the same whenever its kind is tested (a
    # program of an untested kind becomes one of the tested kind).
    kind = "int" if g.r.random() < 0.7 else "bf16"
    if kind not in kinds:
        kind = kinds[0]
    return g.program(kind)


# ===----------------------------------------------------------------------=== #
# References (diagnosis and the float tolerance)
# ===----------------------------------------------------------------------=== #


def conv_attrs(s):
    if s.op != "conv2d":
        return {}
    return {"strides": tuple(s.attrs["strides"]),
            "padding": tuple(s.attrs["padding"]),
            "dilations": tuple(s.attrs["dilations"])}


def int_reference(prog):
    """Exact results of every returned op (reference.py, §1-§2)."""
    vals = {o.tensor.name: o.values for o in prog.operands}
    out = []
    for s in prog.ops:
        x = vals[s.lhs.name]
        if s.contraction:
            q = ref.quantized_contraction(
                s.op, x, s.lhs.etype, s.rhs.values, s.rhs.tensor.etype,
                None if s.bias is None else s.bias.values, s.result.etype,
                **conv_attrs(s))
        elif s.op == "relu":
            q = ref.relu_quantized(x, s.result.etype)
        else:
            q = ref.clamp_quantized(x, s.result.etype, s.attrs["lo"],
                                    s.attrs["hi"])
        vals[s.result.name] = q
        if s.returned:
            out.append(q)
    return out


def float_reference(prog):
    """(r, E) per returned op: float64 exact value and the bound E on the
    distance of any conforming implementation from it (see the module doc)."""
    vals = {o.tensor.name: (np.asarray(o.values, np.float64),
                            np.zeros(np.shape(o.values)))
            for o in prog.operands}
    out = []
    for s in prog.ops:
        a, ea = vals[s.lhs.name]
        if s.contraction:
            b = np.abs(np.asarray(s.rhs.values, np.float64))
            if s.op == "matmul":
                core, attrs = np.matmul, {}
                K = a.shape[-1]
            else:
                core, attrs = ref.conv2d_core, conv_attrs(s)
                K = b.shape[0] * b.shape[1] * b.shape[2]
            r = core(a, np.asarray(s.rhs.values, np.float64), **attrs)
            mag = core(np.abs(a) + ea, b, **attrs)
            err = core(ea, b, **attrs)
            nterms = K
            if s.bias is not None:
                bias = np.asarray(s.bias.values, np.float64)
                r = r + bias
                mag = mag + np.abs(bias)
                nterms += 1
            err = err + (nterms + 1) * U32 * mag
            if s.result.etype.name == "bf16":
                err = err + s.result.etype.ulp(np.abs(r) + err)
            err = err + 2.0 ** -140     # subnormal slack
        else:   # relu: 1-Lipschitz, E unchanged
            r, err = np.maximum(a, 0.0), ea
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
        # "placement: A op(s) on the accelerator, H on the host"
        m = re.search(r"^placement: (\d+) op\(s\) on the accelerator, "
                      r"(\d+) on the host", log, re.M)
        self.on_accel = int(m.group(1)) if m else 0
        self.on_host = int(m.group(2)) if m else 0


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
                # Exact results (a relu of an argument) have E = 0.
                with np.errstate(divide="ignore", invalid="ignore"):
                    ratio = np.where(diff == 0, 0.0, diff / tol)
                stats["max_ratio"] = max(stats["max_ratio"],
                                         float(np.max(ratio[finite])))
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
            "runs": 0, "passed": 0, "failed": 0, "fell_back": 0,
            "partly_host": 0})
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
        elif run.notices or not run.on_accel:
            fell_back.append(run.target)
            st["fell_back"] += 1
            why = reason_of(run.notices[0]) if run.notices else \
                "no op placed on the accelerator"
            stats["fallback_reasons"][why] = \
                stats["fallback_reasons"].get(why, 0) + 1
        else:
            st["passed"] += 1
            if run.on_host:
                # Tested the accelerator, but not every op: e.g. a relu of
                # an f32 result, which bf16-128x128 does not run.
                st["partly_host"] += 1
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
        description="Differential testing of accel-run: random matmul, "
                    "batched matmul, conv2d and activation programs on cpu "
                    "vs accelerator presets.")
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
                   help="largest M, K or N of a matmul (default 300; "
                        "half of it for batched matmuls; convs use fixed "
                        "ranges)")
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
            t, st["runs"], st["passed"], st["failed"], st["fell_back"]) +
              (" (%d passed with op(s) left on the host)" % st["partly_host"]
               if st["partly_host"] else ""))
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
