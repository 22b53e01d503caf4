"""Command line of accel-import-onnx.

This file implements `accel-import-onnx model.onnx [-o model.mlir]
[--entry main]`: errors print as `accel-import-onnx: error: ...` and exit 1.
"""

import argparse
import sys

from .importer import OnnxImportError, import_model


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="accel-import-onnx",
        description="Import an ONNX model as MLIR (accel dialect + TOSA).")
    parser.add_argument("model", help="the .onnx file")
    parser.add_argument("-o", dest="output", default="-",
                        help="output .mlir file (default: stdout)")
    parser.add_argument("--entry", default="main",
                        help="name of the generated function (default: main)")
    args = parser.parse_args(argv)
    try:
        text = import_model(args.model, entry=args.entry)
    except OnnxImportError as e:
        print("accel-import-onnx: error: %s" % e, file=sys.stderr)
        return 1
    if args.output == "-":
        sys.stdout.write(text)
    else:
        try:
            with open(args.output, "w") as f:
                f.write(text)
        except OSError as e:
            print("accel-import-onnx: error: cannot write '%s': %s" % (
                args.output, e.strerror), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
