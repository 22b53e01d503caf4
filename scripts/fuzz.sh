#!/usr/bin/env bash
# fuzz.sh - build the libFuzzer target for the binary loader and simulator
# with clang (ASan + UBSan) in build-fuzz/ and run it for a bounded time.
#   scripts/fuzz.sh [seconds=60] [extra libFuzzer flags...]
# Seeds: the assembled test programs of test/Simulator/Inputs. Crashing
# inputs land in build-fuzz/crashes/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${1:-60}
shift || true
"$root/scripts/install-deps.sh"
# libFuzzer and the sanitizer runtimes are only needed here.
if ! dpkg-query -W -f='${Status}' libclang-rt-22-dev 2>/dev/null \
    | grep -q "install ok installed"; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libclang-rt-22-dev
fi
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit -DACCEL_ENABLE_FUZZING=ON
fi
ninja -C "$build" accel-fuzz-binary accel-translate
corpus="$build/corpus"
mkdir -p "$corpus" "$build/crashes"
for s in "$root"/test/Simulator/Inputs/*.s; do
  "$build/bin/accel-translate" --asm-to-bin "$s" \
    -o "$corpus/$(basename "$s" .s).bin" 2>/dev/null || true
done
"$build/bin/accel-fuzz-binary" "$corpus" -max_total_time="$seconds" \
  -rss_limit_mb=4096 -timeout=10 -artifact_prefix="$build/crashes/" "$@"
