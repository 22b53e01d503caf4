"""ONNX op converters of accel-import-onnx.

This file implements one converter per supported ONNX op type.  Each reads
the current node through the `Importer` (inputs, attributes), emits accel ops
where the accel dialect has the op (matmul, conv2d, relu, clamp, add/sub/mul,
pooling, quantize/dequantize) and TOSA ops otherwise (transpose, reshape,
concat, sigmoid, exp/reduce/reciprocal for Softmax, integer arithmetic), and
records the node's outputs.  Shape-only ops on constants are folded at import
time.  Convolutions and pools compute in NHWC and leave their results in NHWC
(see `Value.perm` in importer.py).
"""

import math

import numpy as np

from . import mlir_text
from .importer import U8_RAW, Value, storage_type
from .mlir_text import dense_attr, float_literal, tensor_type

CONVERTERS = {}


def converter(*names):
    def register(fn):
        for name in names:
            CONVERTERS[name] = fn
        return fn
    return register


def _channels_last(rank):
    return (0,) + tuple(range(2, rank)) + (1,)


def _i32_list(values):
    return ", ".join(str(int(v)) for v in values)


def _shift_const(imp):
    return imp.emit('"tosa.const"() <{values = dense<0> : tensor<1xi8>}> : '
                    '() -> tensor<1xi8>')


# ---------------------------------------------------------------------------
# Elementwise
# ---------------------------------------------------------------------------

_NUMPY_BINARY = {"add": np.add, "sub": np.subtract, "mul": np.multiply}


def _layout_for(values, out_rank):
    """The physical permutation shared by the runtime operands, if every
    runtime operand is stored in that layout (constants follow any layout)."""
    perms = set()
    for v in values:
        if v.const is not None and v.ssa is None:
            continue
        perms.add(v.perm if v.rank == out_rank else "mismatch")
    if len(perms) == 1:
        perm = perms.pop()
        if perm not in (None, "mismatch"):
            return perm
    return None


def _operand_in(imp, value, perm, out_rank):
    """(ssa, physical shape) of `value` expanded to `out_rank` and permuted."""
    if perm is None:
        return imp.use(value), value.shape
    shape = (1,) * (out_rank - value.rank) + value.shape
    if value.const is not None and value.ssa is None:
        array = np.transpose(value.const.reshape(shape), perm)
        return imp.emit_const(array, value.etype), array.shape
    return imp.use_perm(value, perm), tuple(shape[p] for p in perm)


def binary(imp, kind, a, b):
    """a <kind> b with NumPy broadcasting, as a new Value."""
    if a.const is not None and b.const is not None and a.ssa is None \
            and b.ssa is None and a.dtype == b.dtype:
        return imp.const_value(_NUMPY_BINARY[kind](a.const, b.const)
                               .astype(a.dtype))
    if a.dtype != b.dtype:
        imp.error("operand types differ (%s and %s)" % (a.dtype, b.dtype))
    out_shape = tuple(np.broadcast_shapes(a.shape, b.shape))
    rank = len(out_shape)
    if a.is_float:
        perm = _layout_for([a, b], rank)
        sa, ta = _operand_in(imp, a, perm, rank)
        sb, tb = _operand_in(imp, b, perm, rank)
        phys = out_shape if perm is None else tuple(out_shape[p] for p in perm)
        ssa = imp.emit("accel.%s %s, %s : %s, %s -> %s" % (
            kind, sa, sb, tensor_type(ta, a.etype), tensor_type(tb, b.etype),
            tensor_type(phys, a.etype)))
        return imp.result(ssa, out_shape, a, perm=perm)
    if a.dtype.kind not in "iu" or a.dtype.itemsize > 4 and a.dtype.kind == "u":
        imp.error("%s on %s tensors is not supported" % (kind, a.dtype))
    # Integers: TOSA on the signless storage (wrapping, as ONNX does), with
    # equal ranks for its broadcasting.
    ce = storage_type(a.etype)
    operands = []
    for v in (a, b):
        shape = (1,) * (rank - v.rank) + v.shape
        if v.const is not None and v.ssa is None:
            bits = v.const.view(np.int8) if v.dtype == np.uint8 else v.const
            operands.append((imp.emit_const(bits.reshape(shape), ce), shape))
        else:
            operands.append((imp.reshape(imp.use_typed(v, ce), v.shape, shape,
                                         ce), shape))
    (sa, ta), (sb, tb) = operands
    types = "%s, %s" % (tensor_type(ta, ce), tensor_type(tb, ce))
    if kind == "mul":
        shift = _shift_const(imp)
        ssa = imp.emit("tosa.mul %s, %s, %s : (%s, tensor<1xi8>) -> %s" % (
            sa, sb, shift, types, tensor_type(out_shape, ce)))
    else:
        ssa = imp.emit("tosa.%s %s, %s : (%s) -> %s" % (
            kind, sa, sb, types, tensor_type(out_shape, ce)))
    ssa = imp.scast(ssa, out_shape, ce, a.etype)
    return imp.result(ssa, out_shape, a)


@converter("Add", "Sub", "Mul")
def convert_binary(imp):
    kind = imp.node.op_type.lower()
    imp.set_output(0, binary(imp, kind, imp.input(0), imp.input(1)))


def unary(imp, x, text_fn, require_float=True):
    """An elementwise op computed in x's physical layout; `text_fn(ssa,
    type)` returns the op text."""
    if require_float and not x.is_float:
        imp.error("%s tensors are not supported" % x.dtype)
    if x.ssa is None:
        ssa = imp.use(x)
    else:
        ssa = x.ssa
    ty = tensor_type(x.physical_shape if x.ssa is not None else x.shape,
                     x.etype)
    out = imp.emit(text_fn(ssa, ty))
    return imp.result(out, x.shape, x, perm=x.perm if x.ssa is not None
                      else None)


def _int_clamp(imp, x, lo, hi):
    info = np.iinfo(x.dtype)
    lo = info.min if lo is None else max(int(lo), info.min)
    hi = info.max if hi is None else min(int(hi), info.max)
    if x.etype.startswith("ui"):
        imp.error("%s tensors are not supported" % x.dtype)
    return unary(imp, x, lambda s, t: (
        "tosa.clamp %s {min_val = %d : %s, max_val = %d : %s} : (%s) -> %s" % (
            s, lo, x.etype, hi, x.etype, t, t)), require_float=False)


def _float_clamp(imp, x, lo, hi):
    lo = -math.inf if lo is None else float(lo)
    hi = math.inf if hi is None else float(hi)
    if lo > hi:
        # ONNX Clip with min > max gives max everywhere.
        lo = hi
    return unary(imp, x, lambda s, t: "accel.clamp %s min %s max %s : %s" % (
        s, float_literal(lo), float_literal(hi), t), require_float=False)


@converter("Relu")
def convert_relu(imp):
    x = imp.input(0)
    if x.is_float:
        out = unary(imp, x, lambda s, t: "accel.relu %s : %s" % (s, t))
    elif x.is_quant:
        out = unary(imp, x, lambda s, t: "accel.relu %s : %s" % (s, t),
                    require_float=False)
    else:
        out = _int_clamp(imp, x, 0, None)
    imp.set_output(0, out)


@converter("Clip")
def convert_clip(imp):
    x = imp.input(0)
    if imp.opset < 11:
        lo, hi = imp.attr("min"), imp.attr("max")
    else:
        lo = imp.const_input(1, "the minimum", optional=True)
        hi = imp.const_input(2, "the maximum", optional=True)
        lo = None if lo is None else lo.reshape(-1)[0]
        hi = None if hi is None else hi.reshape(-1)[0]
    if x.is_float or x.is_quant:
        out = _float_clamp(imp, x, lo, hi)
    elif x.dtype.kind in "iu":
        out = _int_clamp(imp, x, lo, hi)
    else:
        imp.error("%s tensors are not supported" % x.dtype)
    imp.set_output(0, out)


@converter("Sigmoid")
def convert_sigmoid(imp):
    imp.set_output(0, unary(imp, imp.input(0), lambda s, t: (
        "tosa.sigmoid %s : (%s) -> %s" % (s, t, t))))


@converter("Identity")
def convert_identity(imp):
    imp.set_output(0, imp.input(0))


@converter("Constant")
def convert_constant(imp):
    imp.set_output(0, imp.const_value(constant_node_value(imp.node, imp)))


def constant_node_value(node, imp=None):
    import onnx
    from onnx import numpy_helper
    for a in node.attribute:
        value = onnx.helper.get_attribute_value(a)
        if a.name == "value":
            return numpy_helper.to_array(value)
        if a.name == "value_float":
            return np.array(value, np.float32)
        if a.name == "value_floats":
            return np.array(value, np.float32)
        if a.name == "value_int":
            return np.array(value, np.int64)
        if a.name == "value_ints":
            return np.array(value, np.int64)
        if imp is not None:
            imp.error("attribute '%s' is not supported" % a.name)
    if imp is not None:
        imp.error("no value")
    return None


# ---------------------------------------------------------------------------
# Shapes and layouts
# ---------------------------------------------------------------------------

def _axis(imp, axis, rank):
    if not -rank <= axis < max(rank, 1):
        imp.error("axis %d is out of range for rank %d" % (axis, rank))
    return axis + rank if axis < 0 else axis


@converter("Reshape")
def convert_reshape(imp):
    x = imp.input(0)
    target = [int(d) for d in imp.const_input(1, "the shape").reshape(-1)]
    allowzero = imp.attr("allowzero", 0)
    shape = []
    for i, d in enumerate(target):
        if d == 0 and not allowzero:
            d = x.shape[i]
        shape.append(d)
    if shape.count(-1) > 1:
        imp.error("more than one -1 in the shape")
    if -1 in shape:
        known = int(np.prod([d for d in shape if d != -1]))
        total = int(np.prod(x.shape))
        shape[shape.index(-1)] = total // known if known else 0
    if int(np.prod(shape)) != int(np.prod(x.shape)):
        imp.error("cannot reshape %s to %s" % (list(x.shape), shape))
    imp.set_output(0, imp.reshape_value(x, shape))


@converter("Flatten")
def convert_flatten(imp):
    x = imp.input(0)
    axis = imp.attr("axis", 1)
    if not -x.rank <= axis <= x.rank:
        imp.error("axis %d is out of range for rank %d" % (axis, x.rank))
    axis = axis + x.rank if axis < 0 else axis
    shape = (int(np.prod(x.shape[:axis])), int(np.prod(x.shape[axis:])))
    imp.set_output(0, imp.reshape_value(x, shape))


@converter("Transpose")
def convert_transpose(imp):
    x = imp.input(0)
    perm = imp.attr("perm")
    perm = list(range(x.rank))[::-1] if perm is None else [int(p) for p in perm]
    if sorted(perm) != list(range(x.rank)):
        imp.error("perm %s is not a permutation of %d dimensions" % (perm,
                                                                     x.rank))
    shape = tuple(x.shape[p] for p in perm)
    if x.const is not None and x.ssa is None:
        imp.set_output(0, imp.const_value(np.transpose(x.const, perm)))
        return
    if x.perm is not None and x.ssa is not None:
        # Compose with the physical layout: out = transpose(physical, r).
        inverse = list(np.argsort(x.perm))
        r = [int(inverse[q]) for q in perm]
        ssa = imp.transpose(x.ssa, x.physical_shape, x.etype, r)
    else:
        ssa = imp.transpose(imp.use(x), x.shape, x.etype, perm)
    imp.set_output(0, imp.result(ssa, shape, x))


@converter("Concat")
def convert_concat(imp):
    values = [imp.input(i) for i in range(len(imp.node.input))
              if imp.node.input[i]]
    rank = values[0].rank
    axis = _axis(imp, imp.attr("axis"), rank)
    if any(v.dtype != values[0].dtype for v in values):
        imp.error("inputs have different element types")
    if all(v.const is not None and v.ssa is None for v in values):
        imp.set_output(0, imp.const_value(
            np.concatenate([v.const for v in values], axis)))
        return
    shape = list(values[0].shape)
    shape[axis] = sum(v.shape[axis] for v in values)
    perm = _layout_for(values, rank)
    if perm is None:
        ssas = [imp.use(v) for v in values]
        types = [v.type() for v in values]
        phys_axis, phys = axis, shape
    else:
        ssas = [imp.use_perm(v, perm) for v in values]
        types = [tensor_type(tuple(v.shape[p] for p in perm), v.etype)
                 for v in values]
        phys_axis = list(perm).index(axis)
        phys = [shape[p] for p in perm]
    ssa = imp.emit("tosa.concat %s {axis = %d : i32} : (%s) -> %s" % (
        ", ".join(ssas), phys_axis, ", ".join(types),
        tensor_type(phys, values[0].etype)))
    imp.set_output(0, imp.result(ssa, shape, values[0], perm=perm))


# ---------------------------------------------------------------------------
# Softmax
# ---------------------------------------------------------------------------

def _softmax(imp, ssa, shape, axis, etype):
    t = tensor_type(shape, etype)
    red = list(shape)
    red[axis] = 1
    tr = tensor_type(red, etype)
    m = imp.emit("tosa.reduce_max %s {axis = %d : i32} : (%s) -> %s" % (
        ssa, axis, t, tr))
    d = imp.emit("accel.sub %s, %s : %s, %s -> %s" % (ssa, m, t, tr, t))
    e = imp.emit("tosa.exp %s : (%s) -> %s" % (d, t, t))
    s = imp.emit("tosa.reduce_sum %s {axis = %d : i32} : (%s) -> %s" % (
        e, axis, t, tr))
    r = imp.emit("tosa.reciprocal %s : (%s) -> %s" % (s, tr, tr))
    return imp.emit("accel.mul %s, %s : %s, %s -> %s" % (e, r, t, tr, t))


@converter("Softmax")
def convert_softmax(imp):
    x = imp.input(0)
    if not x.is_float:
        imp.error("%s tensors are not supported" % x.dtype)
    if x.rank == 0:
        imp.error("rank-0 input")
    axis = _axis(imp, imp.attr("axis", -1 if imp.opset >= 13 else 1), x.rank)
    if imp.opset >= 13:
        ssa = _softmax(imp, imp.use(x), x.shape, axis, x.etype)
        imp.set_output(0, imp.result(ssa, x.shape, x))
        return
    # Before opset 13 Softmax works on the input flattened to 2-D at `axis`.
    flat = (int(np.prod(x.shape[:axis])), int(np.prod(x.shape[axis:])))
    ssa = imp.reshape(imp.use(x), x.shape, flat, x.etype)
    ssa = _softmax(imp, ssa, flat, 1, x.etype)
    ssa = imp.reshape(ssa, flat, x.shape, x.etype)
    imp.set_output(0, imp.result(ssa, x.shape, x))


# ---------------------------------------------------------------------------
# Contractions
# ---------------------------------------------------------------------------

def _matmul_text(lhs, rhs, tl, tr, tres, bias=None, tbias=None,
                 transpose_lhs=False, transpose_rhs=False, acc="f32"):
    text = "accel.matmul %s, %s" % (lhs, rhs)
    if bias is not None:
        text += " bias(%s : %s)" % (bias, tbias)
    if transpose_lhs:
        text += " transpose_lhs"
    if transpose_rhs:
        text += " transpose_rhs"
    return text + " acc(%s) : %s, %s -> %s" % (acc, tl, tr, tres)


@converter("Gemm")
def convert_gemm(imp):
    a, b = imp.input(0), imp.input(1)
    c = imp.input(2, optional=True)
    alpha = float(imp.attr("alpha", 1.0))
    beta = float(imp.attr("beta", 1.0))
    trans_a, trans_b = bool(imp.attr("transA", 0)), bool(imp.attr("transB", 0))
    if not a.is_float or a.dtype != b.dtype:
        imp.error("Gemm on %s x %s tensors is not supported" % (a.dtype,
                                                                b.dtype))
    if a.rank != 2 or b.rank != 2:
        imp.error("A and B must be 2-D")
    m = a.shape[1] if trans_a else a.shape[0]
    n = b.shape[0] if trans_b else b.shape[1]
    dtype = a.dtype
    if alpha != 1.0 and b.const is not None and b.ssa is None:
        b = imp.const_value((b.const.astype(np.float64) * alpha), dtype)
        alpha = 1.0
    elif alpha != 1.0 and a.const is not None and a.ssa is None:
        a = imp.const_value((a.const.astype(np.float64) * alpha), dtype)
        alpha = 1.0
    bias = None
    add_c = None
    if c is not None and beta != 0.0:
        if c.const is not None and c.ssa is None:
            cb = c.const.astype(np.float64) * beta
            if alpha == 1.0 and c.rank <= 2 and cb.size in (1, n) and (
                    c.rank < 2 or c.shape[0] == 1) and (
                    c.rank == 0 or c.shape[-1] in (1, n)):
                bias = np.broadcast_to(cb.reshape(-1), (n,)).astype(np.float32)
            else:
                add_c = imp.const_value(cb, dtype)
        else:
            add_c = c if beta == 1.0 else binary(
                imp, "mul", c, imp.const_value(np.array(beta, dtype)))
    bias_ssa = imp.emit_const(bias) if bias is not None else None
    out = tensor_type((m, n), a.etype)
    ssa = imp.emit(_matmul_text(
        imp.use(a), imp.use(b), a.type(), b.type(), out, bias_ssa,
        "tensor<%dxf32>" % n, trans_a, trans_b))
    y = imp.result(ssa, (m, n), a)
    if alpha != 1.0:
        y = binary(imp, "mul", y, imp.const_value(np.array(alpha, dtype)))
    if add_c is not None:
        y = binary(imp, "add", y, add_c)
    imp.set_output(0, y)


def _tile(imp, value, shape):
    """Broadcasts `value` (of equal rank) to `shape` with tosa.tile."""
    if tuple(value.shape) == tuple(shape):
        return value
    multiples = [t // s for s, t in zip(value.shape, shape)]
    if value.const is not None and value.ssa is None:
        return imp.const_value(np.tile(value.const, multiples))
    m = imp.emit("tosa.const_shape {values = dense<[%s]> : tensor<%dxindex>}"
                 " : () -> !tosa.shape<%d>" % (_i32_list(multiples),
                                               len(shape), len(shape)))
    ssa = imp.emit("tosa.tile %s, %s : (%s, !tosa.shape<%d>) -> %s" % (
        imp.use(value), m, value.type(), len(shape),
        tensor_type(shape, value.etype)))
    return imp.result(ssa, shape, value)


@converter("MatMul")
def convert_matmul(imp):
    a, b = imp.input(0), imp.input(1)
    if not a.is_float or a.dtype != b.dtype:
        imp.error("MatMul on %s x %s tensors is not supported (MatMulInteger "
                  "and QLinearMatMul are the integer forms)" % (a.dtype,
                                                                b.dtype))
    y = matmul_values(imp, a, b, "f32", a.etype, a.dtype)
    imp.set_output(0, y)


def matmul_values(imp, a, b, acc, result_etype, result_dtype, lhs_etype=None,
                  rhs_etype=None, bias=None):
    """ONNX MatMul semantics (1-D operands, batch broadcasting) on accel."""
    a_vec, b_vec = a.rank == 1, b.rank == 1
    if a_vec:
        a = imp.reshape_value(a, (1,) + a.shape)
    if b_vec:
        b = imp.reshape_value(b, b.shape + (1,))
    batch = tuple(np.broadcast_shapes(a.shape[:-2], b.shape[:-2]))
    m, k = a.shape[-2:]
    n = b.shape[-1]
    if b.shape[-2] != k:
        imp.error("inner dimensions differ (%d and %d)" % (k, b.shape[-2]))
    if all(d == 1 for d in b.shape[:-2]):
        b = imp.reshape_value(b, b.shape[-2:])
    if b.rank == 2:
        if a.rank - 2 < len(batch):
            a = imp.reshape_value(a, batch + a.shape[-2:]) if int(
                np.prod(batch)) == int(np.prod(a.shape[:-2])) else _tile(
                imp, imp.reshape_value(a, (1,) * (len(batch) + 2 - a.rank)
                                       + a.shape), batch + (m, k))
    else:
        a = imp.reshape_value(a, (1,) * (len(batch) + 2 - a.rank) + a.shape)
        b = imp.reshape_value(b, (1,) * (len(batch) + 2 - b.rank) + b.shape)
        a = _tile(imp, a, batch + (m, k))
        b = _tile(imp, b, batch + (k, n))
    out_shape = batch + (m, n)
    la = imp.use_typed(a, lhs_etype) if lhs_etype else imp.use(a)
    lb = imp.use_typed(b, rhs_etype) if rhs_etype else imp.use(b)
    ta = tensor_type(a.shape, lhs_etype or a.etype)
    tb = tensor_type(b.shape, rhs_etype or b.etype)
    bias_ssa = bias_type = None
    if bias is not None:
        bias_ssa, bias_type = bias
    ssa = imp.emit(_matmul_text(la, lb, ta, tb,
                                tensor_type(out_shape, result_etype),
                                bias_ssa, bias_type, acc=acc))
    y = Value(out_shape, result_dtype, ssa=ssa, etype=result_etype)
    final = out_shape
    if a_vec:
        final = final[:-2] + final[-1:]
    if b_vec:
        final = final[:-1]
    if final != out_shape:
        y = imp.reshape_value(y, final)
    return y


# ---------------------------------------------------------------------------
# Convolution and pooling (NHWC inside, NCHW at the ONNX interface)
# ---------------------------------------------------------------------------

def _spatial_pads(imp, in_sizes, kernel, strides, dilations, ceil_mode=False):
    """[(begin, end)] per spatial dim and the output sizes."""
    n = len(kernel)
    auto_pad = imp.attr("auto_pad", b"NOTSET")
    auto_pad = auto_pad.decode() if isinstance(auto_pad, bytes) else auto_pad
    pads = list(imp.attr("pads", [0] * (2 * n)))
    result, out = [], []
    for i in range(n):
        eff = (kernel[i] - 1) * dilations[i] + 1
        if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
            o = -(-in_sizes[i] // strides[i])
            total = max((o - 1) * strides[i] + eff - in_sizes[i], 0)
            small = total // 2
            begin = small if auto_pad == "SAME_UPPER" else total - small
            end = total - begin
        elif auto_pad == "VALID":
            begin = end = 0
        elif auto_pad == "NOTSET":
            begin, end = int(pads[i]), int(pads[i + n])
        else:
            imp.error("unknown auto_pad '%s'" % auto_pad)
        span = in_sizes[i] + begin + end - eff
        if span < 0:
            imp.error("the window is larger than the padded input")
        if ceil_mode:
            o = -(-span // strides[i]) + 1
            if (o - 1) * strides[i] >= in_sizes[i] + begin:
                o -= 1
            end += max((o - 1) * strides[i] + eff - (in_sizes[i] + begin + end),
                       0)
        else:
            o = span // strides[i] + 1
        result.append((begin, end))
        out.append(o)
    return result, out


def _to_nhwc(imp, x):
    """(ssa, NHWC shape) of a logical [N, C, H, W] or [N, C, W] value."""
    if x.rank not in (3, 4):
        imp.error("only 1-D and 2-D spatial inputs are supported (input rank "
                  "%d)" % x.rank)
    ssa = imp.use_perm(x, _channels_last(x.rank))
    shape = tuple(x.shape[p] for p in _channels_last(x.rank))
    if x.rank == 3:
        new = (shape[0], 1) + shape[1:]
        ssa = imp.reshape(ssa, shape, new, x.etype)
        shape = new
    return ssa, shape


def _from_nhwc(imp, ssa, shape, rank, like, etype=None, dtype=None):
    """A logical NC(H)W value over an NHWC result."""
    etype = etype or like.etype
    if rank == 3:
        new = (shape[0], shape[2], shape[3])
        ssa = imp.reshape(ssa, shape, new, etype)
        shape = new
    perm = _channels_last(rank)
    logical = [0] * rank
    for i, p in enumerate(perm):
        logical[p] = shape[i]
    return imp.result(ssa, logical, like, perm=perm, etype=etype, dtype=dtype)


def _ints(imp, name, default):
    value = imp.attr(name)
    return list(default) if value is None else [int(v) for v in value]


def _hw(values, rank):
    return [1] + list(values) if rank == 3 else list(values)


def _conv_geometry(imp, x, kernel):
    n = x.rank - 2
    strides = _ints(imp, "strides", [1] * n)
    dilations = _ints(imp, "dilations", [1] * n)
    pads, out = _spatial_pads(imp, x.shape[2:], kernel, strides, dilations)
    if x.rank == 3:
        pads = [(0, 0)] + pads
        out = [1] + out
    return (_hw(strides, x.rank), _hw(dilations, x.rank),
            [pads[0][0], pads[0][1], pads[1][0], pads[1][1]], out)


def _conv_attrs(strides, padding, dilations, groups):
    text = ""
    if strides != [1, 1]:
        text += " strides [%s]" % _i32_list(strides)
    if any(padding):
        text += " padding [%s]" % _i32_list(padding)
    if dilations != [1, 1]:
        text += " dilations [%s]" % _i32_list(dilations)
    if groups != 1:
        text += " groups %d" % groups
    return text


def plan_folds(imp):
    """Finds BatchNormalization nodes that fold into the Conv feeding them."""
    producers = {}
    constants = {init.name for init in imp.graph.initializer}
    for node in imp.graph.node:
        if node.op_type == "Constant":
            constants.update(node.output)
        for out in node.output:
            producers[out] = node
    imp.bn_folds = {}
    for node in imp.graph.node:
        if node.op_type != "BatchNormalization" or len(node.output) != 1 or \
                any(a.name == "training_mode" and a.i for a in node.attribute):
            continue
        conv = producers.get(node.input[0])
        if conv is None or conv.op_type != "Conv" or \
                imp.uses.get(node.input[0], 0) != 1 or \
                node.input[0] in imp.outputs:
            continue
        if not all(name in constants for name in node.input[1:5]):
            continue
        if conv.input[1] not in constants or (
                len(conv.input) > 2 and conv.input[2] and
                conv.input[2] not in constants):
            continue
        imp.bn_folds[conv.output[0]] = node
        imp.skip.add(node.output[0])


def _bn_params(imp, node):
    """(a, b) with BatchNormalization(x) = x * a + b, per channel, float64."""
    import onnx
    vals = []
    for name in node.input[1:5]:
        v = imp.values.get(name)
        if v is None or v.const is None:
            imp.error("BatchNormalization parameter '%s' is not constant" % name)
        vals.append(v.const.astype(np.float64))
    scale, bias, mean, var = vals
    eps = 1e-5
    for a in node.attribute:
        if a.name == "epsilon":
            eps = onnx.helper.get_attribute_value(a)
    a = scale / np.sqrt(var + np.float64(np.float32(eps)))
    return a, bias - mean * a


def conv_values(imp, x, w, bias=None, x_etype=None, w_etype=None,
                out_etype=None, out_dtype=None, acc="f32"):
    """ONNX Conv geometry on accel.conv2d: `x` [N, C, (H,) W] and `w`
    [F, C/g, (KH,) KW] in, an NC(H)W Value (stored NHWC) out.  `bias` is
    (ssa, type) or None; the *_etype arguments reinterpret the operands
    (quantized forms)."""
    groups = int(imp.attr("group", 1))
    kernel = list(w.shape[2:])
    if w.rank != x.rank:
        imp.error("weight rank %d does not match input rank %d" % (w.rank,
                                                                   x.rank))
    strides, dilations, padding, out_hw = _conv_geometry(imp, x, kernel)
    f = w.shape[0]
    xs, xshape = _to_nhwc(imp, x)
    if x_etype and x_etype != x.etype:
        xs = imp.scast(imp.scast(xs, xshape, x.etype, storage_type(x.etype)),
                       xshape, storage_type(x_etype), x_etype)
    # Filter [F, C/g, (KH,) KW] -> [KH, KW, C/g, F].
    if w.rank == 3:
        w = imp.reshape_value(w, (w.shape[0], w.shape[1], 1, w.shape[2]))
    wshape = (w.shape[2], w.shape[3], w.shape[1], w.shape[0])
    w_etype = w_etype or w.etype
    if w.const is not None and w.ssa is None:
        ws = imp.emit_const(np.transpose(w.const, (2, 3, 1, 0)), w_etype)
    else:
        ws = imp.use_perm(w, (2, 3, 1, 0))
        if w_etype != w.etype:
            ws = imp.scast(imp.scast(ws, wshape, w.etype,
                                     storage_type(w.etype)),
                           wshape, storage_type(w_etype), w_etype)
    text = "accel.conv2d %s, %s" % (xs, ws)
    if bias is not None:
        text += " bias(%s : %s)" % bias
    out = (xshape[0], out_hw[0], out_hw[1], f)
    out_etype = out_etype or x.etype
    text += _conv_attrs(strides, padding, dilations, groups)
    text += " acc(%s) : %s, %s -> %s" % (
        acc, tensor_type(xshape, x_etype or x.etype),
        tensor_type(wshape, w_etype), tensor_type(out, out_etype))
    return _from_nhwc(imp, imp.emit(text), out, x.rank, x, etype=out_etype,
                      dtype=out_dtype)


@converter("Conv")
def convert_conv(imp):
    x, w = imp.input(0), imp.input(1)
    b = imp.input(2, optional=True)
    if not x.is_float or w.dtype != x.dtype:
        imp.error("Conv on %s x %s tensors is not supported (ConvInteger and "
                  "QLinearConv are the integer forms)" % (x.dtype, w.dtype))
    f = w.shape[0]
    bn = imp.bn_folds.get(imp.node.output[0])
    if bn is not None:
        scale, shift = _bn_params(imp, bn)
        wc = w.const.astype(np.float64) * scale.reshape(
            (-1,) + (1,) * (w.rank - 1))
        w = imp.const_value(wc, x.dtype)
        base = np.zeros(f) if b is None else b.const.astype(np.float64)
        b = imp.const_value(base * scale + shift, np.float32)
    bias = None
    if b is not None:
        if b.const is not None and b.ssa is None:
            bias = (imp.emit_const(b.const.astype(np.float32)),
                    "tensor<%dxf32>" % f)
        elif b.etype == "f32":
            bias = (imp.use(b), "tensor<%dxf32>" % f)
        else:
            imp.error("a runtime bias needs f32 operands")
    y = conv_values(imp, x, w, bias)
    imp.set_output(0, y)
    if bn is not None:
        imp.values[bn.output[0]] = y


def _pool(imp, kind):
    x = imp.input(0)
    if len([o for o in imp.node.output if o]) > 1:
        imp.error("the Indices output is not supported")
    if not (x.is_float or x.is_quant):
        imp.error("%s tensors are not supported (accel pooling takes float or "
                  "quantized tensors)" % x.dtype)
    kernel = _ints(imp, "kernel_shape", [])
    n = x.rank - 2
    if len(kernel) != n:
        imp.error("kernel_shape %s does not match a %d-D input" % (kernel, n))
    if x.rank not in (3, 4):
        imp.error("only 1-D and 2-D pooling is supported (input rank %d)" %
                  x.rank)
    strides = _ints(imp, "strides", [1] * n)
    dilations = _ints(imp, "dilations", [1] * n)
    if any(d != 1 for d in dilations):
        imp.error("dilations %s are not supported" % dilations)
    ceil_mode = bool(imp.attr("ceil_mode", 0))
    pads, out = _spatial_pads(imp, x.shape[2:], kernel, strides, dilations,
                              ceil_mode)
    if x.rank == 3:
        kernel, strides, pads, out = [1] + kernel, [1] + strides, \
            [(0, 0)] + pads, [1] + out
    padding = [pads[0][0], pads[0][1], pads[1][0], pads[1][1]]
    for (lo, hi), k in zip(pads, kernel):
        if lo >= k or hi >= k:
            imp.error("padding %s must be smaller than the window %s" % (
                padding, kernel))
    xs, xshape = _to_nhwc(imp, x)
    oshape = (xshape[0], out[0], out[1], xshape[3])
    text = "accel.%s %s window [%s]" % (kind, xs, _i32_list(kernel))
    if strides != [1, 1]:
        text += " strides [%s]" % _i32_list(strides)
    if any(padding):
        text += " padding [%s]" % _i32_list(padding)
    if kind == "avg_pool2d" and imp.attr("count_include_pad", 0):
        text += " count_include_pad"
    text += " : %s -> %s" % (tensor_type(xshape, x.etype),
                             tensor_type(oshape, x.etype))
    imp.set_output(0, _from_nhwc(imp, imp.emit(text), oshape, x.rank, x))


@converter("MaxPool")
def convert_maxpool(imp):
    _pool(imp, "max_pool2d")


@converter("AveragePool")
def convert_avgpool(imp):
    _pool(imp, "avg_pool2d")


@converter("GlobalAveragePool")
def convert_global_avgpool(imp):
    x = imp.input(0)
    if not (x.is_float or x.is_quant):
        imp.error("%s tensors are not supported" % x.dtype)
    xs, xshape = _to_nhwc(imp, x)
    oshape = (xshape[0], 1, 1, xshape[3])
    ssa = imp.emit("accel.avg_pool2d %s window [%d, %d] : %s -> %s" % (
        xs, xshape[1], xshape[2], tensor_type(xshape, x.etype),
        tensor_type(oshape, x.etype)))
    imp.set_output(0, _from_nhwc(imp, ssa, oshape, x.rank, x))


@converter("BatchNormalization")
def convert_batchnorm(imp):
    x = imp.input(0)
    if imp.attr("training_mode", 0) or len([o for o in imp.node.output
                                            if o]) > 1:
        imp.error("training mode (more than one output) is not supported")
    if not x.is_float:
        imp.error("%s tensors are not supported" % x.dtype)
    if x.rank < 2:
        imp.error("the input needs a channel dimension")
    c = x.shape[1]
    bshape = (c,) + (1,) * (x.rank - 2)
    params = [imp.input(i) for i in range(1, 5)]
    if all(p.const is not None and p.ssa is None for p in params):
        a, b = _bn_params(imp, imp.node)
        av = imp.const_value(a.reshape(bshape), x.dtype)
        bv = imp.const_value(b.reshape(bshape), x.dtype)
    else:
        scale, bias, mean, var = params
        eps = np.array(float(imp.attr("epsilon", 1e-5)), x.dtype)
        veps = binary(imp, "add", var, imp.const_value(eps))
        t = veps.type()
        rs = imp.emit("tosa.rsqrt %s : (%s) -> %s" % (imp.use(veps), t, t))
        rsv = imp.result(rs, veps.shape, veps)
        a = binary(imp, "mul", scale, rsv)
        b = binary(imp, "sub", bias, binary(imp, "mul", mean, a))
        av = imp.reshape_value(a, bshape)
        bv = imp.reshape_value(b, bshape)
    imp.set_output(0, binary(imp, "add", binary(imp, "mul", x, av), bv))


# ---------------------------------------------------------------------------
# Quantized ops: ONNX's (scale, zero point) pairs become !quant.uniform types
# ---------------------------------------------------------------------------

_STORAGE = {np.dtype(np.int8): "i8", np.dtype(np.uint8): "u8"}


def _qtype(imp, scale, zero_point, storage_dtype, axis=None, what="",
           require_per_tensor=False):
    """The !quant.uniform type of (scale, zero point) constants.  A scale
    with more than one element is per-axis along `axis`."""
    if zero_point is not None:
        storage_dtype = zero_point.dtype
    storage_dtype = np.dtype(storage_dtype)
    if storage_dtype not in _STORAGE:
        imp.error("%s: %s quantized tensors are not supported (int8 and uint8 "
                  "are)" % (what, storage_dtype))
    scale = np.asarray(scale, np.float32).reshape(-1)
    zp = np.zeros(1, np.int64) if zero_point is None else \
        np.asarray(zero_point).astype(np.int64).reshape(-1)
    if np.any(scale <= 0) or not np.all(np.isfinite(scale)):
        imp.error("%s: scales must be positive and finite" % what)
    if scale.size == 1 and zp.size == 1:
        return mlir_text.quant_type(_STORAGE[storage_dtype], scale, zp), \
            storage_dtype
    if require_per_tensor or axis is None:
        imp.error("%s: per-axis quantization is not supported here" % what)
    if zp.size == 1:
        zp = np.full(scale.shape, zp[0])
    if scale.size == 1:
        scale = np.full(zp.shape, scale[0])
    return mlir_text.quant_type(_STORAGE[storage_dtype], scale, zp, axis), \
        storage_dtype


def _q_input(imp, i, what):
    return imp.const_input(i, what, optional=True)


@converter("QuantizeLinear")
def convert_quantize(imp):
    x = imp.input(0)
    if not x.is_float:
        imp.error("%s input is not supported" % x.dtype)
    scale = imp.const_input(1, "the scale")
    zp = _q_input(imp, 2, "the zero point")
    axis = _axis(imp, imp.attr("axis", 1), x.rank) \
        if np.size(scale) > 1 else None
    qtype, dtype = _qtype(imp, scale, zp, np.uint8, axis, "y")
    ssa = imp.emit("accel.quantize %s : %s -> %s" % (
        imp.use(x), x.type(), tensor_type(x.shape, qtype)))
    imp.set_output(0, Value(x.shape, dtype, ssa=ssa, etype=qtype))


@converter("DequantizeLinear")
def convert_dequantize(imp):
    x = imp.input(0)
    scale = imp.const_input(1, "the scale")
    zp = _q_input(imp, 2, "the zero point")
    axis = _axis(imp, imp.attr("axis", 1), x.rank) \
        if np.size(scale) > 1 else None
    qtype, _ = _qtype(imp, scale, zp, x.dtype, axis, "x")
    if x.const is not None and x.ssa is None:
        # Constant weights: dequantize at import time, in f32 like accel.
        s = np.asarray(scale, np.float32)
        z = np.zeros(1, np.int32) if zp is None else zp.astype(np.int32)
        if s.size > 1 and x.rank:
            shape = [1] * x.rank
            shape[axis] = -1
            s, z = s.reshape(shape), z.reshape(shape)
        imp.set_output(0, imp.const_value(
            ((x.const.astype(np.int32) - z).astype(np.float32) * s)
            .astype(np.float32)))
        return
    ssa = imp.emit("accel.dequantize %s : %s -> %s" % (
        imp.use_typed(x, qtype), tensor_type(x.shape, qtype),
        tensor_type(x.shape, "f32")))
    imp.set_output(0, Value(x.shape, np.float32, ssa=ssa))


def _raw_i8(*pairs):
    """True when every (value, zero point) is int8 with zero point 0: the
    operands can stay signless i8."""
    return all(v.dtype == np.int8 and (zp is None or not np.any(zp))
               for v, zp in pairs)


def _zp_type(imp, value, zp, what, axis=None):
    """A scale-1 quantized type for an integer operand with zero point."""
    return _qtype(imp, np.ones(1 if zp is None else zp.size, np.float32), zp,
                  value.dtype, axis, what)[0]


@converter("QLinearMatMul")
def convert_qlinear_matmul(imp):
    a, b = imp.input(0), imp.input(3)
    qa, _ = _qtype(imp, imp.const_input(1, "a_scale"),
                   imp.const_input(2, "a_zero_point"), a.dtype, None, "a",
                   require_per_tensor=True)
    qb, _ = _qtype(imp, imp.const_input(4, "b_scale"),
                   imp.const_input(5, "b_zero_point"), b.dtype, b.rank - 1,
                   "b")
    qy, ydtype = _qtype(imp, imp.const_input(6, "y_scale"),
                        imp.const_input(7, "y_zero_point"), np.uint8, None,
                        "y", require_per_tensor=True)
    imp.set_output(0, matmul_values(imp, a, b, "i32", qy, ydtype, qa, qb))


@converter("MatMulInteger")
def convert_matmul_integer(imp):
    a, b = imp.input(0), imp.input(1)
    azp = _q_input(imp, 2, "a_zero_point")
    bzp = _q_input(imp, 3, "b_zero_point")
    if azp is not None and azp.size > 1:
        imp.error("per-row a_zero_point is not supported")
    if _raw_i8((a, azp), (b, bzp)):
        qa = qb = "i8"
    else:
        qa = _zp_type(imp, a, azp, "a")
        qb = _zp_type(imp, b, bzp, "b", axis=b.rank - 1)
    imp.set_output(0, matmul_values(imp, a, b, "i32", "i32", np.int32, qa, qb))


@converter("QLinearConv")
def convert_qlinear_conv(imp):
    x, w = imp.input(0), imp.input(3)
    qx, _ = _qtype(imp, imp.const_input(1, "x_scale"),
                   imp.const_input(2, "x_zero_point"), x.dtype, None, "x",
                   require_per_tensor=True)
    # Per-output-channel weights: ONNX axis 0 is F, dimension 3 in HWCF.
    qw, _ = _qtype(imp, imp.const_input(4, "w_scale"),
                   imp.const_input(5, "w_zero_point"), w.dtype, 3, "w")
    qy, ydtype = _qtype(imp, imp.const_input(6, "y_scale"),
                        imp.const_input(7, "y_zero_point"), np.uint8, None,
                        "y", require_per_tensor=True)
    b = imp.input(8, optional=True)
    bias = None
    if b is not None:
        bias = (imp.use(b), "tensor<%dxi32>" % w.shape[0])
    imp.set_output(0, conv_values(imp, x, w, bias, qx, qw, qy, ydtype, "i32"))


@converter("ConvInteger")
def convert_conv_integer(imp):
    x, w = imp.input(0), imp.input(1)
    xzp = _q_input(imp, 2, "x_zero_point")
    wzp = _q_input(imp, 3, "w_zero_point")
    if xzp is not None and xzp.size > 1:
        imp.error("per-channel x_zero_point is not supported")
    if _raw_i8((x, xzp), (w, wzp)):
        qx = qw = "i8"
    else:
        qx = _zp_type(imp, x, xzp, "x")
        qw = _zp_type(imp, w, wzp, "w", axis=3)
    imp.set_output(0, conv_values(imp, x, w, None, qx, qw, "i32", np.int32,
                                  "i32"))
