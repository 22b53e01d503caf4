"""Unit tests of accel-import-onnx: every supported op against numpy.

This file builds small ONNX models with onnx.helper, imports them, runs the
MLIR with accel-run on the cpu target and compares with a numpy reference
(exact for integers, a tolerance for floats).  It also checks the layout
handling (NHWC chains without extra transposes), BatchNormalization folding,
the command line, and the error cases.
"""

import os
import subprocess

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

import harness
from harness import OnnxImportError, import_model

RNG = np.random.default_rng(7)
F32 = TensorProto.FLOAT

_ONNX_TYPES = {np.dtype(np.float32): TensorProto.FLOAT,
               np.dtype(np.int32): TensorProto.INT32,
               np.dtype(np.int8): TensorProto.INT8,
               np.dtype(np.uint8): TensorProto.UINT8,
               np.dtype(np.int64): TensorProto.INT64}


def make_model(nodes, inputs, outputs, initializers=None, opset=13):
    """inputs: {name: array} (the runtime inputs, in order); outputs:
    {name: (dtype, shape)}; initializers: {name: array}."""
    graph = helper.make_graph(
        nodes, "test",
        [helper.make_tensor_value_info(n, _ONNX_TYPES[a.dtype], a.shape)
         for n, a in inputs.items()],
        [helper.make_tensor_value_info(n, _ONNX_TYPES[np.dtype(t)], s)
         for n, (t, s) in outputs.items()],
        [numpy_helper.from_array(a, n)
         for n, a in (initializers or {}).items()])
    return helper.make_model(graph, opset_imports=[
        helper.make_opsetid("", opset)])


def run(nodes, inputs, outputs, initializers=None, opset=13):
    model = make_model(nodes, inputs, outputs, initializers, opset)
    return harness.import_and_run(model, list(inputs.values()))


def randn(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def check(actual, expected, rtol=1e-5, atol=1e-5):
    harness.assert_close(actual, np.asarray(expected), rtol=rtol, atol=atol)


# --- numpy references ------------------------------------------------------

def conv_ref(x, w, b=None, strides=(1, 1), pads=(0, 0, 0, 0),
             dilations=(1, 1), group=1):
    """NCHW x OIHW, pads [top, left, bottom, right] (ONNX order)."""
    x = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (pads[0], pads[2]),
                                      (pads[1], pads[3])))
    n, c, h, wd = x.shape
    f, cg, kh, kw = w.shape
    oh = (h - dilations[0] * (kh - 1) - 1) // strides[0] + 1
    ow = (wd - dilations[1] * (kw - 1) - 1) // strides[1] + 1
    out = np.zeros((n, f, oh, ow))
    fg = f // group
    for g in range(group):
        xs = x[:, g * cg:(g + 1) * cg]
        for i in range(kh):
            for j in range(kw):
                patch = xs[:, :, i * dilations[0]:i * dilations[0] +
                           strides[0] * (oh - 1) + 1:strides[0],
                           j * dilations[1]:j * dilations[1] +
                           strides[1] * (ow - 1) + 1:strides[1]]
                out[:, g * fg:(g + 1) * fg] += np.einsum(
                    "nchw,fc->nfhw", patch, w[g * fg:(g + 1) * fg, :, i, j])
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out


def pool_ref(x, k, s, pads, kind, count_include_pad=False):
    n, c, h, w = x.shape
    pt, pl, pb, pr = pads
    fill = -np.inf if kind == "max" else 0.0
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (pt, pb), (pl, pr)),
                constant_values=fill)
    ones = np.pad(np.ones((h, w)), ((pt, pb), (pl, pr)))
    oh = (h + pt + pb - k[0]) // s[0] + 1
    ow = (w + pl + pr - k[1]) // s[1] + 1
    out = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            win = xp[:, :, i * s[0]:i * s[0] + k[0], j * s[1]:j * s[1] + k[1]]
            if kind == "max":
                out[:, :, i, j] = win.max(axis=(2, 3))
            else:
                cnt = k[0] * k[1] if count_include_pad else ones[
                    i * s[0]:i * s[0] + k[0], j * s[1]:j * s[1] + k[1]].sum()
                out[:, :, i, j] = win.sum(axis=(2, 3)) / cnt
    return out


def softmax_ref(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


# --- contractions ----------------------------------------------------------

@pytest.mark.parametrize("trans_a,trans_b,alpha,beta,c_shape", [
    (0, 0, 1.0, 1.0, (5,)),
    (1, 1, 0.5, 2.0, (3, 5)),
    (0, 1, 1.0, 0.5, (1, 5)),
    (1, 0, 2.0, 1.0, None),
])
def test_gemm(trans_a, trans_b, alpha, beta, c_shape):
    a = randn(4, 3) if trans_a else randn(3, 4)
    b = randn(5, 4) if trans_b else randn(4, 5)
    inits = {"b": b}
    ins = ["a", "b"]
    if c_shape:
        inits["c"] = randn(*c_shape)
        ins.append("c")
    node = helper.make_node("Gemm", ins, ["y"], alpha=alpha, beta=beta,
                            transA=trans_a, transB=trans_b)
    (y,) = run([node], {"a": a}, {"y": (np.float32, (3, 5))}, inits)
    ref = alpha * (a.T if trans_a else a) @ (b.T if trans_b else b)
    if c_shape:
        ref = ref + beta * inits["c"]
    check(y, ref.astype(np.float32))


def test_gemm_runtime_operands():
    a, b, c = randn(2, 6), randn(6, 3), randn(2, 3)
    node = helper.make_node("Gemm", ["a", "b", "c"], ["y"], alpha=0.25,
                            beta=3.0)
    (y,) = run([node], {"a": a, "b": b, "c": c}, {"y": (np.float32, (2, 3))})
    check(y, (0.25 * a @ b + 3.0 * c).astype(np.float32))


@pytest.mark.parametrize("a_shape,b_shape", [
    ((3, 4), (4, 5)),
    ((2, 3, 4), (4, 5)),
    ((3, 4), (2, 4, 5)),
    ((2, 1, 3, 4), (3, 4, 2)),
    ((4,), (4, 5)),
    ((2, 3, 4), (4,)),
])
def test_matmul(a_shape, b_shape):
    a, b = randn(*a_shape), randn(*b_shape)
    ref = np.matmul(a, b)
    node = helper.make_node("MatMul", ["a", "b"], ["y"])
    (y,) = run([node], {"a": a, "b": b}, {"y": (np.float32, ref.shape)})
    check(y, ref)


@pytest.mark.parametrize("attrs,w_shape,bias", [
    (dict(pads=[1, 1, 1, 1]), (6, 4, 3, 3), True),
    (dict(strides=[2, 2], pads=[0, 1, 2, 1]), (6, 4, 3, 3), False),
    (dict(group=2, dilations=[2, 1]), (6, 2, 3, 3), True),
    (dict(group=4, pads=[1, 1, 1, 1]), (8, 1, 3, 3), True),  # depthwise x2
    (dict(auto_pad="SAME_UPPER", strides=[2, 2]), (5, 4, 2, 2), False),
])
def test_conv(attrs, w_shape, bias):
    x = randn(2, 4, 7, 8)
    w = randn(*w_shape)
    b = randn(w_shape[0]) if bias else None
    inits = {"w": w}
    ins = ["x", "w"]
    if bias:
        inits["b"] = b
        ins.append("b")
    pads = attrs.get("pads", [0, 0, 0, 0])
    if attrs.get("auto_pad") == "SAME_UPPER":  # 7x8, k2, s2: pad 1/0, 0/0
        pads = [0, 0, 1, 0]
    ref = conv_ref(x, w, b, attrs.get("strides", (1, 1)), pads,
                   attrs.get("dilations", (1, 1)), attrs.get("group", 1))
    node = helper.make_node("Conv", ins, ["y"], **attrs)
    (y,) = run([node], {"x": x}, {"y": (np.float32, ref.shape)}, inits)
    check(y, ref.astype(np.float32), rtol=1e-4, atol=1e-4)


def test_conv_runtime_weights_and_1d():
    x, w = randn(1, 3, 10), randn(4, 3, 3)
    node = helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1],
                            strides=[2])
    ref = conv_ref(x[:, :, None], w[:, :, None], None, (1, 2),
                   (0, 1, 0, 1))[:, :, 0]
    (y,) = run([node], {"x": x, "w": w}, {"y": (np.float32, ref.shape)})
    check(y, ref.astype(np.float32), rtol=1e-4, atol=1e-4)


def bn_params(c):
    return {"scale": RNG.random(c).astype(np.float32) + 0.5,
            "bias": randn(c), "mean": randn(c),
            "var": RNG.random(c).astype(np.float32) + 0.1}


def bn_ref(x, p, eps=1e-5):
    shape = (1, -1) + (1,) * (x.ndim - 2)
    return ((x - p["mean"].reshape(shape)) /
            np.sqrt(p["var"].reshape(shape) + eps) *
            p["scale"].reshape(shape) + p["bias"].reshape(shape))


def test_conv_batchnorm_folds():
    x, w, b = randn(1, 3, 6, 6), randn(4, 3, 3, 3), randn(4)
    p = bn_params(4)
    nodes = [helper.make_node("Conv", ["x", "w", "b"], ["c"], pads=[1] * 4),
             helper.make_node("BatchNormalization",
                              ["c", "scale", "bias", "mean", "var"], ["y"],
                              epsilon=1e-3)]
    inits = dict(w=w, b=b, **p)
    model = make_model(nodes, {"x": x}, {"y": (np.float32, (1, 4, 6, 6))},
                       inits)
    mlir = import_model(model)
    assert mlir.count("accel.conv2d") == 1
    assert "accel.mul" not in mlir and "accel.add" not in mlir
    (y,) = harness.accel_run(mlir, [x], 1)
    ref = bn_ref(conv_ref(x, w, b, pads=(1, 1, 1, 1)), p, 1e-3)
    check(y, ref.astype(np.float32), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("runtime_params", [False, True])
def test_batchnorm_elementwise(runtime_params):
    x = randn(2, 3, 4, 5)
    p = bn_params(3)
    node = helper.make_node("BatchNormalization",
                            ["r", "scale", "bias", "mean", "var"], ["y"])
    relu = helper.make_node("Relu", ["x"], ["r"])
    if runtime_params:
        outs = run([relu, node], dict(x=x, **p),
                   {"y": (np.float32, x.shape)})
    else:
        outs = run([relu, node], {"x": x}, {"y": (np.float32, x.shape)}, p)
    check(outs[0], bn_ref(np.maximum(x, 0), p).astype(np.float32))


# --- elementwise -----------------------------------------------------------

def test_relu_sigmoid():
    x = randn(3, 7)
    nodes = [helper.make_node("Relu", ["x"], ["r"]),
             helper.make_node("Sigmoid", ["x"], ["s"])]
    r, s = run(nodes, {"x": x}, {"r": (np.float32, x.shape),
                                 "s": (np.float32, x.shape)})
    check(r, np.maximum(x, 0))
    check(s, (1 / (1 + np.exp(-x.astype(np.float64)))).astype(np.float32))


@pytest.mark.parametrize("opset,lo,hi", [(13, -0.5, 0.75), (13, None, 0.3),
                                         (6, -1.0, 1.0)])
def test_clip(opset, lo, hi):
    x = randn(4, 5)
    inits, ins, attrs = {}, ["x"], {}
    if opset >= 11:
        for name, v in (("lo", lo), ("hi", hi)):
            if v is None:
                ins.append("")
            else:
                inits[name] = np.array(v, np.float32)
                ins.append(name)
    else:
        attrs = {"min": lo, "max": hi}
    node = helper.make_node("Clip", ins, ["y"], **attrs)
    (y,) = run([node], {"x": x}, {"y": (np.float32, x.shape)}, inits, opset)
    check(y, np.clip(x, -np.inf if lo is None else lo, hi))


def test_clip_int8():
    x = RNG.integers(-128, 128, (3, 4)).astype(np.int8)
    node = helper.make_node("Clip", ["x", "lo", "hi"], ["y"])
    (y,) = run([node], {"x": x}, {"y": (np.int8, x.shape)},
               {"lo": np.array(-5, np.int8), "hi": np.array(20, np.int8)})
    check(y, np.clip(x, -5, 20))


@pytest.mark.parametrize("op,fn", [("Add", np.add), ("Sub", np.subtract),
                                   ("Mul", np.multiply)])
def test_binary_broadcast(op, fn):
    a, b, c = randn(2, 3, 4), randn(3, 1), randn(4)
    nodes = [helper.make_node(op, ["a", "b"], ["t"]),
             helper.make_node(op, ["t", "c"], ["y"])]
    (y,) = run(nodes, {"a": a, "b": b}, {"y": (np.float32, a.shape)},
               {"c": c})
    check(y, fn(fn(a, b), c))


@pytest.mark.parametrize("dtype", [np.int32, np.uint8, np.int8])
@pytest.mark.parametrize("op,fn", [("Add", np.add), ("Sub", np.subtract),
                                   ("Mul", np.multiply)])
def test_binary_integers_wrap(op, fn, dtype):
    info = np.iinfo(dtype)
    a = RNG.integers(info.min, int(info.max) + 1, (3, 4)).astype(dtype)
    b = RNG.integers(info.min, int(info.max) + 1, (4,)).astype(dtype)
    node = helper.make_node(op, ["a", "b"], ["y"])
    (y,) = run([node], {"a": a, "b": b}, {"y": (dtype, a.shape)})
    with np.errstate(over="ignore"):
        check(y, fn(a, b).astype(dtype))


# --- pooling and layout ----------------------------------------------------

@pytest.mark.parametrize("kind,attrs,pads", [
    ("MaxPool", dict(kernel_shape=[3, 3], strides=[2, 2],
                     pads=[1, 1, 1, 1]), (1, 1, 1, 1)),
    ("MaxPool", dict(kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1),
     (0, 0, 1, 1)),
    ("AveragePool", dict(kernel_shape=[3, 3], strides=[2, 2],
                         pads=[1, 1, 1, 1]), (1, 1, 1, 1)),
    ("AveragePool", dict(kernel_shape=[3, 3], pads=[1, 0, 1, 2],
                         count_include_pad=1), (1, 0, 1, 2)),
])
def test_pool(kind, attrs, pads):
    x = randn(2, 3, 7, 7)
    kind_ref = "max" if kind == "MaxPool" else "avg"
    ref = pool_ref(x, attrs["kernel_shape"], attrs.get("strides", [1, 1]),
                   pads, kind_ref, attrs.get("count_include_pad", 0))
    node = helper.make_node(kind, ["x"], ["y"], **attrs)
    (y,) = run([node], {"x": x}, {"y": (np.float32, ref.shape)})
    check(y, ref.astype(np.float32))


def test_global_average_pool():
    x = randn(2, 5, 4, 3)
    node = helper.make_node("GlobalAveragePool", ["x"], ["y"])
    (y,) = run([node], {"x": x}, {"y": (np.float32, (2, 5, 1, 1))})
    check(y, x.mean(axis=(2, 3), keepdims=True))


def test_nhwc_chain_has_two_transposes():
    """conv -> relu -> add(per-channel) -> pool -> conv stays NHWC."""
    x, w1, w2 = randn(1, 3, 8, 8), randn(4, 3, 3, 3), randn(2, 4, 1, 1)
    cb = randn(4, 1, 1)
    nodes = [helper.make_node("Conv", ["x", "w1"], ["c"], pads=[1] * 4),
             helper.make_node("Relu", ["c"], ["r"]),
             helper.make_node("Add", ["r", "cb"], ["a"]),
             helper.make_node("MaxPool", ["a"], ["p"], kernel_shape=[2, 2],
                              strides=[2, 2]),
             helper.make_node("Conv", ["p", "w2"], ["y"])]
    model = make_model(nodes, {"x": x}, {"y": (np.float32, (1, 2, 4, 4))},
                       {"w1": w1, "w2": w2, "cb": cb})
    mlir = import_model(model)
    assert mlir.count("tosa.transpose") == 2, mlir
    (y,) = harness.accel_run(mlir, [x], 1)
    a = np.maximum(conv_ref(x, w1, pads=(1, 1, 1, 1)), 0) + cb
    ref = conv_ref(pool_ref(a, (2, 2), (2, 2), (0, 0, 0, 0), "max"), w2)
    check(y, ref.astype(np.float32), rtol=1e-4, atol=1e-4)


def test_concat_transpose_after_conv():
    x, w = randn(1, 2, 5, 5), randn(3, 2, 1, 1)
    k = randn(1, 1, 5, 5)
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"]),
             helper.make_node("Concat", ["c", "x", "k"], ["cat"], axis=1),
             helper.make_node("Transpose", ["cat"], ["y"], perm=[0, 2, 3, 1])]
    (y,) = run(nodes, {"x": x}, {"y": (np.float32, (1, 5, 5, 6))},
               {"w": w, "k": k})
    cat = np.concatenate([conv_ref(x, w), x, k], axis=1)
    check(y, cat.transpose(0, 2, 3, 1).astype(np.float32))


# --- shapes ----------------------------------------------------------------

def test_flatten_reshape_identity_constant():
    x = randn(2, 3, 4)
    shape = helper.make_node("Constant", [], ["shape"],
                             value=numpy_helper.from_array(
                                 np.array([0, -1, 2], np.int64)))
    nodes = [shape,
             helper.make_node("Reshape", ["x", "shape"], ["r"]),
             helper.make_node("Flatten", ["x"], ["f"], axis=2),
             helper.make_node("Identity", ["r"], ["i"]),
             helper.make_node("Transpose", ["x"], ["t"])]
    r, f, i, t = run(nodes, {"x": x}, {
        "r": (np.float32, (2, 6, 2)), "f": (np.float32, (6, 4)),
        "i": (np.float32, (2, 6, 2)), "t": (np.float32, (4, 3, 2))})
    check(r, x.reshape(2, 6, 2))
    check(f, x.reshape(6, 4))
    check(i, x.reshape(2, 6, 2))
    check(t, x.transpose())


def test_constant_output_and_folding():
    """Shape ops on constants fold; a constant can be a graph output."""
    c = randn(2, 3)
    nodes = [helper.make_node("Constant", [], ["c"], value_floats=[1.0, 2.0]),
             helper.make_node("Transpose", ["k"], ["kt"]),
             helper.make_node("Add", ["x", "kt"], ["y"])]
    model = make_model(nodes, {"x": randn(3, 2)}, {
        "y": (np.float32, (3, 2)), "c": (np.float32, (2,))}, {"k": c})
    mlir = import_model(model)
    assert "tosa.transpose" not in mlir
    x = randn(3, 2)
    y, cc = harness.accel_run(mlir, [x], 2)
    check(y, x + c.T)
    check(cc, np.array([1.0, 2.0], np.float32))


@pytest.mark.parametrize("opset,axis", [(13, 1), (13, -1), (11, 1)])
def test_softmax(opset, axis):
    x = randn(2, 3, 4) * 10
    node = helper.make_node("Softmax", ["x"], ["y"], axis=axis)
    (y,) = run([node], {"x": x}, {"y": (np.float32, x.shape)}, opset=opset)
    if opset >= 13:
        ref = softmax_ref(x.astype(np.float64), axis)
    else:
        ref = softmax_ref(x.reshape(2, 12).astype(np.float64), 1).reshape(
            x.shape)
    check(y, ref.astype(np.float32), rtol=1e-5, atol=1e-6)


def test_large_initializer_is_hex():
    w = randn(64, 64)
    node = helper.make_node("MatMul", ["x", "w"], ["y"])
    model = make_model([node], {"x": randn(2, 64)},
                       {"y": (np.float32, (2, 64))}, {"w": w})
    mlir = import_model(model)
    assert 'dense<"0x' in mlir
    x = randn(2, 64)
    check(harness.accel_run(mlir, [x], 1)[0], x @ w, rtol=1e-4, atol=1e-4)


# --- quantized ops ---------------------------------------------------------

def test_quantize_dequantize():
    x = randn(3, 8) * 3
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"]),
             helper.make_node("DequantizeLinear", ["q", "s", "z"], ["y"])]
    inits = {"s": np.array(0.05, np.float32), "z": np.array(-3, np.int8)}
    q, y = run(nodes, {"x": x}, {"q": (np.int8, x.shape),
                                 "y": (np.float32, x.shape)}, inits)
    qref = np.clip(np.round(x / np.float32(0.05)) - 3, -128, 127)
    check(q, qref.astype(np.int8))
    check(y, ((qref + 3) * np.float32(0.05)).astype(np.float32))


def test_quantize_per_axis_uint8():
    x = randn(2, 4) * 2
    scales = np.array([0.01, 0.02, 0.03, 0.04], np.float32)
    zps = np.array([0, 10, 128, 255], np.uint8)
    node = helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], axis=1)
    (q,) = run([node], {"x": x}, {"q": (np.uint8, x.shape)},
               {"s": scales, "z": zps})
    ref = np.clip(np.round(x / scales) + zps.astype(np.int32), 0, 255)
    check(q, ref.astype(np.uint8))


def test_matmul_integer_exact():
    a = RNG.integers(0, 256, (3, 40)).astype(np.uint8)
    b = RNG.integers(-128, 128, (40, 5)).astype(np.int8)
    node = helper.make_node("MatMulInteger", ["a", "b", "az"], ["y"])
    (y,) = run([node], {"a": a, "b": b}, {"y": (np.int32, (3, 5))},
               {"az": np.array(100, np.uint8)})
    check(y, (a.astype(np.int32) - 100) @ b.astype(np.int32))


def test_conv_integer_exact():
    x = RNG.integers(-128, 128, (1, 2, 5, 5)).astype(np.int8)
    w = RNG.integers(-128, 128, (3, 2, 3, 3)).astype(np.int8)
    node = helper.make_node("ConvInteger", ["x", "w", "xz"], ["y"],
                            pads=[1, 1, 1, 1])
    (y,) = run([node], {"x": x}, {"y": (np.int32, (1, 3, 5, 5))},
               {"w": w, "xz": np.array(3, np.int8)})
    xp = np.pad(x.astype(np.int64) - 3, ((0, 0), (0, 0), (1, 1), (1, 1)))
    ref = np.zeros((1, 3, 5, 5), np.int64)
    for i in range(3):
        for j in range(3):
            ref += np.einsum("nchw,fc->nfhw", xp[:, :, i:i + 5, j:j + 5],
                             w[:, :, i, j].astype(np.int64))
    check(y, ref.astype(np.int32))


def test_qlinear_matmul_and_conv():
    """Float reference of the quantized ops; requantization may differ from
    ONNX's float rounding by one step (docs/Numerics.md)."""
    a = RNG.integers(0, 256, (4, 16)).astype(np.uint8)
    b = RNG.integers(-128, 128, (16, 3)).astype(np.int8)
    inits = {"as": np.array(0.02, np.float32), "az": np.array(120, np.uint8),
             "bs": np.array([0.01, 0.02, 0.03], np.float32),
             "bz": np.array(0, np.int8),
             "ys": np.array(0.1, np.float32), "yz": np.array(5, np.int8)}
    node = helper.make_node("QLinearMatMul",
                            ["a", "as", "az", "b", "bs", "bz", "ys", "yz"],
                            ["y"])
    (y,) = run([node], {"a": a, "b": b}, {"y": (np.int8, (4, 3))}, inits)
    real = ((a.astype(np.float64) - 120) * 0.02) @ (b.astype(np.float64) *
                                                    inits["bs"])
    ref = np.clip(np.round(real / 0.1) + 5, -128, 127)
    assert y.dtype == np.int8
    assert np.max(np.abs(y.astype(np.int32) - ref)) <= 1

    x = RNG.integers(0, 256, (1, 2, 4, 4)).astype(np.uint8)
    w = RNG.integers(-127, 128, (3, 2, 3, 3)).astype(np.int8)
    bias = RNG.integers(-500, 500, (3,)).astype(np.int32)
    inits = {"xs": np.array(0.05, np.float32), "xz": np.array(128, np.uint8),
             "w": w, "ws": np.array([0.01, 0.015, 0.02], np.float32),
             "wz": np.array([0, 0, 0], np.int8),
             "ys": np.array(0.2, np.float32), "yz": np.array(10, np.uint8),
             "bias": bias}
    node = helper.make_node("QLinearConv", ["x", "xs", "xz", "w", "ws", "wz",
                                            "ys", "yz", "bias"], ["y"],
                            pads=[1, 1, 1, 1])
    (y,) = run([node], {"x": x}, {"y": (np.uint8, (1, 3, 4, 4))}, inits)
    acc = conv_ref(x.astype(np.float64) - 128, w.astype(np.float64),
                   bias.astype(np.float64), pads=(1, 1, 1, 1))
    real = acc * 0.05 * inits["ws"].reshape(1, -1, 1, 1).astype(np.float64)
    ref = np.clip(np.round(real / 0.2) + 10, 0, 255)
    assert y.dtype == np.uint8
    assert np.max(np.abs(y.astype(np.int32) - ref)) <= 1


def test_uint8_max_pool_and_clip():
    x = RNG.integers(0, 256, (1, 2, 4, 4)).astype(np.uint8)
    nodes = [helper.make_node("MaxPool", ["x"], ["p"], kernel_shape=[2, 2],
                              strides=[2, 2]),
             helper.make_node("Clip", ["p", "lo", "hi"], ["y"])]
    (y,) = run(nodes, {"x": x}, {"y": (np.uint8, (1, 2, 2, 2))},
               {"lo": np.array(50, np.uint8), "hi": np.array(200, np.uint8)})
    ref = x.reshape(1, 2, 2, 2, 2, 2).max(axis=(3, 5))
    check(y, np.clip(ref, 50, 200))


# --- accelerator target ----------------------------------------------------

def test_runs_on_accelerator_preset():
    a = RNG.integers(-128, 128, (16, 32)).astype(np.int8)
    b = RNG.integers(-128, 128, (32, 16)).astype(np.int8)
    node = helper.make_node("MatMulInteger", ["a", "b"], ["y"])
    model = make_model([node], {"a": a}, {"y": (np.int32, (16, 16))},
                       {"b": b})
    (y,) = harness.import_and_run(model, [a], target="int8-16x16")
    check(y, a.astype(np.int32) @ b.astype(np.int32))


# --- errors and the command line -------------------------------------------

def test_unsupported_op_names_type_and_node():
    node = helper.make_node("Tanh", ["x"], ["y"], name="my_tanh")
    model = make_model([node], {"x": randn(2)}, {"y": (np.float32, (2,))})
    with pytest.raises(OnnxImportError, match="'Tanh'.*'my_tanh'"):
        import_model(model)


def test_dynamic_input_shape():
    node = helper.make_node("Relu", ["x"], ["y"])
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("x", F32, ["N", 3])],
        [helper.make_tensor_value_info("y", F32, ["N", 3])])
    model = helper.make_model(graph)
    with pytest.raises(OnnxImportError, match="input 'x'.*dynamic.*'N'"):
        import_model(model)


def test_runtime_reshape_shape_is_an_error():
    node = helper.make_node("Reshape", ["x", "s"], ["y"], name="rs")
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("x", F32, [2, 3]),
                      helper.make_tensor_value_info("s", TensorProto.INT64,
                                                    [2])],
        [helper.make_tensor_value_info("y", F32, [3, 2])])
    with pytest.raises(OnnxImportError, match="Reshape node 'rs'.*constant"):
        import_model(helper.make_model(graph))


def _cli(*args):
    return harness.run_tool([harness.IMPORT_TOOL] + list(args))


def test_cli_writes_mlir_accel_opt_parses(tmp_path):
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"]),
             helper.make_node("Relu", ["c"], ["y"])]
    model = make_model(nodes, {"x": randn(1, 2, 4, 4)},
                       {"y": (np.float32, (1, 3, 3, 3))},
                       {"w": randn(3, 2, 2, 2)})
    onnx.save(model, str(tmp_path / "m.onnx"))
    proc = _cli(str(tmp_path / "m.onnx"), "-o", str(tmp_path / "m.mlir"),
                "--entry", "net")
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "m.mlir").read_text()
    assert "func.func @net(" in text and "accel.conv2d" in text
    proc = harness.run_tool([harness.ACCEL_OPT, str(tmp_path / "m.mlir")])
    assert proc.returncode == 0, proc.stderr


def test_cli_errors(tmp_path):
    proc = _cli(str(tmp_path / "missing.onnx"))
    assert proc.returncode == 1
    assert "error:" in proc.stderr and "missing.onnx" in proc.stderr
    (tmp_path / "bad.onnx").write_bytes(b"\x0a\xff\xff\xff garbage")
    proc = _cli(str(tmp_path / "bad.onnx"))
    assert proc.returncode == 1
    assert "bad.onnx" in proc.stderr and "Traceback" not in proc.stderr
    node = helper.make_node("LSTM", ["x", "w", "r"], ["y"], name="rnn0",
                            hidden_size=2)
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("x", F32, [1, 1, 2])],
        [helper.make_tensor_value_info("y", F32, [1, 1, 1, 2])],
        [numpy_helper.from_array(randn(1, 8, 2), "w"),
         numpy_helper.from_array(randn(1, 8, 2), "r")])
    onnx.save(helper.make_model(graph), str(tmp_path / "lstm.onnx"))
    proc = _cli(str(tmp_path / "lstm.onnx"))
    assert proc.returncode == 1
    assert "unsupported ONNX op 'LSTM' (node 'rnn0')" in proc.stderr
