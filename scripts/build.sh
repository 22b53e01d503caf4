#!/usr/bin/env bash
# build.sh - install missing dependencies, configure build/ and build it.
#
# Usage: scripts/build.sh [extra cmake -D options...]
# Environment: BUILD_DIR (default build), JOBS (default: number of cores).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
jobs=${JOBS:-$(nproc)}

"$root/scripts/install-deps.sh"

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    "$@"
fi
start=$(date +%s)
ninja -C "$build" -j "$jobs"
echo "build: finished in $(( $(date +%s) - start )) s ($build)"
