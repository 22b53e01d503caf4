//===- CPUPipeline.cpp - accel-cpu-pipeline -------------------------------===//
//
// accel/linalg/tosa on tensors -> linalg -> bufferized loops -> LLVM dialect.
// Ordering notes (measured, ../shared/PERF-NOTES.md):
//  * tensor.empty ops become alloc_tensor before bufferization and no CSE
//    runs before it: CSE merging empties makes one-shot bufferization
//    super-linear in the number of layers.
//  * bf16 truncation is expanded to integer arithmetic (arith-expand), so
//    the JIT needs no compiler-rt conversion routines.
//  * Results are copied into the caller's out-parameters rather than
//    computed in place (no hoist-static-allocs): upstream's hoisting crashes
//    when a function returns one value twice. The copy is O(result size).
//
//===----------------------------------------------------------------------===//
#include "accel/Pipelines/Pipelines.h"

#include "accel/Conversion/Passes.h"

#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassRegistry.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace accel {

static const char *const kFrontendLowering =
    "convert-accel-to-linalg,"
    "func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,"
    "tosa-to-tensor),"
    "canonicalize,"
    "func.func(linalg-fuse-elementwise-ops)";

static const char *const kBufferization =
    "empty-tensor-to-alloc-tensor,"
    "one-shot-bufferize{bufferize-function-boundaries "
    "allow-return-allocs-from-loops "
    "function-boundary-type-conversion=identity-layout-map},"
    "buffer-results-to-out-params{modify-public-functions},"
    "buffer-deallocation-pipeline,"
    "canonicalize";

static const char *const kLLVMLowering =
    "func.func(convert-linalg-to-loops),"
    "func.func(convert-vector-to-scf{full-unroll}),"
    "expand-strided-metadata,"
    "lower-affine,"
    "convert-scf-to-cf,"
    "func.func(arith-expand{include-bf16}),"
    "convert-vector-to-llvm,"
    "finalize-memref-to-llvm,"
    "convert-math-to-llvm,"
    "convert-arith-to-llvm,"
    "convert-index-to-llvm,"
    "convert-func-to-llvm{use-bare-ptr-memref-call-conv},"
    "convert-cf-to-llvm,"
    "convert-ub-to-llvm,"
    "reconcile-unrealized-casts";

LogicalResult buildCPUPipeline(OpPassManager &pm,
                               const CPUPipelineOptions &options) {
  // The pipeline is parsed from text, which needs the passes registered;
  // tools that embed the pipeline need not register anything themselves.
  static bool registered = [] {
    registerAllPasses();
    registerAccelConversionPasses();
    return true;
  }();
  (void)registered;
  std::string pipeline = kFrontendLowering;
  pipeline += ",";
  if (options.vectorize) {
    std::string tile;
    for (int64_t size : options.registerTile)
      tile += (tile.empty() ? "" : ",") + std::to_string(size);
    pipeline += "accel-cpu-tile-and-vectorize{";
    if (!tile.empty())
      pipeline += "register-tile=" + tile + " ";
    if (!options.schedule.empty())
      pipeline += "schedule=" + options.schedule;
    pipeline += "},canonicalize,";
  }
  pipeline += kBufferization;
  if (options.lowerToLLVM) {
    pipeline += ",";
    pipeline += kLLVMLowering;
  }
  return parsePassPipeline(pipeline, pm, llvm::errs());
}

void registerAccelPipelines() {
  PassPipelineRegistration<CPUPipelineOptions>(
      "accel-cpu-pipeline",
      "The CPU path: accel, linalg or tosa on tensors to the LLVM dialect "
      "(bare-pointer calling convention, results as out-parameters)",
      [](OpPassManager &pm, const CPUPipelineOptions &options) {
        if (failed(buildCPUPipeline(pm, options)))
          llvm::report_fatal_error("accel-cpu-pipeline: invalid pipeline");
      });
  PassPipelineRegistration<>(
      "accel-kernel-pipeline",
      "The accelerator path: outlined kernels to accel.binary ops (tile, "
      "double-buffer, allocate SRAM, lower to ISA ops, insert tokens, "
      "serialize)",
      buildKernelPipeline);
}

} // namespace accel
