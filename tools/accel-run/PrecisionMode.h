//===- PrecisionMode.h - accel-run --quantize and --auto-cast ----*- C++ -*-===//
//
// accel-run's precision modes.  --quantize: calibrate on the CPU path,
// quantize, then let accel-run compile and run the int8 model as usual, and
// optionally report how far it drifted from the f32 model.  --fold-qdq:
// turn a QAT graph's quantize/dequantize pairs into quantized ops.
// --auto-cast: run f32 ops on a float accelerator in a narrower precision.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TOOLS_ACCEL_RUN_PRECISIONMODE_H
#define ACCEL_TOOLS_ACCEL_RUN_PRECISIONMODE_H

#include "accel/Support/Npy.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/CommandLine.h"

namespace accel_run {

extern llvm::cl::OptionCategory runCategory;

/// Rejects option combinations that would be silently ignored.  Returns a
/// process exit code (0 = go on).
int checkPrecisionOptions();

/// True when --quantize was given.
bool quantizeRequested();

/// With --fold-qdq and --auto-cast: attaches `target` and runs
/// accel-fold-qdq, then accel-precision-policy with the listed precisions.
/// Returns a process exit code (0 = go on).
int applyPrecisionPasses(mlir::ModuleOp module, llvm::StringRef target);

/// What --quantize made, kept for the drift report (only with
/// --drift-report): the f32 model and the quantized one before placement,
/// with every layer's f32 view.
struct QuantizationRun {
  mlir::OwningOpRef<mlir::ModuleOp> reference;
  mlir::OwningOpRef<mlir::ModuleOp> quantized;
};

/// Attaches `target`, calibrates `entry` (or reads --calibration-table) and
/// quantizes `module` in place, recording what it did in `run`.  Returns a
/// process exit code (0 = go on).
int quantizeModel(mlir::ModuleOp module, llvm::StringRef entry,
                  llvm::StringRef target, QuantizationRun &run,
                  llvm::raw_ostream &os);

/// With --drift-report: runs `run`'s f32 model and its quantization on
/// `inputs` on the CPU path and prints and writes their per-tensor error.
int reportDrift(const QuantizationRun &run, llvm::StringRef entry,
                llvm::ArrayRef<accel::NpyArray> inputs, llvm::raw_ostream &os);

/// Prints `message` as accel-run's error and returns the failure exit code.
int fail(const llvm::Twine &message);

} // namespace accel_run

#endif // ACCEL_TOOLS_ACCEL_RUN_PRECISIONMODE_H
