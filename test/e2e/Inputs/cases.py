"""cases.py - the named end-to-end cases checked by reference.py.

This file implements the case registry used by the lit tests in test/e2e/:
each case builds its inputs deterministically (np.random.default_rng with a
fixed seed), fixes its quantization parameters and computes its expected
results with the semantics in reference.py.  A case's name is the entry
function of the matching .mlir test, whose signature must equal
`reference.py signature CASE`.

Quantized inputs span their whole storage range and contain both extremes;
requantization inputs are chosen to land on rounding ties.
"""

import numpy as np

import reference as ref
from reference import BF16, F16, F32, I8, I32, Bounded, Case, Exact, QType

CASES = {}


def case(builder):
    """Registers `builder() -> (args, results)` as the case of its name."""
    def make():
        args, results = builder()
        return Case(builder.__name__, args, results, builder.__doc__ or "")
    CASES[builder.__name__] = make
    return builder

# ===----------------------------------------------------------------------=== #
# Input generators
# ===----------------------------------------------------------------------=== #


def f32(rng, shape, lo=-1.0, hi=1.0):
    return rng.uniform(lo, hi, shape).astype(np.float32)


def bf16(rng, shape, lo=-1.0, hi=1.0):
    return ref.round_to_bf16(f32(rng, shape, lo, hi))


def f16(rng, shape, lo=-1.0, hi=1.0):
    return f32(rng, shape, lo, hi).astype(np.float16)


def qrand(rng, shape, qt, lo=None, hi=None):
    """Uniform storage integers in [lo, hi] (default: the storage range),
    with the storage extremes planted in the first and last elements."""
    lo = qt.qmin if lo is None else lo
    hi = qt.qmax if hi is None else hi
    q = rng.integers(lo, hi, shape, endpoint=True)
    flat = q.reshape(-1)
    flat[0], flat[-1] = qt.qmin, qt.qmax
    if flat.size > 3:
        flat[1], flat[-2] = qt.qmax, qt.qmin
    return q.astype(qt.dtype)


def bounded(etype, ref_and_bound):
    return Bounded(etype, *ref_and_bound)

# ===----------------------------------------------------------------------=== #
# matmul.mlir
# ===----------------------------------------------------------------------=== #


@case
def matmul_f32():
    """f32 x f32 -> f32, M=7 K=33 N=10."""
    rng = np.random.default_rng(1)
    a, b = f32(rng, (7, 33)), f32(rng, (33, 10))
    return ([(F32, a), (F32, b)],
            [bounded(F32, ref.float_contraction("matmul", a, b))])


@case
def matmul_f32_bias_transpose_rhs():
    """f32 with bias [N] and rhs [N, K]."""
    rng = np.random.default_rng(2)
    a, b, bias = f32(rng, (7, 33)), f32(rng, (10, 33)), f32(rng, (10,), -4, 4)
    r = ref.float_contraction("matmul", a, b, bias, transpose_rhs=True)
    return [(F32, a), (F32, b), (F32, bias)], [bounded(F32, r)]


@case
def matmul_f32_transpose_lhs():
    """f32 with lhs [K, M]."""
    rng = np.random.default_rng(3)
    a, b = f32(rng, (33, 7)), f32(rng, (33, 10))
    r = ref.float_contraction("matmul", a, b, transpose_lhs=True)
    return [(F32, a), (F32, b)], [bounded(F32, r)]


@case
def matmul_bf16():
    """bf16 operands, f32 accumulator; one f32 and one bf16 result."""
    rng = np.random.default_rng(4)
    a, b = bf16(rng, (7, 33), -2, 2), bf16(rng, (33, 10), -2, 2)
    r = ref.float_contraction("matmul", a, b)
    return [(BF16, a), (BF16, b)], [bounded(F32, r), bounded(BF16, r)]


@case
def matmul_f16_bias():
    """f16 operands, f32 accumulator and bias, f16 result."""
    rng = np.random.default_rng(5)
    a, b = f16(rng, (9, 17), -4, 4), f16(rng, (17, 12), -4, 4)
    bias = f32(rng, (12,), -30, 30)
    r = ref.float_contraction("matmul", a, b, bias)
    return [(F16, a), (F16, b), (F32, bias)], [bounded(F16, r)]


@case
def matmul_i8_i32():
    """Signless i8 x i8 -> i32 raw accumulators; the second result adds a
    bias near the i32 limits, so its sums wrap modulo 2^32."""
    rng = np.random.default_rng(6)
    a, b = qrand(rng, (7, 33), I8), qrand(rng, (33, 10), I8)
    a[0, :], b[:, 0] = -128, -128          # acc[0, 0] = 33 * 16384
    a[1, :], b[:, 1] = 127, -128
    bias = np.array([2**31 - 1, -2**31, 2**31 - 1000, -2**31 + 1000, 0,
                     123456, -7, 2**30, -2**30, 5], np.int32)
    raw = ref.quantized_contraction("matmul", a, I8, b, I8, None, I32)
    wrapped = ref.quantized_contraction("matmul", a, I8, b, I8, bias, I32)
    return ([(I8, a), (I8, b), (I32, bias)],
            [Exact(I32, raw), Exact(I32, wrapped)])

# ===----------------------------------------------------------------------=== #
# batch-matmul.mlir
# ===----------------------------------------------------------------------=== #


@case
def batch_matmul_f32():
    """[3, 5, 9] x [3, 9, 6]."""
    rng = np.random.default_rng(11)
    a, b = f32(rng, (3, 5, 9)), f32(rng, (3, 9, 6))
    return ([(F32, a), (F32, b)],
            [bounded(F32, ref.float_contraction("matmul", a, b))])


@case
def batch_matmul_f32_shared_rhs_bias():
    """[3, 5, 9] x [9, 6] (rhs shared by every batch) + bias [6]."""
    rng = np.random.default_rng(12)
    a, b, bias = f32(rng, (3, 5, 9)), f32(rng, (9, 6)), f32(rng, (6,))
    r = ref.float_contraction("matmul", a, b, bias)
    return [(F32, a), (F32, b), (F32, bias)], [bounded(F32, r)]


@case
def batch_matmul_bf16_transposed():
    """bf16 [3, 9, 5] transpose_lhs x [3, 6, 9] transpose_rhs -> bf16."""
    rng = np.random.default_rng(13)
    a, b = bf16(rng, (3, 9, 5), -3, 3), bf16(rng, (3, 6, 9), -3, 3)
    r = ref.float_contraction("matmul", a, b, transpose_lhs=True,
                              transpose_rhs=True)
    return [(BF16, a), (BF16, b)], [bounded(BF16, r)]


QB_LHS = QType("i8", 0.05, -4)
QB_RHS = QType("i8", [0.01, 0.02, 0.015, 0.03, 0.0125, 0.005], [0] * 6, axis=1)
QB_OUT = QType("i8", 0.3, 2)


@case
def batch_qmatmul_i8_shared_rhs():
    """Quantized [3, 5, 17] x per-channel [17, 6] shared rhs -> i8."""
    rng = np.random.default_rng(14)
    a, b = qrand(rng, (3, 5, 17), QB_LHS), qrand(rng, (17, 6), QB_RHS)
    r = ref.quantized_contraction("matmul", a, QB_LHS, b, QB_RHS, None,
                                  QB_OUT)
    return [(QB_LHS, a), (QB_RHS, b)], [Exact(QB_OUT, r)]

# ===----------------------------------------------------------------------=== #
# quantized-matmul.mlir
# ===----------------------------------------------------------------------=== #


QM_LHS = QType("i8", 0.05, 3)
QM_RHS = QType("i8", 0.1, -2)
QM_OUT = QType("i8", 2.5, -1)


@case
def qmatmul_i8():
    """Per-tensor i8 x i8 -> i8 requantized, and the raw i32 accumulators."""
    rng = np.random.default_rng(21)
    a, b = qrand(rng, (7, 33), QM_LHS), qrand(rng, (33, 10), QM_RHS)
    a[0, :], b[:, 0] = -128, -128          # largest |a * b| in one column
    q = ref.quantized_contraction("matmul", a, QM_LHS, b, QM_RHS, None, QM_OUT)
    raw = ref.quantized_contraction("matmul", a, QM_LHS, b, QM_RHS, None, I32)
    return [(QM_LHS, a), (QM_RHS, b)], [Exact(QM_OUT, q), Exact(I32, raw)]


QP_LHS = QType("i8", 0.5, -5)
QP_RHS = QType("i8", 0.25, 0)
QP_OUT = QType("i8", 1.0, 2)


@case
def qmatmul_i8_pow2_ties():
    """M = 0.5 * 0.25 / 1.0 = 2^-3 exactly: m = 2^30, n = 2, so SRDHM halves
    odd accumulators with ties toward +inf and RDBPOT(., 2) then meets ties
    away from zero (acc = 3 gives 1, not round(0.375) = 0).  rhs is mostly in
    [-1, 1] (extremes planted) to keep the accumulators small."""
    rng = np.random.default_rng(22)
    a, b = qrand(rng, (7, 33), QP_LHS), qrand(rng, (33, 10), QP_RHS, -1, 1)
    # b's planted extremes sit in rows 0 and 32: meet them with small a.
    a[:, [0, 32]] = QP_LHS.zp + rng.integers(-1, 1, (7, 2), endpoint=True)
    a[3, 5], a[4, 6] = -128, 127
    q = ref.quantized_contraction("matmul", a, QP_LHS, b, QP_RHS, None, QP_OUT)
    return [(QP_LHS, a), (QP_RHS, b)], [Exact(QP_OUT, q)]


QU_LHS = QType("u8", 0.05, 131)
QU_RHS = QType("i8", [0.01, 0.02, 0.03, 0.004, 0.05, 0.006, 0.07, 0.008,
                      0.009, 0.1], [0, 0, 3, 0, -5, 0, 0, 127, -128, 0], axis=0)
QU_OUT = QType("i8", 0.75, -1)


@case
def qmatmul_u8_i8_per_channel_bias():
    """u8 lhs x i8 per-channel rhs [N, K] (transpose_rhs) + i32 bias -> i8."""
    rng = np.random.default_rng(23)
    a, b = qrand(rng, (7, 33), QU_LHS), qrand(rng, (10, 33), QU_RHS)
    bias = rng.integers(-20000, 20000, (10,), endpoint=True).astype(np.int32)
    q = ref.quantized_contraction("matmul", a, QU_LHS, b, QU_RHS, bias,
                                  QU_OUT, transpose_rhs=True)
    return [(QU_LHS, a), (QU_RHS, b), (I32, bias)], [Exact(QU_OUT, q)]

# ===----------------------------------------------------------------------=== #
# conv2d.mlir
# ===----------------------------------------------------------------------=== #


@case
def conv2d_f32_stride2_pad():
    """[2, 9, 11, 3] * [3, 3, 3, 5] + bias, strides 2, padding [1, 2, 0, 1]."""
    rng = np.random.default_rng(31)
    x, w, bias = f32(rng, (2, 9, 11, 3)), f32(rng, (3, 3, 3, 5)), f32(rng, (5,))
    r = ref.float_contraction("conv2d", x, w, bias, strides=(2, 2),
                              padding=(1, 2, 0, 1))
    return [(F32, x), (F32, w), (F32, bias)], [bounded(F32, r)]


@case
def conv2d_f32_dilation2():
    """[1, 10, 9, 4] * [3, 2, 4, 6], dilations 2, strides [1, 2], padding."""
    rng = np.random.default_rng(32)
    x, w = f32(rng, (1, 10, 9, 4)), f32(rng, (3, 2, 4, 6))
    r = ref.float_contraction("conv2d", x, w, strides=(1, 2),
                              padding=(2, 2, 1, 1), dilations=(2, 2))
    return [(F32, x), (F32, w)], [bounded(F32, r)]


@case
def conv2d_f32_groups2():
    """[1, 7, 8, 6] * [3, 3, 3, 4], groups 2, padding 1."""
    rng = np.random.default_rng(33)
    x, w = f32(rng, (1, 7, 8, 6)), f32(rng, (3, 3, 3, 4))
    r = ref.float_contraction("conv2d", x, w, padding=(1, 1, 1, 1), groups=2)
    return [(F32, x), (F32, w)], [bounded(F32, r)]


@case
def conv2d_f32_depthwise():
    """Depthwise: groups = C = 3, channel multiplier 2, strides [1, 2]."""
    rng = np.random.default_rng(34)
    x, w = f32(rng, (2, 8, 7, 3)), f32(rng, (3, 3, 1, 6))
    r = ref.float_contraction("conv2d", x, w, strides=(1, 2),
                              padding=(1, 1, 1, 1), groups=3)
    return [(F32, x), (F32, w)], [bounded(F32, r)]

# ===----------------------------------------------------------------------=== #
# quantized-conv2d.mlir
# ===----------------------------------------------------------------------=== #


QC_IN = QType("i8", 0.03, 25)
QC_W = QType("i8", [0.01, 0.02, 0.005, 0.04], [0, 1, 0, -3], axis=3)
QC_OUT = QType("i8", 0.5, -6)


@case
def qconv2d_i8_per_channel_pad():
    """i8 input (zp 25, so padding with 0 instead of zp would show) x i8
    per-channel filter + bias, strides [2, 1], padding [1, 1, 2, 0] -> i8."""
    rng = np.random.default_rng(41)
    x, w = qrand(rng, (1, 9, 9, 5), QC_IN), qrand(rng, (3, 3, 5, 4), QC_W)
    bias = rng.integers(-3000, 3000, (4,), endpoint=True).astype(np.int32)
    r = ref.quantized_contraction("conv2d", x, QC_IN, w, QC_W, bias, QC_OUT,
                                  strides=(2, 1), padding=(1, 1, 2, 0))
    return [(QC_IN, x), (QC_W, w), (I32, bias)], [Exact(QC_OUT, r)]


QD_IN = QType("u8", 0.02, 128)
QD_W = QType("i8", [0.01, 0.02, 0.03, 0.015, 0.025, 0.005, 0.04, 0.0125],
             [0] * 8, axis=3)
QD_OUT = QType("u8", 0.07, 120)


@case
def qconv2d_u8_depthwise():
    """u8 depthwise (groups 4, multiplier 2) x i8 per-channel, padding 1."""
    rng = np.random.default_rng(42)
    x, w = qrand(rng, (1, 7, 7, 4), QD_IN), qrand(rng, (3, 3, 1, 8), QD_W)
    r = ref.quantized_contraction("conv2d", x, QD_IN, w, QD_W, None, QD_OUT,
                                  padding=(1, 1, 1, 1), groups=4)
    return [(QD_IN, x), (QD_W, w)], [Exact(QD_OUT, r)]

# ===----------------------------------------------------------------------=== #
# pooling.mlir
# ===----------------------------------------------------------------------=== #


@case
def max_pool2d_f32_pad():
    """Window 3x3, strides 2, padding 1; mostly negative input, so a padding
    of 0 would win at the borders."""
    rng = np.random.default_rng(51)
    x = f32(rng, (2, 9, 8, 3), -3.0, 0.5)
    r = ref.max_pool2d(x, (3, 3), (2, 2), (1, 1, 1, 1))
    return [(F32, x)], [Exact(F32, r)]


@case
def avg_pool2d_f32():
    """Window 3x3, strides 2, padding 1: without and with count_include_pad."""
    rng = np.random.default_rng(52)
    x = f32(rng, (1, 9, 10, 4), -2.0, 3.0)
    results = [bounded(F32, ref.avg_pool2d_float(
        x, (3, 3), (2, 2), (1, 1, 1, 1), count_include_pad=inc))
        for inc in (False, True)]
    return [(F32, x)], results


QPOOL = QType("i8", 0.05, 3)


@case
def max_pool2d_i8():
    """Quantized max pool, window [3, 2], strides 2, padding [1, 1, 0, 1];
    values mostly below the zero point, so padding with zp would win."""
    rng = np.random.default_rng(53)
    q = qrand(rng, (1, 8, 9, 4), QPOOL, -128, 10)
    r = ref.max_pool2d(q, (3, 2), (2, 2), (1, 1, 0, 1))
    return [(QPOOL, q)], [Exact(QPOOL, r)]


@case
def avg_pool2d_i8():
    """Quantized avg pool, window 2x2, strides 2, padding [1, 0, 1, 0]:
    without count_include_pad (counts 1, 2, 4) and with it (padding holds
    zp = 3).  Counts 2 and 4 make ties, rounded away from zero."""
    rng = np.random.default_rng(54)
    q = qrand(rng, (1, 9, 9, 3), QPOOL)
    results = [Exact(QPOOL, ref.avg_pool2d_quantized(
        q, QPOOL, (2, 2), (2, 2), (1, 0, 1, 0), count_include_pad=inc))
        for inc in (False, True)]
    return [(QPOOL, q)], results


QPOOL_AXIS = QType("i8", [0.05, 0.1, 0.02], [-100, 0, 90], axis=3)


@case
def avg_pool2d_i8_per_channel():
    """Per-channel zero points (-100, 0, 90) with count_include_pad: each
    channel's padded elements hold its own zero point."""
    rng = np.random.default_rng(55)
    q = qrand(rng, (1, 7, 6, 3), QPOOL_AXIS)
    r = ref.avg_pool2d_quantized(q, QPOOL_AXIS, (3, 3), (2, 2), (1, 1, 1, 1),
                                 count_include_pad=True)
    return [(QPOOL_AXIS, q)], [Exact(QPOOL_AXIS, r)]

# ===----------------------------------------------------------------------=== #
# elementwise.mlir
# ===----------------------------------------------------------------------=== #


@case
def relu_clamp_f32():
    """relu; clamp [-0.1, 0.7] (bounds rounded inward to f32, so -0.1 becomes
    -0.099999994); clamp [-inf, 0.5]."""
    rng = np.random.default_rng(61)
    x = f32(rng, (5, 7), -1.5, 1.5)
    x[0, :3] = [-1.0, 1.0, np.float32(-0.1)]
    results = [Exact(F32, ref.relu_float(x)),
               Exact(F32, ref.clamp_float(x, F32, -0.1, 0.7)),
               Exact(F32, ref.clamp_float(x, F32, -np.inf, 0.5))]
    return [(F32, x)], results


QE = QType("i8", 0.05, 3)
QE_AXIS = QType("u8", [0.1, 0.02, 0.5], [128, 100, 0], axis=1)


@case
def relu_clamp_quantized():
    """relu and clamp on per-tensor i8 and per-axis u8; clamp bounds become
    ceil(min/s + zp) and floor(max/s + zp), intersected with the storage
    range (min -1000 reaches qmin)."""
    rng = np.random.default_rng(62)
    q, p = qrand(rng, (5, 7), QE), qrand(rng, (4, 3), QE_AXIS)
    results = [Exact(QE, ref.relu_quantized(q, QE)),
               Exact(QE, ref.clamp_quantized(q, QE, -1.03, 2.47)),
               Exact(QE, ref.clamp_quantized(q, QE, -1000.0, 1.13)),
               Exact(QE_AXIS, ref.relu_quantized(p, QE_AXIS)),
               Exact(QE_AXIS, ref.clamp_quantized(p, QE_AXIS, -1.03, 2.47))]
    return [(QE, q), (QE_AXIS, p)], results


@case
def binary_f32_broadcast():
    """add, sub, mul of [4, 1, 5] and [3, 1] -> [4, 3, 5]."""
    rng = np.random.default_rng(63)
    a, b = f32(rng, (4, 1, 5), -3, 3), f32(rng, (3, 1), -3, 3)
    return ([(F32, a), (F32, b)],
            [Exact(F32, ref.binary_float(op, a, b, F32))
             for op in ("add", "sub", "mul")])


@case
def binary_bf16_broadcast():
    """bf16 add, sub, mul: one f32 operation rounded once to bf16."""
    rng = np.random.default_rng(64)
    a, b = bf16(rng, (4, 1, 5), -3, 3), bf16(rng, (3, 1), -3, 3)
    return ([(BF16, a), (BF16, b)],
            [Exact(BF16, ref.binary_float(op, a, b, BF16))
             for op in ("add", "sub", "mul")])


QA_L = QType("i8", 0.05, 3)
QA_R = QType("i8", 0.1, -2)
QA_OUTS = {"add": QType("i8", 0.12, -1), "sub": QType("i8", 0.15, 4),
           "mul": QType("i8", 0.5, 0)}


@case
def binary_i8_broadcast():
    """Quantized add, sub, mul with different scales and zero points,
    [4, 1, 5] and [3, 1]."""
    rng = np.random.default_rng(65)
    a, b = qrand(rng, (4, 1, 5), QA_L), qrand(rng, (3, 1), QA_R)
    results = [Exact(QA_OUTS[op], ref.binary_quantized(op, a, QA_L, b, QA_R,
                                                       QA_OUTS[op]))
               for op in ("add", "sub", "mul")]
    return [(QA_L, a), (QA_R, b)], results


QT_L = QType("u8", 0.5, 128)
QT_R = QType("u8", 0.25, 100)
QT_OUTS = {"add": QType("u8", 1.0, 120), "sub": QType("u8", 1.0, 130),
           "mul": QType("u8", 16.0, 128)}


@case
def binary_u8_pow2_ties():
    """Quantized u8 add, sub, mul with power-of-two scales: every value is
    exact in f32, so x / s lands on .5 and rounds half to even."""
    rng = np.random.default_rng(66)
    a, b = qrand(rng, (4, 1, 5), QT_L), qrand(rng, (3, 1), QT_R)
    results = [Exact(QT_OUTS[op], ref.binary_quantized(op, a, QT_L, b, QT_R,
                                                       QT_OUTS[op]))
               for op in ("add", "sub", "mul")]
    return [(QT_L, a), (QT_R, b)], results

# ===----------------------------------------------------------------------=== #
# quantize.mlir
# ===----------------------------------------------------------------------=== #


QZ_I8 = QType("i8", 0.25, -3)
QZ_U8 = QType("u8", 0.1, 128)
QZ_AXIS = QType("i8", [0.1, 0.25, 0.5, 0.03], [2, -3, 0, 10], axis=1)


@case
def quantize():
    """f32 [6, 4] -> i8 (scale 0.25: multiples of 0.125 are ties), u8, and
    per-axis i8; includes +-inf and values beyond the storage range."""
    rng = np.random.default_rng(71)
    limits = np.array([300, 80, 480, 32])        # per column, in 1/8 steps
    x = (np.floor(rng.uniform(-1, 1, (6, 4)) * limits) * 0.125)
    x = x.astype(np.float32)
    x[0, :] = [np.inf, -np.inf, 1e30, -1e30]
    x[1, :] = [0.125, -0.125, 0.375, -0.375]
    x[2, :] = f32(rng, (4,), -20, 20)
    results = [Exact(t, ref.quantize(x, t)) for t in (QZ_I8, QZ_U8, QZ_AXIS)]
    return [(F32, x)], results


QDQ = QType("i8", 0.05, 3)
QDQ_AXIS = QType("u8", [0.1, 0.02, 0.5], [128, 0, 255], axis=0)


@case
def dequantize():
    """i8 per-tensor [6, 8] and u8 per-axis (dimension 0) [3, 5] -> f32."""
    rng = np.random.default_rng(72)
    q, p = qrand(rng, (6, 8), QDQ), qrand(rng, (3, 5), QDQ_AXIS)
    return ([(QDQ, q), (QDQ_AXIS, p)],
            [Exact(F32, ref.dequantize(q, QDQ)),
             Exact(F32, ref.dequantize(p, QDQ_AXIS))])

# ===----------------------------------------------------------------------=== #
# requantize.mlir
# ===----------------------------------------------------------------------=== #


# One channel per branch of QuantizeMultiplier/MBQM (s_out = 1.0, so M = s_in):
#  0: 2^-12        m = 2^30, n = 11; inputs on the ties of both roundings
#  1: 2^-6, zp -7  m = 2^30, n = 5 after subtracting zp
#  2: 0.001        an ordinary multiplier
#  3: 3.0          M > 1: left shift by 2, sat32 for large inputs
#  4: 0.125*(1-2^-40)  f * 2^31 rounds to 2^31: m = 2^30, e + 1
#  5: 1e-11        e < -31: m = 0, the result is zp_out
#  6: 2^31         e > 30: m = 2^31 - 1, e = 30 (saturates)
#  7: 2^-20, zp 2147483000  q - zp beyond int32: saturated to int32
RQ_IN = QType("i32", [2.0**-12, 2.0**-6, 0.001, 3.0, 0.125 * (1 - 2.0**-40),
                      1e-11, 2.0**31, 2.0**-20],
              [0, -7, 0, 0, 0, 0, 0, 2147483000], axis=1)
RQ_OUT = QType("i8", 1.0, -1)


@case
def requantize_i32_per_axis():
    """Per-axis i32 [9, 8] -> per-tensor i8, one channel per multiplier
    branch, inputs on rounding ties, and int32 extremes in every channel."""
    rng = np.random.default_rng(81)
    rows = 9
    x = np.zeros((rows, 8), np.int64)
    # Ties: x = k * 2^12 + r with r around 2^11 (0.5 of the final shift).
    x[:, 0] = (rng.integers(-120, 120, rows) * 4096
               + rng.choice([2047, 2048, 2049, -2048, -2047, 2046], rows))
    x[:, 1] = (rng.integers(-120, 120, rows) * 64
               + rng.choice([31, 32, 33, -32, -31], rows) - 7)
    x[:, 2] = rng.integers(-130000, 130000, rows)
    x[:, 3] = rng.integers(-50, 50, rows)
    x[:, 4] = rng.integers(-1000, 1000, rows)
    x[:, 5] = rng.integers(-2**31, 2**31 - 1, rows)
    x[:, 6] = rng.integers(-3, 3, rows)
    x[:, 7] = rng.integers(-2**31, 2**31 - 1, rows)
    x[0, :], x[1, :] = -2**31, 2**31 - 1
    x[2, 3], x[2, 6] = 2**30, 0
    x = x.astype(np.int32)
    return [(RQ_IN, x)], [Exact(RQ_OUT, ref.requantize(x, RQ_IN, RQ_OUT))]


RQ8_IN = QType("i8", 0.3, 3)
RQ8_OUT = QType("u8", 0.2, 128)


@case
def requantize_i8_u8():
    """Per-tensor i8 -> u8 with M = 0.3 / 0.2 ~ 1.5 > 1: m = 0.75 * 2^31 and a
    left shift of 1, so odd inputs are SRDHM ties (toward +inf)."""
    rng = np.random.default_rng(82)
    q = qrand(rng, (6, 7), RQ8_IN)
    return [(RQ8_IN, q)], [Exact(RQ8_OUT, ref.requantize(q, RQ8_IN, RQ8_OUT))]

# ===----------------------------------------------------------------------=== #
# cast.mlir
# ===----------------------------------------------------------------------=== #


def _cast_inputs(rng):
    """f32 values that exercise bf16 and f16 rounding: ties both ways, just
    off ties, overflow, subnormals, signed zero, infinities and NaN."""
    special_bits = [
        0x3F808000, 0x3F818000, 0x3F808001, 0x3F817FFF,  # bf16 ties / near
        0x7F7FFFFF, 0xFF7FFFFF, 0x7F7F7FFF,              # bf16 overflow edge
        0x00008000, 0x80018000, 0x00400000,              # f32 subnormals
    ]
    specials = np.array(special_bits, np.uint32).view(np.float32)
    values = np.array([
        1.0 + 2.0**-11, 1.0 + 3 * 2.0**-11, 1.0 + 2.0**-11 + 2.0**-20,  # f16 ties
        65504.0, 65519.0, 65520.0, -65520.0, 1e6,        # f16 overflow edge
        2.0**-24, 2.0**-25, 3 * 2.0**-26, 2.0**-25 + 2.0**-40,  # f16 subnormals
        6.1e-5, 0.0, -0.0, np.inf, -np.inf, np.nan, 0.1, -3.14159265,
    ], np.float32)
    rand = f32(rng, (14,), -1000, 1000)
    return np.concatenate([specials, values, rand]).reshape(4, 11)


@case
def cast_f32_narrow():
    """f32 -> bf16, f32 -> f16, and each back to f32 (not foldable: f32
    values are not all exact in bf16/f16)."""
    x = _cast_inputs(np.random.default_rng(91))
    b, h = ref.cast(x, F32, BF16), ref.cast(x, F32, F16)
    return ([(F32, x)],
            [Exact(BF16, b, True), Exact(F16, h, True),
             Exact(F32, ref.cast(b, BF16, F32), True),
             Exact(F32, ref.cast(h, F16, F32), True)])


@case
def cast_widen_and_cross():
    """bf16 -> f32, f16 -> f32 (exact), bf16 -> f16 (overflow, rounding,
    subnormals) and f16 -> bf16 (rounding 11 to 8 bits)."""
    rng = np.random.default_rng(92)
    b = ref.round_to_bf16(np.concatenate([
        f32(rng, (16,), -100, 100),
        np.array([7e4, -1e5, 65504, 65536, 3e-6, 6e-8, 2.0**-25, -0.0,
                  np.inf, np.nan, 1.0 + 2.0**-7, 1e-30], np.float32)
    ]).reshape(4, 7))
    h = np.concatenate([
        f16(rng, (16,), -100, 100),
        np.array([65504, -65504, 1 + 2.0**-10, 1 + 3 * 2.0**-10,
                  1 + 2.0**-8, 1 + 3 * 2.0**-8, 2.0**-24, 6e-5, -0.0,
                  np.inf, np.nan, 0.1], np.float16)
    ]).reshape(4, 7)
    return ([(BF16, b), (F16, h)],
            [Exact(F32, ref.cast(b, BF16, F32), True),
             Exact(F32, ref.cast(h, F16, F32), True),
             Exact(F16, ref.cast(b, BF16, F16), True),
             Exact(BF16, ref.cast(h, F16, BF16), True)])
