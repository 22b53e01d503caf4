//===- PlacementOverrides.h - user pins for accel-place ---------*- C++ -*-===//
//
// A JSON file of rules that pin ops to the host or the accelerator, in the
// spirit of ONNX-MLIR's --config-file:
//
//   {"rules": [
//     {"kind": "matmul", "place": "host"},
//     {"name": "fc1", "place": "accelerator"},
//     {"loc": "model.mlir:12", "place": "host"}]}
//
// A rule matches when every selector it gives matches; the last matching
// rule wins.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_DIALECT_ACCEL_TRANSFORMS_PLACEMENTOVERRIDES_H
#define ACCEL_LIB_DIALECT_ACCEL_TRANSFORMS_PLACEMENTOVERRIDES_H

#include "accel/Dialect/Accel/Transforms/Placement.h"

#include "mlir/IR/Operation.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace accel {

struct PlacementRule {
  /// The op mnemonic ("conv2d") or the target op kind
  /// ("depthwise_conv2d"), either matches.
  std::optional<std::string> kind;
  std::optional<std::string> name; // a NameLoc anywhere in the location
  std::optional<std::string> loc;  // "file:line" or "file:line:col"
  bool toAccelerator = false;
  unsigned index = 0; // position in the file, for messages
  mutable unsigned matches = 0;
};

struct PlacementOverrides {
  std::string path;
  std::vector<PlacementRule> rules;

  /// The last rule matching `op` (whose work is `work`), if any.
  const PlacementRule *match(mlir::Operation *op, const OpWork &work) const;
};

/// Reads and validates an overrides file; errors name the file and the
/// rule.
llvm::Expected<PlacementOverrides> loadPlacementOverrides(llvm::StringRef path);

} // namespace accel

#endif // ACCEL_LIB_DIALECT_ACCEL_TRANSFORMS_PLACEMENTOVERRIDES_H
