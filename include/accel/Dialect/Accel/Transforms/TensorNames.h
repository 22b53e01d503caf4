//===- TensorNames.h - Stable names for a function's tensors ----*- C++ -*-===//
//
// Calibration records statistics per tensor and quantization looks them up,
// possibly in another process: both need the same name for the same value.
// A name comes from the model itself where it can (an op's `loc("fc1")`,
// which the ONNX importer and the digits exporter write), and otherwise from
// the op's position among ops of its kind, so that the names of an unchanged
// function are the same every time they are computed.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_TENSORNAMES_H
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_TENSORNAMES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"

#include <string>

namespace accel {

/// Names every calibratable tensor of a function: the f32 ranked-tensor
/// arguments (`arg<i>`) and the f32 ranked-tensor results of non-constant
/// ops (the location's name, else `<mnemonic>_<n>`; a second result adds
/// `:<i>`; a name used twice gets `#<k>`).  Order is program order.
class TensorNames {
public:
  explicit TensorNames(mlir::func::FuncOp func);

  /// The name of `value`, or an empty string if it is not named.
  llvm::StringRef lookup(mlir::Value value) const;
  /// The named values in program order.
  const llvm::MapVector<mlir::Value, std::string> &getNamed() const {
    return names;
  }

private:
  llvm::MapVector<mlir::Value, std::string> names;
};

/// True for the values TensorNames names: f32 ranked tensors.
bool isCalibratable(mlir::Value value);

} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_TENSORNAMES_H
