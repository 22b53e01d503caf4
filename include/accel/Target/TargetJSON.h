//===- TargetJSON.h - Target descriptions to and from JSON ------*- C++ -*-===//
//
// This file declares the one schema of a target description.  JSON files in
// targets/ and the #accel.target attribute's textual form are both read by
// `targetFromJSON`, so a field means the same thing, is checked the same way
// and is reported with the same message wherever it is written.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TARGET_TARGETJSON_H
#define ACCEL_TARGET_TARGETJSON_H

#include "accel/Target/TargetDesc.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace accel {

/// The top-level fields of a target description, in canonical print order.
llvm::ArrayRef<llvm::StringRef> getTargetFieldNames();

/// Reads a description from a parsed JSON value.  On failure the message
/// names the field (as a JSON path such as `energy.mac_pj.i8`) and the
/// problem.
llvm::Expected<TargetDesc> targetFromJSON(const llvm::json::Value &value);

/// Writes a description.  With `omitDefaults`, optional fields that hold
/// their default value (energy, sparsity) are left out.
llvm::json::Object targetToJSON(const TargetDesc &desc,
                                bool omitDefaults = false);

/// Parses JSON text then reads it; `fileName` prefixes every message.
llvm::Expected<TargetDesc> parseTargetJSON(llvm::StringRef text,
                                           llvm::StringRef fileName);

/// Names of the presets built into the library (from targets/*.json).
std::vector<llvm::StringRef> getTargetPresetNames();

/// Loads a target by preset name, or by path when `nameOrPath` names a
/// file (it contains '/' or ends in ".json").
llvm::Expected<TargetDesc> loadTarget(llvm::StringRef nameOrPath);

} // namespace accel

#endif // ACCEL_TARGET_TARGETJSON_H
