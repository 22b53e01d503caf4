"""The ONNX graph walk of accel-import-onnx.

This file implements `import_model`: it loads and checks an ONNX model, runs
ONNX shape inference, requires static shapes, and walks the graph in order,
handing each node to its converter in `ops.py`.  Converters build the body of
one `func.func` through the `Importer` below, which owns SSA naming, lazy
constants and layout bookkeeping:

* A `Value` has a *logical* (ONNX) shape and may be stored *physically* in
  another layout: `perm` says `physical = transpose(logical, perm)`.
  Convolutions and pools produce NHWC values whose logical shape stays NCHW;
  the transpose back is emitted only when a consumer needs the NCHW tensor,
  so chains of conv, relu, add, pool and batch-norm stay in NHWC.
* Constants (initializers, `Constant` nodes, folded parameters) are numpy
  arrays until an op uses them, and are emitted once.
"""

import os

import numpy as np

from . import mlir_text
from .mlir_text import tensor_type

NHWC = (0, 2, 3, 1)  # physical NHWC of a logical NCHW value

# ONNX uint8 tensors are typed `!quant.uniform<u8:f32, 1.0>` (the raw integer
# with scale 1 and zero point 0): accel-run exchanges them as uint8 files, and
# unlike `ui8` they can be reinterpreted as signless i8 (`quant.scast`), which
# is what the CPU path computes integers in.
U8_RAW = "!quant.uniform<u8:f32, 1.0>"


def storage_type(etype):
    """The signless storage type of a quantized element type (else etype)."""
    if etype.startswith("!quant.uniform<"):
        storage = etype[len("!quant.uniform<"):].split(":")[0]
        return "i" + storage.lstrip("iu")
    return etype


class OnnxImportError(Exception):
    """An error the importer reports to its user (no traceback)."""


class Value:
    """A tensor the function computes or knows at import time."""

    def __init__(self, shape, dtype, ssa=None, etype=None, const=None,
                 perm=None):
        self.shape = tuple(int(d) for d in shape)  # logical (ONNX) shape
        self.dtype = np.dtype(dtype)               # ONNX element dtype
        self.ssa = ssa                             # physical SSA value
        if etype is None:
            etype = U8_RAW if self.dtype == np.uint8 else \
                mlir_text.element_type(self.dtype)
        self.etype = etype
        self.const = const                         # numpy value, if known
        self.perm = tuple(perm) if perm is not None else None
        self.logical_ssa = ssa if perm is None else None
        self.producer = None                       # e.g. "conv" for folding

    @property
    def rank(self):
        return len(self.shape)

    @property
    def physical_shape(self):
        if self.perm is None:
            return self.shape
        return tuple(self.shape[p] for p in self.perm)

    @property
    def is_float(self):
        return self.dtype in mlir_text.FLOAT_DTYPES and not self.is_quant

    @property
    def is_quant(self):
        return self.etype.startswith("!quant")

    def type(self, shape=None):
        return tensor_type(self.shape if shape is None else shape, self.etype)


def _sanitize(name):
    out = "".join(c if c.isalnum() or c in "_$." else "_" for c in name)
    if not out or not (out[0].isalpha() or out[0] == "_"):
        out = "v" + out
    return out


class Importer:
    """Builds one func.func from an ONNX graph."""

    def __init__(self, model, entry="main"):
        self.model = model
        self.graph = model.graph
        self.entry = entry
        self.opset = 1
        for imp in model.opset_import:
            if imp.domain in ("", "ai.onnx"):
                self.opset = imp.version
        self.lines = []
        self.values = {}
        self.counter = 0
        self.node = None  # the node being converted (for locations/errors)
        self.arg_decls = []
        self.uses = {}    # tensor name -> number of consuming nodes
        self.outputs = set(o.name for o in self.graph.output)
        self.skip = set()  # node outputs folded into a producer
        self.scast_origin = {}  # scast result -> (operand, operand type)

    # -- emission -----------------------------------------------------------

    def fresh(self):
        name = "%%%d" % self.counter
        self.counter += 1
        return name

    def location(self):
        if self.node is None:
            return ""
        name = self.node.name or (self.node.output[0] if self.node.output
                                  else self.node.op_type)
        return " loc(%s)" % mlir_text.string_literal(name)

    def emit(self, text, results=1):
        """Emits `<ssa> = <text>` and returns the SSA name(s)."""
        if results == 0:
            self.lines.append("    %s%s" % (text, self.location()))
            return None
        ssa = self.fresh()
        name = ssa if results == 1 else "%s:%d" % (ssa, results)
        self.lines.append("    %s = %s%s" % (name, text, self.location()))
        return ssa

    def error(self, message):
        if self.node is not None:
            raise OnnxImportError("%s node '%s': %s" % (
                self.node.op_type, self.node.name or "<unnamed>", message))
        raise OnnxImportError(message)

    # -- values -------------------------------------------------------------

    def const_value(self, array, dtype=None):
        array = np.asarray(array)
        if dtype is not None:
            array = array.astype(dtype)
        return Value(array.shape, array.dtype, const=array)

    def emit_const(self, array, etype=None):
        array = np.require(np.asarray(array), requirements="C")
        if etype is None:
            etype = U8_RAW if array.dtype == np.uint8 else \
                mlir_text.element_type(array.dtype)
        if etype.startswith("!quant"):
            storage = storage_type(etype)
            bits = array.astype({"i8": np.int8, "i32": np.int32}[storage]) \
                if array.dtype.kind == "f" else array.view(
                    {"i8": np.int8, "i32": np.int32}[storage])
            raw = self.emit("arith.constant %s : %s" % (
                mlir_text.dense_attr(bits), tensor_type(array.shape, storage)))
            return self.scast(raw, array.shape, storage, etype)
        if etype is None:
            self.error("constants of type %s are not supported" % array.dtype)
        if etype.startswith("ui"):
            # arith.constant needs signless integers; keep the bits.
            self.error("unsigned %s tensors are not supported by the CPU "
                       "path (no bufferizable bitcast from %s)" % (etype, etype))
        return self.emit("arith.constant %s : %s" % (
            mlir_text.dense_attr(array), tensor_type(array.shape, etype)))

    def use(self, value):
        """The SSA name of `value` in its logical (ONNX) layout."""
        if value.logical_ssa is not None:
            return value.logical_ssa
        if value.ssa is None:
            value.ssa = self.emit_const(value.const, value.etype)
            value.logical_ssa = value.ssa
            return value.ssa
        # Physical -> logical: transpose by the inverse permutation.
        inverse = tuple(int(i) for i in np.argsort(value.perm))
        value.logical_ssa = self.transpose(value.ssa, value.physical_shape,
                                           value.etype, inverse)
        return value.logical_ssa

    def use_perm(self, value, perm):
        """The SSA name of `transpose(logical value, perm)`."""
        perm = tuple(int(p) for p in perm)
        if value.ssa is not None and value.perm == perm:
            return value.ssa
        if perm == tuple(range(value.rank)):
            return self.use(value)
        cache = value.__dict__.setdefault("_perm_cache", {})
        if perm not in cache:
            if value.const is not None:
                cache[perm] = self.emit_const(np.transpose(value.const, perm),
                                              value.etype)
            else:
                cache[perm] = self.transpose(self.use(value), value.shape,
                                             value.etype, perm)
        return cache[perm]

    def scast(self, ssa, shape, from_etype, to_etype):
        """quant.scast between a quantized type and its storage type."""
        if from_etype == to_etype:
            return ssa
        origin = self.scast_origin.get(ssa)
        if origin is not None and origin[1] == to_etype:
            return origin[0]  # scast(scast(x : A -> B) : B -> A) is x
        out = self.emit("quant.scast %s : %s to %s" % (
            ssa, tensor_type(shape, from_etype), tensor_type(shape, to_etype)))
        self.scast_origin[out] = (ssa, from_etype)
        return out

    def use_typed(self, value, etype):
        """`value` (logical layout) reinterpreted as `etype`, which must share
        its storage (for example i8 and !quant.uniform<i8:f32, 0.5:3>)."""
        if value.etype == etype:
            return self.use(value)
        if storage_type(value.etype) != storage_type(etype):
            self.error("cannot reinterpret %s as %s" % (value.etype, etype))
        if value.const is not None and value.ssa is None:
            return self.emit_const(value.const, etype)
        ssa = self.scast(self.use(value), value.shape, value.etype,
                         storage_type(value.etype))
        return self.scast(ssa, value.shape, storage_type(etype), etype)

    def _through_storage(self, ssa, shape, out_shape, etype, fn):
        """Applies fn(ssa, etype) to the storage of a quantized tensor (TOSA
        data movement does not take quantized element types)."""
        storage = storage_type(etype)
        if storage == etype:
            return fn(ssa, etype)
        ssa = self.scast(ssa, shape, etype, storage)
        ssa = fn(ssa, storage)
        return self.scast(ssa, out_shape, storage, etype)

    def transpose(self, ssa, shape, etype, perm):
        out_shape = [shape[p] for p in perm]
        if list(perm) == list(range(len(perm))):
            return ssa
        if etype.startswith("!quant"):
            return self._through_storage(
                ssa, shape, out_shape, etype,
                lambda s, t: self.transpose(s, shape, t, perm))
        return self.emit(
            "tosa.transpose %s {perms = array<i32: %s>} : (%s) -> %s" % (
                ssa, ", ".join(str(p) for p in perm),
                tensor_type(shape, etype), tensor_type(out_shape, etype)))

    def reshape(self, ssa, shape, new_shape, etype):
        new_shape = tuple(int(d) for d in new_shape)
        if tuple(shape) == new_shape:
            return ssa
        if etype.startswith("!quant"):
            return self._through_storage(
                ssa, shape, new_shape, etype,
                lambda s, t: self.reshape(s, shape, new_shape, t))
        dims = "[%s]" % ", ".join(str(d) for d in new_shape) if new_shape else ""
        shape_ssa = self.emit(
            "tosa.const_shape {values = dense<%s> : tensor<%dxindex>} : "
            "() -> !tosa.shape<%d>" % (dims, len(new_shape), len(new_shape)))
        return self.emit("tosa.reshape %s, %s : (%s, !tosa.shape<%d>) -> %s" % (
            ssa, shape_ssa, tensor_type(shape, etype), len(new_shape),
            tensor_type(new_shape, etype)))

    def reshape_value(self, value, new_shape):
        new_shape = tuple(int(d) for d in new_shape)
        if value.const is not None:
            return self.const_value(value.const.reshape(new_shape))
        ssa = self.reshape(self.use(value), value.shape, new_shape, value.etype)
        return Value(new_shape, value.dtype, ssa=ssa, etype=value.etype)

    def result(self, ssa, shape, like, perm=None, etype=None, dtype=None):
        """A new Value computed by an op."""
        return Value(shape, dtype if dtype is not None else like.dtype,
                     ssa=ssa, etype=etype or like.etype, perm=perm)

    # -- the graph ----------------------------------------------------------

    def input(self, i, optional=False):
        """The Value of the node's i-th input (None when absent and
        optional)."""
        names = self.node.input
        if i >= len(names) or names[i] == "":
            if optional:
                return None
            self.error("missing input #%d" % i)
        if names[i] not in self.values:
            self.error("input '%s' is not defined" % names[i])
        return self.values[names[i]]

    def const_input(self, i, what, optional=False):
        value = self.input(i, optional)
        if value is None:
            return None
        if value.const is None:
            self.error("%s (input #%d '%s') must be a constant (an initializer "
                       "or a Constant node)" % (what, i, self.node.input[i]))
        return value.const

    def set_output(self, i, value):
        self.values[self.node.output[i]] = value

    def attr(self, name, default=None):
        for a in self.node.attribute:
            if a.name == name:
                import onnx
                return onnx.helper.get_attribute_value(a)
        return default

    def import_graph(self):
        import onnx
        from onnx import numpy_helper
        from . import ops

        for init in self.graph.initializer:
            self.values[init.name] = self.const_value(numpy_helper.to_array(init))
        used_names = set()
        for inp in self.graph.input:
            if inp.name in self.values:
                continue  # an initializer listed as an input (IR < 4)
            dtype, shape = _tensor_type_of(inp, "input")
            ssa = "%" + _sanitize(inp.name)
            while ssa in used_names:
                ssa += "_"
            used_names.add(ssa)
            value = Value(shape, dtype, ssa=ssa)
            if value.etype is None:
                raise OnnxImportError("input '%s' has element type %s, which "
                                      "accel does not support" % (inp.name, dtype))
            self.values[inp.name] = value
            self.arg_decls.append((ssa, value))
        for node in self.graph.node:
            for name in node.input:
                self.uses[name] = self.uses.get(name, 0) + 1
        ops.plan_folds(self)
        for node in self.graph.node:
            self.node = node
            if node.domain not in ("", "ai.onnx"):
                self.error("unsupported operator domain '%s' (op type '%s')" %
                           (node.domain, node.op_type))
            if node.output and all(o in self.skip for o in node.output if o):
                continue
            convert = ops.CONVERTERS.get(node.op_type)
            if convert is None:
                raise OnnxImportError(
                    "unsupported ONNX op '%s' (node '%s')" %
                    (node.op_type, node.name or "<unnamed>"))
            convert(self)
            for out in node.output:
                if out and out not in self.values and out not in self.skip:
                    self.error("output '%s' was not produced" % out)
        self.node = None
        results = []
        for out in self.graph.output:
            if out.name not in self.values:
                raise OnnxImportError("graph output '%s' is not computed" %
                                      out.name)
            value = self.values[out.name]
            results.append((self.use(value), value))
        args = ", ".join("%s: %s" % (ssa, v.type()) for ssa, v in self.arg_decls)
        rtypes = ", ".join(v.type() for _, v in results)
        header = "func.func @%s(%s) -> (%s) {" % (self.entry, args, rtypes)
        ret = "    return %s : %s" % (", ".join(s for s, _ in results), rtypes)
        if not results:
            ret = "    return"
        source = self.graph.name or "model"
        return "\n".join(
            ["// Imported from ONNX by accel-import-onnx (graph '%s', opset %d)."
             % (source, self.opset),
             "module {", "  " + header] + self.lines + [ret, "  }", "}", ""])


def _tensor_type_of(value_info, what):
    import onnx
    from onnx import mapping
    t = value_info.type
    if not t.HasField("tensor_type"):
        raise OnnxImportError("%s '%s' is not a tensor" % (what, value_info.name))
    elem = t.tensor_type.elem_type
    if elem not in mapping.TENSOR_TYPE_TO_NP_TYPE or elem in (
            onnx.TensorProto.STRING, onnx.TensorProto.BFLOAT16,
            onnx.TensorProto.COMPLEX64, onnx.TensorProto.COMPLEX128):
        raise OnnxImportError("%s '%s' has unsupported element type %s" % (
            what, value_info.name, onnx.TensorProto.DataType.Name(elem)))
    dtype = mapping.TENSOR_TYPE_TO_NP_TYPE[elem]
    if not t.tensor_type.HasField("shape"):
        raise OnnxImportError("%s '%s' has no shape; accel-import-onnx needs "
                              "static shapes" % (what, value_info.name))
    shape = []
    for i, dim in enumerate(t.tensor_type.shape.dim):
        if not dim.HasField("dim_value"):
            raise OnnxImportError(
                "%s '%s' has a dynamic dimension #%d%s; accel-import-onnx "
                "needs static shapes" % (
                    what, value_info.name, i,
                    " ('%s')" % dim.dim_param if dim.dim_param else ""))
        if dim.dim_value == 0:
            raise OnnxImportError(
                "%s '%s' has a zero-size dimension #%d; accel does not "
                "support empty tensors" % (what, value_info.name, i))
        shape.append(dim.dim_value)
    return dtype, shape


def load_model(path):
    """Loads, checks and shape-infers an ONNX file; errors are
    OnnxImportError with the file name."""
    import onnx
    if not os.path.exists(path):
        raise OnnxImportError("%s: no such file" % path)
    try:
        model = onnx.load(path)
    except Exception as e:  # DecodeError and friends
        raise OnnxImportError("%s: not a valid ONNX model (%s)" % (
            path, str(e) or type(e).__name__))
    return prepare_model(model, path)


def prepare_model(model, origin="model"):
    """Checks a ModelProto and runs ONNX shape inference on it."""
    import onnx
    if not model.HasField("graph") or (not model.graph.node and
                                       not model.graph.output):
        raise OnnxImportError("%s: not a valid ONNX model (no graph)" % origin)
    try:
        onnx.checker.check_model(model)
    except Exception as e:
        text = str(e).strip()
        raise OnnxImportError("%s: invalid ONNX model: %s" % (
            origin, text.splitlines()[0] if text else type(e).__name__))
    try:
        model = onnx.shape_inference.infer_shapes(model)
    except Exception as e:
        raise OnnxImportError("%s: ONNX shape inference failed: %s" % (
            origin, e))
    return model


def import_model(model, entry="main"):
    """ONNX ModelProto (or a path) -> MLIR text of one func.func @entry."""
    if isinstance(model, (str, os.PathLike)):
        model = load_model(os.fspath(model))
    else:
        model = prepare_model(model)
    return Importer(model, entry).import_graph()
