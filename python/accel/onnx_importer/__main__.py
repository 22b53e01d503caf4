"""`python3 -m accel.onnx_importer` runs accel-import-onnx."""
import sys

from .cli import main

sys.exit(main())
