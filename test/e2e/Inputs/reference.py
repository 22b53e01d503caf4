#!/usr/bin/env python3
"""reference.py - independent numpy reference for the accel ops.

This file implements what every accel op computes, written from
docs/Numerics.md and the op descriptions in AccelOps.td, never from compiler
code, so that the end-to-end tests under test/e2e/ compare `accel-run` against
a second, independent reading of the numerics contract.  Integer arithmetic is
exact (int64 numpy or Python ints); floats follow the contract's rounding.

The named test cases live in cases.py.  Command line:

  reference.py selftest          check the §2 worked example and rounding ties
  reference.py list              print the case names
  reference.py signature CASE    print the entry function's MLIR signature
  reference.py gen CASE DIR      write DIR/arg0.npy, DIR/arg1.npy, ...
  reference.py check CASE DIR    compare DIR/result0.npy, ... with the reference

Exchange format (shared with accel-run): quantized tensors are their storage
integers (int8, uint8, int32), signless integers likewise, f32 is float32, f16
is float16 and bf16 is float32 holding bf16-representable values.
"""

import math
import os
import sys
from fractions import Fraction

import numpy as np

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1

# ===----------------------------------------------------------------------=== #
# Element types
# ===----------------------------------------------------------------------=== #


class FloatType:
    """f32, f16 or bf16; `precision` counts significand bits incl. the hidden one."""

    _INFO = {"f32": (24, -126, np.float32), "f16": (11, -14, np.float16),
             "bf16": (8, -126, np.float32)}

    def __init__(self, name):
        self.name = name
        self.precision, self.emin, self.dtype = self._INFO[name]

    def mlir(self):
        return self.name

    def ulp(self, v):
        """Unit in the last place of this type at magnitude |v| (float64 array)."""
        v = np.abs(np.asarray(v, np.float64))
        _, e = np.frexp(v)                      # v = f * 2^e, f in [0.5, 1)
        exp = np.maximum(e - 1, self.emin)      # floor(log2 v), subnormals clamp
        exp = np.where(v == 0, self.emin, exp)
        return np.ldexp(1.0, exp - (self.precision - 1))


class IntType:
    """A signless integer (two's complement, zero point 0)."""

    _DTYPES = {8: np.int8, 16: np.int16, 32: np.int32}

    def __init__(self, bits):
        self.bits = bits
        self.name = "i%d" % bits
        self.dtype = self._DTYPES[bits]
        self.qmin, self.qmax = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1

    def mlir(self):
        return self.name


class QType:
    """A `!quant.uniform` type with expressed type f32.

    `scales`/`zps` have one entry (per-tensor, axis None) or one per index of
    dimension `axis` (per-axis).
    """

    _STORAGE = {"i8": (-128, 127, np.int8), "u8": (0, 255, np.uint8),
                "i32": (INT32_MIN, INT32_MAX, np.int32)}

    def __init__(self, storage, scales, zps, axis=None):
        if not isinstance(scales, (list, tuple)):
            scales, zps = [scales], [zps]
        assert len(scales) == len(zps)
        assert axis is not None or len(scales) == 1
        self.storage, self.axis = storage, axis
        self.scales = [float(s) for s in scales]
        self.zps = [int(z) for z in zps]
        self.qmin, self.qmax, self.dtype = self._STORAGE[storage]
        self.name = self.mlir()
        for s, z in zip(self.scales, self.zps):
            assert s > 0 and math.isfinite(s), s
            assert self.qmin <= z <= self.qmax, z

    @property
    def per_axis(self):
        return self.axis is not None

    @property
    def scale(self):
        assert not self.per_axis
        return self.scales[0]

    @property
    def zp(self):
        assert not self.per_axis
        return self.zps[0]

    def along(self, values, rank, axis=None):
        """`values` (one per channel) shaped to broadcast against a rank-`rank`
        tensor quantized along `axis` (default: this type's axis)."""
        values = np.asarray(values)
        if not self.per_axis:
            return values.reshape(())
        axis = self.axis if axis is None else axis
        shape = [1] * rank
        shape[axis] = len(values)
        return values.reshape(shape)

    def mlir(self):
        def param(s, z):
            text = repr(s)                   # shortest round-trip decimal
            if "e" in text and "." not in text:
                text = text.replace("e", ".0e")   # MLIR floats need a '.'
            return text if z == 0 else "%s:%d" % (text, z)
        if not self.per_axis:
            return "!quant.uniform<%s:f32, %s>" % (self.storage,
                                                    param(self.scale, self.zp))
        inner = ", ".join(param(s, z) for s, z in zip(self.scales, self.zps))
        return "!quant.uniform<%s:f32:%d, {%s}>" % (self.storage, self.axis,
                                                     inner)


F32, F16, BF16 = FloatType("f32"), FloatType("f16"), FloatType("bf16")
I8, I32 = IntType(8), IntType(32)

# ===----------------------------------------------------------------------=== #
# Integer helpers (Numerics.md §1, §2)
# ===----------------------------------------------------------------------=== #


def wrap_int(x, bits=32):
    """Two's-complement wrap of exact integers to `bits` bits (§1, †)."""
    x = np.asarray(x, np.int64)
    half = np.int64(1) << (bits - 1)
    return ((x + half) & ((np.int64(1) << bits) - 1)) - half


def sat_int(x, bits=32):
    """Saturate exact integers to the signed `bits`-bit range."""
    return np.clip(np.asarray(x, np.int64), -(2 ** (bits - 1)),
                   2 ** (bits - 1) - 1)


def round_half_away_from_zero(x):
    """Python float -> int, nearest with ties away from zero, exactly."""
    r = Fraction(x)
    n = math.floor(abs(r) + Fraction(1, 2))
    return n if r >= 0 else -n


def quantize_multiplier(real_multiplier):
    """TFLite QuantizeMultiplier (§2): M ~= m * 2^(e - 31), returns (m, e)."""
    assert real_multiplier > 0 and math.isfinite(real_multiplier)
    f, e = math.frexp(real_multiplier)            # M = f * 2^e, f in [0.5, 1)
    m = round_half_away_from_zero(f * 2.0**31)   # exact: scaling by 2^31
    if m == 2**31:
        m, e = 2**30, e + 1
    if e < -31:
        m, e = 0, 0
    if e > 30:
        m, e = 2**31 - 1, 30
    assert 0 <= m <= 2**31 - 1
    return m, e


def srdhm(x, m):
    """SaturatingRoundingDoublingHighMul: floor((x*m + 2^30) / 2^31) (§2).

    Ties round toward +infinity; the only overflow, x = m = -2^31, gives
    2^31 - 1.  x and m are int32 values; x*m fits in int64.
    """
    x = np.asarray(x, np.int64)
    m = np.asarray(m, np.int64)
    assert np.all((x >= INT32_MIN) & (x <= INT32_MAX))
    assert np.all((m >= INT32_MIN) & (m <= INT32_MAX))
    overflow = (x == INT32_MIN) & (m == INT32_MIN)
    r = (x * m + (1 << 30)) >> 31      # numpy >> on int64 is floor division
    return np.where(overflow, INT32_MAX, r)


def rdbpot(x, n):
    """RoundingDivideByPOT: x / 2^n to nearest, ties away from zero (§2).

    Written as sign(x) * floor((|x| + 2^(n-1)) / 2^n); the selftest checks it
    against the mask formulation printed in Numerics.md.
    """
    x = np.asarray(x, np.int64)
    n = np.asarray(n, np.int64)
    assert np.all((n >= 0) & (n <= 31))
    half = np.where(n > 0, np.left_shift(np.int64(1), np.maximum(n - 1, 0)), 0)
    mag = (np.abs(x) + half) >> n
    return np.sign(x) * mag


def rdbpot_mask_form(x, n):
    """The gemmlowp formulation quoted in Numerics.md, for the selftest."""
    x = np.asarray(x, np.int64)
    n = np.asarray(n, np.int64)
    mask = (np.int64(1) << n) - 1
    remainder = x & mask
    threshold = (mask >> 1) + (x < 0)
    return (x >> n) + (remainder > threshold)


def mbqm(x, m, e):
    """MultiplyByQuantizedMultiplier with sat32 on the left shift (§2)."""
    e = np.asarray(e, np.int64)
    left = np.maximum(e, 0)
    right = np.maximum(-e, 0)
    shifted = sat_int(np.asarray(x, np.int64) << left, 32)
    return rdbpot(srdhm(shifted, m), right)


def requantize_values(x, multipliers, zp_out, qmin, qmax):
    """out = clamp(zp_out + MBQM(x, M), qmin, qmax) for int32 values `x`;
    `multipliers` is an array of real multipliers broadcastable against x."""
    multipliers = np.asarray(multipliers, np.float64)
    me = [quantize_multiplier(float(M)) for M in multipliers.ravel()]
    m = np.array([p[0] for p in me], np.int64).reshape(multipliers.shape)
    e = np.array([p[1] for p in me], np.int64).reshape(multipliers.shape)
    return np.clip(zp_out + mbqm(x, m, e), qmin, qmax)


# ===----------------------------------------------------------------------=== #
# Float helpers
# ===----------------------------------------------------------------------=== #

# Unit roundoff of the f32 accumulator.
U32 = 2.0**-24


def round_to_bf16(x):
    """Round float32 values to bf16 (nearest even on the f32 bit pattern);
    returns float32 holding bf16 values.  NaN stays NaN, overflow gives inf."""
    x = np.asarray(x, np.float32)
    bits = np.atleast_1d(x).view(np.uint32).astype(np.uint64)
    lsb = (bits >> np.uint64(16)) & np.uint64(1)
    high = np.uint64(0xFFFF0000)
    rounded = ((bits + np.uint64(0x7FFF) + lsb) & high).astype(np.uint32)
    quiet_nan = ((bits | np.uint64(0x00400000)) & high).astype(np.uint32)
    out = np.where(np.isnan(np.atleast_1d(x)), quiet_nan, rounded)
    return out.view(np.float32).reshape(x.shape)


def is_bf16_representable(x):
    x = np.asarray(x, np.float32)
    return np.isnan(x) | ((x.view(np.uint32) & 0xFFFF) == 0)


def round_to(x, ftype):
    """Round f32 (or wider) values to `ftype`, nearest even, in its exchange
    dtype.  float64 inputs are rounded once, directly."""
    with np.errstate(over="ignore"):
        if ftype.name == "f32":
            return np.asarray(x).astype(np.float32)
        if ftype.name == "f16":
            return np.asarray(x).astype(np.float16)
        assert np.asarray(x).dtype != np.float64, "bf16 from f64 would round twice"
        return round_to_bf16(x)


def cast(x, src, dst):
    """accel.cast (§6) of `src` values `x`: widening is exact; narrowing
    rounds to nearest even, overflows to infinity, keeps subnormals and NaN.
    Every f32, f16 and bf16 value is exact in f32, so going through f32
    rounds only once."""
    assert src.name in ("f32", "f16", "bf16") and dst.name in ("f32", "f16",
                                                                "bf16")
    return round_to(np.asarray(x).astype(np.float32), dst)


def round_inward(bound, ftype, is_lower):
    """A clamp bound (f64) rounded inward to `ftype` (§5, †)."""
    dtype = np.dtype(ftype.dtype)
    if math.isinf(bound):
        return dtype.type(bound)
    # Nearest (for bf16 possibly via f32, still one of the two neighbours of
    # `bound`), then one step inward if it landed outside.
    v = np.array(bound).astype(dtype)
    if ftype.name == "bf16":
        v = round_to_bf16(v)
    outside = (float(v) < bound) if is_lower else (float(v) > bound)
    if outside and ftype.name == "bf16":    # step the upper 16 bits
        bits = int(np.array(v, np.float32).view(np.uint32))
        magnitude_down = (bits >> 31 == 1) == is_lower
        bits += -0x10000 if magnitude_down else 0x10000
        v = np.array(bits, np.uint32).view(np.float32)
    elif outside:
        v = np.nextafter(v, dtype.type(np.inf if is_lower else -np.inf))
    assert (float(v) >= bound) if is_lower else (float(v) <= bound)
    return dtype.type(v)

# ===----------------------------------------------------------------------=== #
# Contractions
# ===----------------------------------------------------------------------=== #


def contract(lhs, rhs, transpose_lhs=False, transpose_rhs=False):
    """sum_k lhs[..., m, k] * rhs[..., k, n] in the arrays' own dtype
    (int64: exact; float64: the reference for float operands)."""
    if transpose_lhs:
        lhs = np.swapaxes(lhs, -1, -2)
    if transpose_rhs:
        rhs = np.swapaxes(rhs, -1, -2)
    return np.matmul(lhs, rhs)          # a 2-D rhs is shared by every batch


def conv2d_core(x, w, strides=(1, 1), padding=(0, 0, 0, 0), dilations=(1, 1),
                groups=1):
    """NHWC x HWCF grouped convolution with zero padding, in x's dtype."""
    n, h, wd, c = x.shape
    kh, kw, cg, f = w.shape
    assert c == cg * groups and f % groups == 0, (x.shape, w.shape, groups)
    pt, pb, pl, pr = padding
    sh, sw = strides
    dh, dw = dilations
    oh = (h + pt + pb - dh * (kh - 1) - 1) // sh + 1
    ow = (wd + pl + pr - dw * (kw - 1) - 1) // sw + 1
    xp = np.zeros((n, h + pt + pb, wd + pl + pr, c), x.dtype)
    xp[:, pt:pt + h, pl:pl + wd, :] = x
    fg = f // groups
    wg = w.reshape(kh, kw, cg, groups, fg)     # f = g * fg + j
    out = np.zeros((n, oh, ow, groups, fg), x.dtype)
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, i * dh:i * dh + sh * (oh - 1) + 1:sh,
                       j * dw:j * dw + sw * (ow - 1) + 1:sw, :]
            patch = patch.reshape(n, oh, ow, groups, cg)   # c = g * cg + i
            out += np.einsum("nhwgc,cgf->nhwgf", patch, wg[i, j])
    return out.reshape(n, oh, ow, f)


def float_contraction(op, lhs, rhs, bias=None, **attrs):
    """Float matmul/conv2d: returns (reference in float64, error bound of the
    f32 accumulation).  See `check_bounded` for the bound's derivation."""
    core = contract if op == "matmul" else conv2d_core
    a = np.asarray(lhs, np.float64)
    b = np.asarray(rhs, np.float64)
    ref = core(a, b, **attrs)
    sum_abs = core(np.abs(a), np.abs(b), **attrs)
    if op == "matmul":
        k = a.shape[-2] if attrs.get("transpose_lhs") else a.shape[-1]
    else:
        k = b.shape[0] * b.shape[1] * b.shape[2]
    nterms = k
    if bias is not None:
        ref = ref + np.asarray(bias, np.float64)
        sum_abs = sum_abs + np.abs(np.asarray(bias, np.float64))
        nterms += 1
    return ref, f32_sum_bound(sum_abs, nterms)


def f32_sum_bound(sum_abs, nterms):
    """Error bound of an f32 dot product of `nterms` terms, in any order.

    An inner product evaluated in any order (sequential, pairwise, K split by
    tiling, with or without FMA) satisfies |fl(x.y) - x.y| <= gamma_n |x|.|y|
    with gamma_n = n*u / (1 - n*u), u = 2^-24 (Higham, Accuracy and Stability
    of Numerical Algorithms, ch. 3); a bias is one more term.  For the small
    n used here (n*u < 1/(n+1)), gamma_n <= (n + 1) * u.  The reference sum
    itself is float64 (error ~n * 2^-53, negligible).
    """
    return (nterms + 1) * U32 * np.asarray(sum_abs, np.float64)


def quantized_contraction(op, q_lhs, lhs_t, q_rhs, rhs_t, bias, out_t,
                          **attrs):
    """Quantized or signless-integer matmul/conv2d (§1): zero points first,
    exact int64 sum, + bias, wrap to the i32 accumulator, then either the raw
    accumulators or requantization with M[c] = s_lhs * s_rhs[c] / s_out."""
    core = contract if op == "matmul" else conv2d_core
    a = np.asarray(q_lhs, np.int64)
    b = np.asarray(q_rhs, np.int64)
    if op == "matmul":
        channel_axis = b.ndim - 2 if attrs.get("transpose_rhs") else b.ndim - 1
    else:
        channel_axis = 3
    if isinstance(lhs_t, QType):
        a = a - lhs_t.zp            # padding holds zp_lhs, that is a = 0
        b = b - rhs_t.along(rhs_t.zps, b.ndim)
        if rhs_t.per_axis:
            assert rhs_t.axis == channel_axis, (rhs_t.axis, channel_axis)
    acc = core(a, b, **attrs)
    if bias is not None:
        acc = acc + np.asarray(bias, np.int64)
    acc = wrap_int(acc, 32)
    if isinstance(out_t, IntType):
        return acc.astype(out_t.dtype)
    rhs_scales = np.asarray(rhs_t.scales, np.float64)
    multipliers = np.array([lhs_t.scale * s / out_t.scale for s in rhs_scales])
    out = requantize_values(acc, multipliers if rhs_t.per_axis
                            else multipliers.reshape(()), out_t.zp,
                            out_t.qmin, out_t.qmax)
    return out.astype(out_t.dtype)

# ===----------------------------------------------------------------------=== #
# Pooling
# ===----------------------------------------------------------------------=== #


def pool_windows(x, window, strides, padding, fill):
    """All windows of an NHWC tensor: (values [N,OH,OW,C,KH*KW], valid mask)."""
    n, h, w, c = x.shape
    kh, kw = window
    sh, sw = strides
    pt, pb, pl, pr = padding
    assert pt < kh and pb < kh and pl < kw and pr < kw
    oh = (h + pt + pb - kh) // sh + 1
    ow = (w + pl + pr - kw) // sw + 1
    xp = np.full((n, h + pt + pb, w + pl + pr, c), fill, x.dtype)
    xp[:, pt:pt + h, pl:pl + w, :] = x
    mask = np.zeros((1, h + pt + pb, w + pl + pr, 1), bool)
    mask[:, pt:pt + h, pl:pl + w, :] = True
    vals, valid = [], []
    for i in range(kh):
        for j in range(kw):
            sl = (slice(None), slice(i, i + sh * (oh - 1) + 1, sh),
                  slice(j, j + sw * (ow - 1) + 1, sw), slice(None))
            vals.append(xp[sl])
            valid.append(np.broadcast_to(mask[sl], (n, oh, ow, c)))
    return np.stack(vals, -1), np.stack(valid, -1)


def max_pool2d(x, window, strides=(1, 1), padding=(0, 0, 0, 0)):
    """Maximum of the input elements of each window; padding never wins."""
    vals, valid = pool_windows(x, window, strides, padding, x.flat[0])
    assert valid.any(-1).all()
    if np.issubdtype(x.dtype, np.floating):
        low = np.array(-np.inf, x.dtype)
    else:
        low = np.array(np.iinfo(x.dtype).min, x.dtype)
    return np.where(valid, vals, low).max(-1).astype(x.dtype)


def avg_pool2d_float(x, window, strides=(1, 1), padding=(0, 0, 0, 0),
                     count_include_pad=False):
    """Float mean: returns (float64 reference, bound of the f32 sum/divide)."""
    vals, valid = pool_windows(np.asarray(x, np.float64), window, strides,
                               padding, 0.0)
    vals = np.where(valid, vals, 0.0)
    count = (window[0] * window[1] if count_include_pad
             else valid.sum(-1).astype(np.float64))
    ref = vals.sum(-1) / count
    bound = f32_sum_bound(np.abs(vals).sum(-1), window[0] * window[1]) / count
    return ref, bound


def avg_pool2d_quantized(q, qt, window, strides=(1, 1), padding=(0, 0, 0, 0),
                         count_include_pad=False):
    """Quantized mean (§4): sum of q (padding holds zp when counted), divided
    by the count, nearest with ties away from zero.  Per-axis types (along
    channels, dimension 3) pad each channel with its own zero point."""
    if qt.per_axis:
        assert qt.axis == 3
        channels = []
        for c in range(q.shape[3]):
            one = QType(qt.storage, qt.scales[c], qt.zps[c])
            channels.append(avg_pool2d_quantized(
                q[..., c:c + 1], one, window, strides, padding,
                count_include_pad))
        return np.concatenate(channels, axis=3)
    vals, valid = pool_windows(np.asarray(q, np.int64), window, strides,
                               padding, qt.zp)
    if count_include_pad:
        total = vals.sum(-1)
        count = np.int64(window[0] * window[1])
    else:
        total = np.where(valid, vals, 0).sum(-1)
        count = valid.sum(-1).astype(np.int64)
    mean = np.sign(total) * ((2 * np.abs(total) + count) // (2 * count))
    return np.clip(mean, qt.qmin, qt.qmax).astype(qt.dtype)

# ===----------------------------------------------------------------------=== #
# Elementwise, quantize, dequantize, requantize
# ===----------------------------------------------------------------------=== #


def relu_float(x):
    return np.maximum(x, np.zeros((), x.dtype))


def relu_quantized(q, qt):
    zp = qt.along(qt.zps, q.ndim)
    return np.maximum(np.asarray(q, np.int64), zp).astype(qt.dtype)


def clamp_float(x, ftype, lo, hi):
    lo_t = round_inward(lo, ftype, True)
    hi_t = round_inward(hi, ftype, False)
    return np.minimum(np.maximum(x, np.asarray(lo_t, x.dtype)),
                      np.asarray(hi_t, x.dtype))


def quantized_clamp_bounds(qt, lo, hi):
    """Per channel: [ceil(lo/s + zp), floor(hi/s + zp)] ∩ [qmin, qmax], with
    exact rational arithmetic on the f64 attribute and scale values."""
    los, his = [], []
    for s, z in zip(qt.scales, qt.zps):
        if math.isinf(lo):
            qlo = qt.qmin if lo < 0 else qt.qmax + 1
        else:
            qlo = math.ceil(Fraction(lo) / Fraction(s) + z)
        if math.isinf(hi):
            qhi = qt.qmax if hi > 0 else qt.qmin - 1
        else:
            qhi = math.floor(Fraction(hi) / Fraction(s) + z)
        qlo, qhi = max(qlo, qt.qmin), min(qhi, qt.qmax)
        assert qlo <= qhi, "empty clamp range"
        # A test must not depend on whether the bounds are computed exactly
        # or in double precision (Numerics.md does not say): require both
        # readings to agree for the values a case uses.
        with np.errstate(over="ignore"):
            dlo = max(qt.qmin, min(qt.qmax + 1, math.ceil(lo / s + z))) \
                if math.isfinite(lo) else qlo
            dhi = min(qt.qmax, max(qt.qmin - 1, math.floor(hi / s + z))) \
                if math.isfinite(hi) else qhi
        assert (dlo, dhi) == (qlo, qhi), \
            "clamp bound on an integer boundary: exact and f64 disagree"
        los.append(qlo)
        his.append(qhi)
    return los, his


def clamp_quantized(q, qt, lo, hi):
    los, his = quantized_clamp_bounds(qt, lo, hi)
    return np.clip(np.asarray(q, np.int64), qt.along(los, q.ndim),
                   qt.along(his, q.ndim)).astype(qt.dtype)


BINARY_OPS = {"add": np.add, "sub": np.subtract, "mul": np.multiply}


def binary_float(op, a, b, ftype):
    """add/sub/mul: one f32 operation, rounded once to the element type (§5)."""
    r = BINARY_OPS[op](np.asarray(a, np.float32), np.asarray(b, np.float32))
    return round_to(r, ftype)


def binary_quantized(op, ql, lt, qr, rt, out_t):
    """quantize(dequantize(lhs) op dequantize(rhs)) in f32 (§4)."""
    r = BINARY_OPS[op](dequantize(ql, lt), dequantize(qr, rt))
    return quantize(r, out_t)


def quantize(x, qt):
    """q = clamp(round_half_even(x / s) + zp) with x / s in f32 (§3)."""
    x = np.asarray(x, np.float32)
    s = qt.along(np.asarray(qt.scales, np.float32), x.ndim)
    zp = qt.along(np.asarray(qt.zps, np.float64), x.ndim)
    with np.errstate(over="ignore", divide="ignore"):
        r = np.rint(x / s).astype(np.float64)     # f32 divide, ties to even
    assert not np.isnan(r).any(), "NaN input to quantize is unspecified"
    return np.clip(r + zp, qt.qmin, qt.qmax).astype(np.int64).astype(qt.dtype)


def dequantize(q, qt):
    """x = (q - zp) * s in f32, s rounded to f32 first (§3)."""
    d = np.asarray(q, np.int64) - qt.along(np.asarray(qt.zps, np.int64),
                                           np.ndim(q))
    s = qt.along(np.asarray(qt.scales, np.float32), np.ndim(q))
    return d.astype(np.float32) * s


def requantize(q, in_t, out_t):
    """accel.requantize (§2): x = sat32(q - zp_in[c]), M[c] = s_in[c]/s_out."""
    assert not out_t.per_axis
    q = np.asarray(q, np.int64)
    x = sat_int(q - in_t.along(np.asarray(in_t.zps, np.int64), q.ndim), 32)
    multipliers = in_t.along(np.array([s / out_t.scale for s in in_t.scales]),
                             q.ndim)
    return requantize_values(x, multipliers, out_t.zp, out_t.qmin,
                             out_t.qmax).astype(out_t.dtype)

# ===----------------------------------------------------------------------=== #
# Expected results and comparison
# ===----------------------------------------------------------------------=== #


class Exact:
    """A result compared bit for bit (NaN matches NaN).  `signed_zero` also
    compares the sign of zeros (casts)."""

    def __init__(self, etype, values, signed_zero=False):
        self.etype = etype
        self.values = np.asarray(values, etype.dtype)
        self.shape = self.values.shape
        self.signed_zero = signed_zero


class Bounded:
    """A float result within `bound` + 1 ulp (result type) of `ref` (float64)."""

    def __init__(self, etype, ref, bound):
        self.etype = etype
        self.ref = np.asarray(ref, np.float64)
        self.bound = np.broadcast_to(np.asarray(bound, np.float64),
                                     self.ref.shape)
        self.shape = self.ref.shape

    @property
    def values(self):
        """The reference rounded to the result type (for the fake check)."""
        if self.etype.name == "bf16":   # float64 -> bf16 in one rounding
            return round_to_bf16(_f64_to_f32_round_to_odd(self.ref))
        return round_to(self.ref, self.etype)


def _f64_to_f32_round_to_odd(x):
    """float64 -> float32 rounding to odd, so that a later rounding to bf16
    equals a single rounding from float64."""
    x = np.asarray(x, np.float64)
    f = x.astype(np.float32)
    back = f.astype(np.float64)
    inexact = back != x
    bits = f.view(np.uint32)
    odd = (bits & 1) == 1
    # step toward x when the nearest f32 is even and inexact
    toward = np.where(back < x, np.float32(np.inf), np.float32(-np.inf))
    stepped = np.nextafter(f, toward)
    return np.where(inexact & ~odd, stepped, f)


class Case:
    def __init__(self, name, args, results, doc=""):
        self.name, self.args, self.results, self.doc = name, args, results, doc

    def signature(self):
        def ttype(shape, etype):
            return "tensor<%s>" % "x".join([str(d) for d in shape] +
                                           [etype.mlir()])
        args = ", ".join("%%arg%d: %s" % (i, ttype(a.shape, t))
                         for i, (t, a) in enumerate(self.args))
        res = ", ".join(ttype(r.shape, r.etype) for r in self.results)
        return "func.func @%s(%s) -> (%s)" % (self.name, args, res)


class CheckFailure(Exception):
    pass


def _exchange_dtype(etype):
    return np.dtype(etype.dtype)


def _report_mismatch(name, bad, got, want, extra=None, limit=10):
    idx = np.argwhere(bad)
    lines = ["%s: %d of %d elements differ; first mismatches:"
             % (name, len(idx), bad.size)]
    for ix in idx[:limit]:
        t = tuple(int(i) for i in ix)
        line = "  %s: got %r, expected %r" % (list(t), got[t].item(),
                                              want[t].item())
        if extra is not None:
            line += extra(t)
        lines.append(line)
    raise CheckFailure("\n".join(lines))


def check_exact(name, got, exp):
    want = exp.values
    if np.issubdtype(want.dtype, np.floating):
        same = (got == want) | (np.isnan(got) & np.isnan(want))
        if exp.signed_zero:
            same &= np.signbit(got) == np.signbit(want)
    else:
        same = got == want
    if not same.all():
        _report_mismatch(name, ~same, got, want)


def check_bounded(name, got, exp):
    """|got - ref| <= bound + ulp_T(|ref| + bound).

    `bound` covers the f32 accumulation (f32_sum_bound); the final conversion
    of the accumulator to the result type T rounds to nearest (half an ulp of
    T), and an accumulator already off by `bound` may sit across a rounding
    boundary, hence one full ulp of T at the largest magnitude in range.  For
    an f16/bf16 result the ulp term dominates: "within 1 ulp of the result
    type" plus the f32 accumulation slack.
    """
    g = np.asarray(got, np.float64)
    tol = exp.bound + exp.etype.ulp(np.abs(exp.ref) + exp.bound)
    diff = np.abs(g - exp.ref)
    ok = diff <= tol
    ok &= np.isfinite(g) | ~np.isfinite(exp.ref)
    if not ok.all():
        _report_mismatch(name, ~ok, g, exp.ref,
                         lambda t: " (|diff| %.3g > tolerance %.3g)"
                         % (diff[t], tol[t]))


def check_result(name, got, exp):
    want_dtype = _exchange_dtype(exp.etype)
    if got.dtype != want_dtype:
        raise CheckFailure("%s: expected dtype %s (element type %s), found %s"
                           % (name, want_dtype, exp.etype.name, got.dtype))
    if tuple(got.shape) != tuple(exp.shape):
        raise CheckFailure("%s: expected shape %s, found %s"
                           % (name, list(exp.shape), list(got.shape)))
    if exp.etype.name == "bf16":
        bad = ~is_bf16_representable(got)
        if bad.any():
            _report_mismatch(name + " (values not representable in bf16)",
                             bad, got, round_to_bf16(got))
    if isinstance(exp, Exact):
        check_exact(name, got, exp)
    else:
        check_bounded(name, got, exp)

# ===----------------------------------------------------------------------=== #
# Self-test
# ===----------------------------------------------------------------------=== #


def selftest():
    # §2 worked example: s_lhs 0.05, s_rhs 0.1, s_out 0.2, zp_out -1, i8.
    M = 0.05 * 0.1 / 0.2
    m, e = quantize_multiplier(M)          # M = 0.8 * 2^-5
    assert (m, e) == (1717986918, -5), (m, e)
    assert int(srdhm(1234, m)) == 987
    assert int(rdbpot(987, 5)) == 31
    assert int(srdhm(-20, m)) == -16
    assert int(rdbpot(-16, 5)) == -1
    out = requantize_values(np.array([1234, -20]), np.array(M), -1, -128, 127)
    assert out.tolist() == [30, -2], out
    # SRDHM ties go toward +inf; the only overflow saturates.
    assert int(srdhm(1, 2**30)) == 1
    assert int(srdhm(-1, 2**30)) == 0
    assert int(srdhm(3, 2**30)) == 2 and int(srdhm(-3, 2**30)) == -1
    assert int(srdhm(INT32_MIN, INT32_MIN)) == INT32_MAX
    assert int(srdhm(INT32_MAX, INT32_MAX)) == INT32_MAX - 1
    assert int(srdhm(INT32_MIN, INT32_MAX)) == INT32_MIN + 1
    # RDBPOT ties go away from zero.
    assert [int(rdbpot(v, 1)) for v in (1, -1, 3, -3, 2, -2)] == \
        [1, -1, 2, -2, 1, -1]
    assert [int(rdbpot(v, 2)) for v in (6, -6, 5, -5, 7, -7)] == \
        [2, -2, 1, -1, 2, -2]
    assert int(rdbpot(INT32_MIN, 31)) == -1
    assert int(rdbpot(INT32_MAX, 31)) == 1
    assert int(rdbpot(-(2**30), 31)) == -1 and int(rdbpot(2**30 - 1, 31)) == 0
    assert int(rdbpot(12345, 0)) == 12345
    rng = np.random.default_rng(0)
    xs = np.concatenate([rng.integers(INT32_MIN, INT32_MAX, 20000,
                                      endpoint=True),
                         np.arange(-70, 71), [INT32_MIN, INT32_MAX]])
    for n in range(32):
        assert (rdbpot(xs, n) == rdbpot_mask_form(xs, n)).all(), n
        exact = [round_half_away_from_zero(Fraction(int(v), 2**n))
                 for v in xs[-143:]]
        assert rdbpot(xs[-143:], n).tolist() == exact, n
    # SRDHM equals gemmlowp's nudge-and-truncate form (Numerics.md §2).
    ms = np.concatenate([rng.integers(0, INT32_MAX, 200, endpoint=True),
                         [0, 1, 2**30, INT32_MAX]])
    for mv in ms:
        prod = xs * np.int64(mv)
        nudged = prod + np.where(prod >= 0, 2**30, 1 - 2**30)
        trunc = np.sign(nudged) * (np.abs(nudged) >> 31)
        assert (srdhm(xs, mv) == trunc).all(), mv
    # QuantizeMultiplier fixups.
    assert quantize_multiplier(0.5) == (2**30, 0)
    assert quantize_multiplier(1.0) == (2**30, 1)
    assert quantize_multiplier(0.125 * (1 - 2.0**-40)) == (2**30, -2)
    assert quantize_multiplier(2.0**-33) == (0, 0)      # e = -32 < -31
    assert quantize_multiplier(2.0**-32) == (2**30, -31)
    assert quantize_multiplier(2.0**30) == (2**31 - 1, 30)   # e = 31 > 30
    assert quantize_multiplier(2.0**31) == (2**31 - 1, 30)
    # MBQM left shift saturates (sat32) before the multiply.
    m3, e3 = quantize_multiplier(3.0)
    assert e3 == 2 and int(mbqm(2**30, m3, e3)) == int(srdhm(INT32_MAX, m3))
    # bf16 rounding: ties to even on the bit pattern, overflow to inf.
    bits = np.array([0x3F808000, 0x3F818000, 0x3F808001, 0x7F7FFFFF,
                     0x00008000, 0x80018000], np.uint32)
    got = round_to_bf16(bits.view(np.float32)).view(np.uint32)
    assert got.tolist() == [0x3F800000, 0x3F820000, 0x3F810000, 0x7F800000,
                            0x00000000, 0x80020000], [hex(v) for v in got]
    # Quantized avg-pool rounding: ties away from zero.
    q = np.array([[[[1], [2]], [[2], [2]]]], np.int8)          # sum 7 / 4
    qt = QType("i8", 1.0, 0)
    assert avg_pool2d_quantized(q, qt, (2, 2)).item() == 2
    assert avg_pool2d_quantized(-q, qt, (2, 2)).item() == -2
    assert avg_pool2d_quantized(np.full_like(q, -2) + np.array(
        [[[[0], [0]], [[0], [2]]]], np.int8), qt, (2, 2)).item() == -2  # -1.5
    # Float inward rounding of clamp bounds.
    assert float(round_inward(-0.1, F32, True)) > -0.1
    assert float(round_inward(0.7, F32, False)) <= 0.7
    print("PASS selftest")

# ===----------------------------------------------------------------------=== #
# Command line
# ===----------------------------------------------------------------------=== #


def _load_cases():
    sys.modules.setdefault("reference", sys.modules[__name__])
    sys.dont_write_bytecode = True   # keep the source tree clean under lit
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import cases  # noqa: E402  (registry beside this file)
    return cases.CASES


def _get_case(name):
    registry = _load_cases()
    if name not in registry:
        sys.exit("error: unknown case '%s' (known: %s)"
                 % (name, ", ".join(sorted(registry))))
    return registry[name]()


def gen(name, directory):
    case = _get_case(name)
    os.makedirs(directory, exist_ok=True)
    for i, (etype, arr) in enumerate(case.args):
        arr = np.asarray(arr)
        assert arr.dtype == _exchange_dtype(etype), (name, i, arr.dtype)
        np.save(os.path.join(directory, "arg%d.npy" % i), arr)


def check(name, directory):
    case = _get_case(name)
    failures = []
    for i, exp in enumerate(case.results):
        path = os.path.join(directory, "result%d.npy" % i)
        label = "%s result%d" % (name, i)
        if not os.path.exists(path):
            failures.append("%s: missing %s" % (label, path))
            continue
        try:
            got = np.load(path, allow_pickle=False)
            check_result(label, got, exp)
        except CheckFailure as err:
            failures.append(str(err))
        except Exception as err:  # unreadable file
            failures.append("%s: cannot read %s: %s" % (label, path, err))
    extra = os.path.join(directory, "result%d.npy" % len(case.results))
    if os.path.exists(extra):
        failures.append("%s: unexpected %s (the case has %d results)"
                        % (name, extra, len(case.results)))
    if failures:
        print("\n".join(failures), file=sys.stderr)
        print("FAIL %s" % name, file=sys.stderr)
        return 1
    print("PASS %s" % name)
    return 0


def main(argv):
    usage = ("usage: reference.py selftest | list | signature CASE | "
             "gen CASE DIR | check CASE DIR")
    if len(argv) == 1 and argv[0] == "selftest":
        selftest()
        return 0
    if len(argv) == 1 and argv[0] == "list":
        print("\n".join(sorted(_load_cases())))
        return 0
    if len(argv) == 2 and argv[0] == "signature":
        print(_get_case(argv[1]).signature())
        return 0
    if len(argv) == 3 and argv[0] == "gen":
        gen(argv[1], argv[2])
        return 0
    if len(argv) == 3 and argv[0] == "check":
        return check(argv[1], argv[2])
    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
