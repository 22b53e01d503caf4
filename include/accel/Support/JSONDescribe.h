//===- JSONDescribe.h - JSON values in error messages -----------*- C++ -*-===//
//
// The readers of target descriptions and calibration tables both say what
// they found when a field is wrong ("expected a number, found \"nan\"");
// this is the one spelling of "what they found".
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SUPPORT_JSONDESCRIBE_H
#define ACCEL_SUPPORT_JSONDESCRIBE_H

#include "llvm/Support/JSON.h"

#include <string>

namespace accel {

/// `value` as a diagnostic shows it: scalars as written (numbers with %g),
/// arrays and objects by kind.
std::string describeJSONValue(const llvm::json::Value &value);

} // namespace accel

#endif // ACCEL_SUPPORT_JSONDESCRIBE_H
