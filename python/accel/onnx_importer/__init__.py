"""accel.onnx_importer: ONNX models to MLIR in the accel dialect.

This package implements `accel-import-onnx` (tools/accel-import-onnx):
`import_model(model_or_path, entry="main")` returns the MLIR text of one
`func.func` that computes the ONNX graph with accel ops where the dialect has
them and TOSA ops otherwise.  Errors are `OnnxImportError`.  See
docs/OnnxImporter.md.
"""

from .importer import OnnxImportError, import_model, load_model
from .ops import CONVERTERS

SUPPORTED_OPS = tuple(sorted(CONVERTERS))

__all__ = ["OnnxImportError", "import_model", "load_model", "SUPPORTED_OPS"]
