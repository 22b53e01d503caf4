//===- Calibrate.h - Run a model and look at its tensors --------*- C++ -*-===//
//
// Post-training quantization needs the values of a model's intermediate
// tensors: calibration records their ranges and histograms, and the drift
// report compares them between the f32 and the quantized model.  Both run
// the model on the CPU path with every named tensor (TensorNames) returned
// as an extra result.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_RUNNER_CALIBRATE_H
#define ACCEL_RUNNER_CALIBRATE_H

#include "accel/Quantization/CalibrationTable.h"
#include "accel/Runner/Runner.h"

#include "llvm/Support/JSON.h"

namespace accel {

/// A model compiled for the CPU path that returns its named f32 tensors
/// after its own results.
class TensorProbe {
public:
  /// Compiles a copy of `entry` (`module` is not changed).
  static llvm::Expected<std::unique_ptr<TensorProbe>>
  create(mlir::ModuleOp module, llvm::StringRef entry,
         const CPUPipelineOptions &options);

  /// Runs the model; `inputs` are checked against the entry's arguments.
  /// Fills `results` (the entry's own) and `tensors` (one per getNames()).
  llvm::Error run(llvm::ArrayRef<NpyArray> inputs,
                  std::vector<NpyArray> &results,
                  std::vector<NpyArray> &tensors);

  llvm::ArrayRef<std::string> getNames() const { return names; }
  const std::vector<TensorSpec> &getInputSpecs() const { return inputs; }

private:
  TensorProbe() = default;
  std::string entry;
  std::vector<std::string> names;
  std::vector<TensorSpec> inputs, outputs;
  size_t numResults = 0;
  std::unique_ptr<CompiledModule> compiled;
};

/// The .npy files directly in `dir`, sorted by name; an error if there are
/// none or the directory cannot be read.
llvm::Expected<std::vector<std::string>>
listCalibrationBatches(llvm::StringRef dir);

struct CalibrationOptions {
  unsigned bins = 2048;
  double percentile = 99.99;
  CPUPipelineOptions cpu;
};

/// Runs `entry` over every batch file (one .npy per batch; the entry must
/// take exactly one argument) twice, for ranges and then histograms, and
/// summarizes every named tensor with all four methods' thresholds.
llvm::Expected<quant::CalibrationTable>
calibrate(mlir::ModuleOp module, llvm::StringRef entry,
          llvm::ArrayRef<std::string> batchFiles,
          const CalibrationOptions &options);

/// Per-tensor and final-output error of `quantized` against `reference`
/// (both f32-interfaced modules of the same model) on the same inputs:
/// max abs error and SNR in dB for every tensor both name.
llvm::Expected<llvm::json::Value>
measureDrift(mlir::ModuleOp reference, mlir::ModuleOp quantized,
             llvm::StringRef entry, llvm::ArrayRef<NpyArray> inputs,
             const CPUPipelineOptions &options);

/// The drift report as an aligned text table.
void printDrift(llvm::raw_ostream &os, const llvm::json::Value &drift);

} // namespace accel

#endif // ACCEL_RUNNER_CALIBRATE_H
