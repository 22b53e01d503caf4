#!/usr/bin/env bash
# run-example.sh - the main job on the bundled example: set up, build, then
# compile and run examples/mlp.mlir for an accelerator target with accel-run
# (placement explained, host fallback on the CPU path, seeded inputs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
target=${1:-int8-16x16}
out=${OUTPUT_DIR:-$build/example-out}
for model in mlp conv-block; do
  echo "== accel-run examples/$model.mlir --target=$target --seed=1 --remarks"
  "$build/bin/accel-run" "$root/examples/$model.mlir" --target="$target" \
    --seed=1 --output-dir="$out/$model" \
    --placement-report="$out/$model/placement.json" --remarks
  echo "== wrote $out/$model/{arg*,result0}.npy and placement.json"
done
