//===- Quantize.h - Post-training quantization of a function ----*- C++ -*-===//
//
// The entry point of accel-quantize for drivers that already hold a
// calibration table in memory (accel-run --quantize) instead of a file.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_QUANTIZE_H
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_QUANTIZE_H

#include "accel/Quantization/Calibration.h"

#include "mlir/IR/BuiltinOps.h"

namespace accel::quant {
struct CalibrationTable;
} // namespace accel::quant

namespace accel {

/// How accel-quantize maps calibrated ranges and weights to integers.
struct QuantizeConfig {
  quant::CalibrationMethod method = quant::CalibrationMethod::Entropy;
  /// Symmetric activations have zero point 0; asymmetric ones spend all 256
  /// levels on [min, max] clipped to the threshold.
  bool symmetric = true;
  bool perChannel = true;
  unsigned weightBits = 8;
  /// Keep every layer's f32 view (a dequantize), even when nothing uses it,
  /// so that the drift report can compare it with the f32 model.
  bool keepDequantized = false;
};

/// Quantizes the table's entry function of `module` (see accel-quantize's
/// description).  Errors are emitted as diagnostics on the module's ops.
mlir::LogicalResult quantizeModule(mlir::ModuleOp module,
                                   const quant::CalibrationTable &table,
                                   const QuantizeConfig &config);

} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_QUANTIZE_H
