//===- Pipelines.h - named accel pass pipelines ------------------*- C++ -*-===//
//
// The CPU path as one pipeline: accel / linalg / tosa on tensors to the LLVM
// dialect. accel-run, the benchmarks and `accel-opt --accel-cpu-pipeline`
// all build it here, so there is exactly one definition of the CPU path.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_PIPELINES_PIPELINES_H
#define ACCEL_PIPELINES_PIPELINES_H

#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace accel {

struct CPUPipelineOptions : mlir::PassPipelineOptions<CPUPipelineOptions> {
  Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc("Tile and vectorize contractions and convolutions"),
      llvm::cl::init(true)};
  ListOption<int64_t> registerTile{
      *this, "register-tile",
      llvm::cl::desc("M, N register tile of contractions (default: from the "
                     "host's vector width)")};
  Option<std::string> schedule{
      *this, "schedule",
      llvm::cl::desc("Transform-dialect schedule replacing the built-in "
                     "contraction schedule")};
  Option<bool> lowerToLLVM{
      *this, "lower-to-llvm",
      llvm::cl::desc("Stop after bufferization when false (for inspection)"),
      llvm::cl::init(true)};
};

/// Appends the CPU path to `pm` (a module pass manager). The result is LLVM
/// dialect with the bare-pointer calling convention: every function takes
/// one pointer per memref argument, and results are returned through
/// trailing out-parameter pointers (shapes are static).
mlir::LogicalResult buildCPUPipeline(mlir::OpPassManager &pm,
                                     const CPUPipelineOptions &options);

/// Appends target attachment, canonicalization, placement, kernel outlining
/// and kernel verification: what precedes the CPU pipeline when compiling
/// for a target.
void buildPlacementPipeline(mlir::OpPassManager &pm,
                            const AttachTargetPassOptions &target,
                            const PlacementPassOptions &placement);

/// Appends the accelerator path (docs/AcceleratorPath.md): tile kernels,
/// double-buffer, allocate SRAM, lower to ISA ops, insert tokens and
/// serialize each kernel into an accel.binary.  Kernels the path cannot
/// compile yet stay on the CPU path with a remark.
void buildKernelPipeline(mlir::OpPassManager &pm);

/// Registers `accel-cpu-pipeline` and `accel-kernel-pipeline` with the pass
/// registry.
void registerAccelPipelines();

} // namespace accel

#endif // ACCEL_PIPELINES_PIPELINES_H
