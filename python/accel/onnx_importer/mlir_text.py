"""MLIR text helpers for the ONNX importer: types, attributes and constants.

This file implements the pieces of MLIR's textual syntax the importer prints:
tensor types, element types for numpy dtypes, dense elements attributes
(hexadecimal for anything larger than a splat, so every bit is kept), float
literals and `!quant.uniform` types.
"""

import math
import struct

import numpy as np

# numpy dtype -> MLIR element type.  Unsigned integers keep their signedness
# in the function signature (accel-run exchanges `ui8` as uint8 .npy files).
_NP_TO_MLIR = {
    np.dtype(np.float32): "f32",
    np.dtype(np.float16): "f16",
    np.dtype(np.float64): "f64",
    np.dtype(np.int8): "i8",
    np.dtype(np.uint8): "ui8",
    np.dtype(np.int16): "i16",
    np.dtype(np.uint16): "ui16",
    np.dtype(np.int32): "i32",
    np.dtype(np.uint32): "ui32",
    np.dtype(np.int64): "i64",
    np.dtype(np.uint64): "ui64",
    np.dtype(np.bool_): "i1",
}

FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float16))
"""Float dtypes the accel dialect and the CPU path compute in."""


def element_type(dtype):
    """The MLIR element type of a numpy dtype, or None when there is none."""
    return _NP_TO_MLIR.get(np.dtype(dtype))


def tensor_type(shape, etype):
    """`tensor<2x3xf32>` (or `tensor<f32>` for rank 0)."""
    return "tensor<" + "".join("%dx" % d for d in shape) + etype + ">"


def float_literal(x):
    """A float literal MLIR parses back to exactly `x` (a double)."""
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        return "0x%016X" % struct.unpack("<Q", struct.pack("<d", x))[0]
    text = repr(x)
    if "e" in text and "." not in text:
        mantissa, exponent = text.split("e")
        text = mantissa + ".0e" + exponent
    return text


def dense_attr(array):
    """`dense<...>` for a numpy array: a literal splat when every element is
    equal, a hexadecimal blob otherwise (little endian, bit exact)."""
    array = np.asarray(array)
    if array.dtype == np.bool_:
        flat = ["true" if b else "false" for b in array.reshape(-1)]
        if array.size and all(f == flat[0] for f in flat):
            return "dense<%s>" % flat[0]
        return "dense<%s>" % _nested(array, lambda b: "true" if b else "false")
    if array.size == 0:
        return "dense<>" if array.ndim == 0 else "dense<%s>" % _nested(array, str)
    flat = array.reshape(-1)
    first = flat[0]
    is_float = np.issubdtype(array.dtype, np.floating)
    splat = bool(np.all(flat.view(np.dtype("u%d" % array.itemsize)) ==
                        flat[:1].view(np.dtype("u%d" % array.itemsize))))
    if splat:
        if is_float:
            if np.isfinite(first):
                return "dense<%s>" % float_literal(first)
        else:
            return "dense<%d>" % int(first)
    le = array.astype(array.dtype.newbyteorder("<"), copy=False)
    data = le.tobytes() if not splat else le.reshape(-1)[:1].tobytes()
    return 'dense<"0x%s">' % data.hex().upper()


def _nested(array, fmt):
    if array.ndim == 0:
        return fmt(array.item())
    return "[" + ", ".join(_nested(a, fmt) for a in array) + "]"


def quant_type(storage, scales, zero_points, axis=None, expressed="f32"):
    """`!quant.uniform<i8:f32, 0.5:3>` or the per-axis form
    `!quant.uniform<i8:f32:1, {0.5:3, 0.25:3}>`; `storage` is "i8" or "u8"."""
    scales = np.asarray(scales, np.float64).reshape(-1)
    zero_points = np.asarray(zero_points, np.int64).reshape(-1)
    if axis is None:
        return "!quant.uniform<%s:%s, %s:%d>" % (
            storage, expressed, float_literal(np.float32(scales[0])),
            int(zero_points[0]))
    if zero_points.size == 1:
        zero_points = np.full(scales.shape, zero_points[0])
    params = ", ".join("%s:%d" % (float_literal(np.float32(s)), int(z))
                       for s, z in zip(scales, zero_points))
    return "!quant.uniform<%s:%s:%d, {%s}>" % (storage, expressed, axis, params)


def string_literal(text):
    """A double-quoted MLIR string literal."""
    out = []
    for ch in text:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.append("".join("\\%02X" % b for b in ch.encode("utf-8")))
    return '"' + "".join(out) + '"'
