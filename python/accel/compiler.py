"""accel.compiler: ctypes over the compiler's C embedding API.

This module mirrors include/accel-c/Compiler.h (API version 1): a process-wide
`AccelCompiler`, created on first use, compiles MLIR text into an
`AccelCompiledModule` that `Module` wraps.  Buffers cross the boundary as
C-contiguous numpy arrays in the exchanged dtypes (bf16 as float32, i4 as
int8); the library converts them.  The shared library is loaded lazily, so
importing this module never fails for want of it.
"""

import ctypes
import json
import os
import threading

import numpy as np

API_VERSION = 1
_LIBRARY_NAME = "libAccelCompilerC.so"


class CompileError(Exception):
    """The compiler rejected a module; `messages` holds the diagnostics, one
    "name:line:col: error: ..." string per line."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
        self.messages = [line for line in message.splitlines() if line]


class LibraryNotFoundError(ImportError):
    """libAccelCompilerC.so is not where accel looks for it."""


# --- Loading the library -----------------------------------------------------

class _AccelTensorInfo(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p),
                ("mlirType", ctypes.c_char_p),
                ("rank", ctypes.c_size_t),
                ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("dtype", ctypes.c_int),
                ("dtypeName", ctypes.c_char_p),
                ("elementSize", ctypes.c_size_t),
                ("numElements", ctypes.c_size_t),
                ("sizeInBytes", ctypes.c_size_t)]


# AccelDType, in enum order.
_DTYPES = [np.dtype(np.bool_), np.dtype(np.int8), np.dtype(np.uint8),
           np.dtype(np.int16), np.dtype(np.int32), np.dtype(np.int64),
           np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64)]

_lock = threading.Lock()
_lib = None
_lib_path = None
_compiler_handle = None


def _candidates():
    """Where the library may be, in order."""
    env = os.environ.get("ACCEL_LIBRARY_PATH")
    if env:
        for entry in env.split(os.pathsep):
            if entry:
                yield (os.path.join(entry, _LIBRARY_NAME)
                       if os.path.isdir(entry) else entry)
        return
    # The source tree (python/accel -> build/lib) or an installed prefix
    # (<prefix>/lib/python3/dist-packages/accel -> <prefix>/lib).
    here = os.path.dirname(os.path.realpath(__file__))
    parent = here
    for _ in range(4):
        parent = os.path.dirname(parent)
        yield os.path.join(parent, "build", "lib", _LIBRARY_NAME)
        yield os.path.join(parent, "lib", _LIBRARY_NAME)
    # Finally, the dynamic loader's search path.
    yield _LIBRARY_NAME


def _declare(lib):
    c = ctypes
    err = c.c_void_p
    lib.accelCompilerGetApiVersion.restype = c.c_int
    lib.accelCompilerGetApiVersion.argtypes = []
    lib.accelErrorGetMessage.restype = c.c_char_p
    lib.accelErrorGetMessage.argtypes = [err]
    lib.accelErrorDestroy.restype = None
    lib.accelErrorDestroy.argtypes = [err]
    lib.accelCompilerCreate.restype = err
    lib.accelCompilerCreate.argtypes = [c.POINTER(c.c_void_p)]
    lib.accelCompilerDestroy.restype = None
    lib.accelCompilerDestroy.argtypes = [c.c_void_p]
    lib.accelCompilerCompileNamed.restype = err
    lib.accelCompilerCompileNamed.argtypes = [
        c.c_void_p, c.c_char_p, c.c_char_p, c.c_char_p, c.c_char_p,
        c.POINTER(c.c_void_p)]
    lib.accelCompilerCompileFile.restype = err
    lib.accelCompilerCompileFile.argtypes = [
        c.c_void_p, c.c_char_p, c.c_char_p, c.c_char_p,
        c.POINTER(c.c_void_p)]
    lib.accelModuleDestroy.restype = None
    lib.accelModuleDestroy.argtypes = [c.c_void_p]
    lib.accelModuleGetEntryName.restype = c.c_char_p
    lib.accelModuleGetEntryName.argtypes = [c.c_void_p]
    lib.accelModuleGetNumInputs.restype = c.c_size_t
    lib.accelModuleGetNumInputs.argtypes = [c.c_void_p]
    lib.accelModuleGetNumOutputs.restype = c.c_size_t
    lib.accelModuleGetNumOutputs.argtypes = [c.c_void_p]
    lib.accelModuleGetTensorInfo.restype = err
    lib.accelModuleGetTensorInfo.argtypes = [
        c.c_void_p, c.c_int, c.c_size_t, c.POINTER(_AccelTensorInfo)]
    lib.accelModuleRun.restype = err
    lib.accelModuleRun.argtypes = [c.c_void_p, c.POINTER(c.c_void_p),
                                   c.POINTER(c.c_void_p)]
    lib.accelModuleGetReport.restype = c.c_char_p
    lib.accelModuleGetReport.argtypes = [c.c_void_p]


def _library():
    """The loaded library (loading it on first call)."""
    global _lib, _lib_path
    if _lib is not None:
        return _lib
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
            continue
        _declare(lib)
        version = lib.accelCompilerGetApiVersion()
        if version != API_VERSION:
            raise LibraryNotFoundError(
                "%s implements accel compiler API version %d; this package "
                "needs version %d" % (path, version, API_VERSION))
        _lib, _lib_path = lib, path
        return lib
    raise LibraryNotFoundError(
        "cannot load %s (build the AccelCompilerC target, or set "
        "ACCEL_LIBRARY_PATH to its directory); tried: %s"
        % (_LIBRARY_NAME, "; ".join(tried)))


def library_path():
    """The path of the loaded library (loading it if needed)."""
    _library()
    return _lib_path


def _take_error(lib, error):
    """The message of a non-null AccelError, which is destroyed."""
    message = lib.accelErrorGetMessage(error).decode("utf-8", "replace")
    lib.accelErrorDestroy(error)
    return message


def _compiler(lib):
    global _compiler_handle
    if _compiler_handle is None:
        handle = ctypes.c_void_p()
        error = lib.accelCompilerCreate(ctypes.byref(handle))
        if error:
            raise RuntimeError(_take_error(lib, error))
        _compiler_handle = handle
    return _compiler_handle


# --- The Python API ----------------------------------------------------------

class TensorInfo(object):
    """One argument or result: `name`, `mlir_type`, `shape` (a tuple),
    `dtype` (the numpy dtype it is exchanged as) and `nbytes`."""

    __slots__ = ("name", "mlir_type", "shape", "dtype", "nbytes")

    def __init__(self, name, mlir_type, shape, dtype, nbytes):
        self.name = name
        self.mlir_type = mlir_type
        self.shape = shape
        self.dtype = dtype
        self.nbytes = nbytes

    def __repr__(self):
        return "TensorInfo(%r, %s, shape=%r, dtype=%s)" % (
            self.name, self.mlir_type, self.shape, self.dtype)


class Module(object):
    """A module compiled for a target and ready to run its entry function."""

    def __init__(self, lib, handle):
        self._lib = lib
        self._handle = handle
        self._lock = threading.Lock()
        self.entry = lib.accelModuleGetEntryName(handle).decode()
        self.inputs = [self._info(0, i)
                       for i in range(lib.accelModuleGetNumInputs(handle))]
        self.outputs = [self._info(1, i)
                        for i in range(lib.accelModuleGetNumOutputs(handle))]

    def _info(self, is_output, index):
        info = _AccelTensorInfo()
        error = self._lib.accelModuleGetTensorInfo(
            self._handle, is_output, index, ctypes.byref(info))
        if error:
            raise RuntimeError(_take_error(self._lib, error))
        shape = tuple(info.shape[d] for d in range(info.rank))
        return TensorInfo(info.name.decode(), info.mlirType.decode(), shape,
                          _DTYPES[info.dtype], info.sizeInBytes)

    def _argument(self, index, value):
        spec = self.inputs[index]
        what = "argument #%d (%s) of @%s" % (index, spec.name, self.entry)
        if isinstance(value, np.ndarray):
            if value.dtype != spec.dtype:
                raise ValueError("%s: expected dtype %s (for %s), found %s"
                                 % (what, spec.dtype, spec.mlir_type,
                                    value.dtype))
        else:
            try:
                value = np.asarray(value, dtype=spec.dtype)
            except (TypeError, ValueError) as e:
                raise ValueError("%s: cannot convert to %s: %s"
                                 % (what, spec.dtype, e))
        if value.shape != spec.shape:
            raise ValueError("%s: expected shape %s (for %s), found %s"
                             % (what, spec.shape, spec.mlir_type,
                                value.shape))
        return np.ascontiguousarray(value)

    def _arguments(self, inputs):
        n = len(self.inputs)
        if isinstance(inputs, dict):
            by_index = {}
            names = {spec.name: i for i, spec in enumerate(self.inputs)}
            for key, value in inputs.items():
                if isinstance(key, str):
                    if key not in names:
                        raise ValueError(
                            "@%s has no argument named %r (arguments: %s)"
                            % (self.entry, key,
                               ", ".join(s.name for s in self.inputs)
                               or "none"))
                    index = names[key]
                elif isinstance(key, (int, np.integer)) and 0 <= key < n:
                    index = int(key)
                else:
                    raise ValueError("@%s has no argument %r (it takes %d)"
                                     % (self.entry, key, n))
                if index in by_index:
                    raise ValueError("argument #%d (%s) of @%s is given twice"
                                     % (index, self.inputs[index].name,
                                        self.entry))
                by_index[index] = value
            missing = [self.inputs[i].name for i in range(n)
                       if i not in by_index]
            if missing:
                raise ValueError("@%s: missing argument(s) %s"
                                 % (self.entry, ", ".join(missing)))
            values = [by_index[i] for i in range(n)]
        else:
            if isinstance(inputs, np.ndarray):
                inputs = [inputs]
            values = list(inputs)
            if len(values) != n:
                raise ValueError("@%s takes %d argument(s) (%s), but %d were "
                                 "given" % (self.entry, n,
                                            ", ".join(s.name
                                                      for s in self.inputs),
                                            len(values)))
        return [self._argument(i, v) for i, v in enumerate(values)]

    def run(self, inputs=()):
        """Calls the entry function.  `inputs` is a sequence of arrays in
        argument order, or a dict keyed by argument name or index.  Returns
        the results as a list (a dict keyed by result name, "result0", ...,
        when `inputs` is a dict)."""
        if self._handle is None:
            raise ValueError("the module is closed")
        arrays = self._arguments(inputs)
        results = [np.empty(spec.shape, dtype=spec.dtype)
                   for spec in self.outputs]
        in_ptrs = (ctypes.c_void_p * max(len(arrays), 1))(
            *[a.ctypes.data for a in arrays])
        out_ptrs = (ctypes.c_void_p * max(len(results), 1))(
            *[r.ctypes.data for r in results])
        with self._lock:
            error = self._lib.accelModuleRun(self._handle, in_ptrs, out_ptrs)
        if error:
            raise ValueError(_take_error(self._lib, error))
        if isinstance(inputs, dict):
            return {spec.name: r for spec, r in zip(self.outputs, results)}
        return results

    __call__ = run

    @property
    def report(self):
        """The report as a dict: target, entry, placement counts, compile
        and last-run seconds, and a notice when accelerator-placed ops ran
        on the CPU path."""
        if self._handle is None:
            raise ValueError("the module is closed")
        with self._lock:
            text = self._lib.accelModuleGetReport(self._handle).decode()
        return json.loads(text)

    def close(self):
        if self._handle is not None:
            self._lib.accelModuleDestroy(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self):
        return "<accel.Module @%s(%s) -> (%s)>" % (
            self.entry, ", ".join(s.name for s in self.inputs),
            ", ".join(str(s.shape) for s in self.outputs))


def _encode(text):
    return None if text is None else os.fsencode(text) if isinstance(
        text, os.PathLike) else text.encode()


def compile(source, target="cpu", entry=None, name="<source>"):
    """Compiles MLIR text (str or bytes) for `target` (a preset name or a
    target JSON path) and prepares `entry` (default: the only public
    function, else @main).  `name` names the text in diagnostics.  Raises
    CompileError carrying the diagnostics."""
    lib = _library()
    if isinstance(source, str):
        source = source.encode()
    handle = ctypes.c_void_p()
    with _lock:
        error = lib.accelCompilerCompileNamed(
            _compiler(lib), source, _encode(name), _encode(target),
            _encode(entry), ctypes.byref(handle))
    if error:
        raise CompileError(_take_error(lib, error))
    return Module(lib, handle)


def compile_file(path, target="cpu", entry=None):
    """compile() for an .mlir file; diagnostics name the path."""
    lib = _library()
    handle = ctypes.c_void_p()
    with _lock:
        error = lib.accelCompilerCompileFile(
            _compiler(lib), os.fsencode(path), _encode(target),
            _encode(entry), ctypes.byref(handle))
    if error:
        raise CompileError(_take_error(lib, error))
    return Module(lib, handle)
