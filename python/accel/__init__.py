"""accel: compile and run accel/linalg/tosa models from Python.

    import accel, numpy as np
    module = accel.compile(mlir_text, target="int8-16x16")
    (y,) = module.run([x, w])          # or module.run({"x": x, "w": w})
    print(module.report["placement"])

`compile` is ctypes over libAccelCompilerC.so (include/accel-c/Compiler.h),
loaded on first use from $ACCEL_LIBRARY_PATH, else the build tree next to this
package (build/lib), else an installed prefix's lib directory.  Importing
`accel` or `accel.onnx_importer` never needs the library.

Compiler diagnostics raise `CompileError`; inputs of the wrong count, shape or
dtype raise `ValueError` naming the argument.
"""

from .compiler import (API_VERSION, CompileError, LibraryNotFoundError,
                       Module, TensorInfo, compile, compile_file,
                       library_path)

__all__ = ["API_VERSION", "CompileError", "LibraryNotFoundError", "Module",
           "TensorInfo", "compile", "compile_file", "library_path"]
