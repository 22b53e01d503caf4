#!/usr/bin/env bash
# run-example.sh - the main job on the bundled example: set up, build, then
# compile examples/mlp.mlir for the 16x16 int8 accelerator with accel-opt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
target=${1:-int8-16x16}
echo "== accel-opt --accel-target=$target --canonicalize examples/mlp.mlir"
"$build/bin/accel-opt" --accel-target="$target" --canonicalize \
  "$root/examples/mlp.mlir"
