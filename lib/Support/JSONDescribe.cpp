//===- JSONDescribe.cpp - JSON values in error messages -------------------===//
//
// This file implements describeJSONValue.
//
//===----------------------------------------------------------------------===//
#include "accel/Support/JSONDescribe.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

using llvm::json::Value;

std::string accel::describeJSONValue(const Value &value) {
  switch (value.kind()) {
  case Value::Null:
    return "null";
  case Value::Boolean:
    return *value.getAsBoolean() ? "true" : "false";
  case Value::Number:
    if (auto i = value.getAsInteger())
      return std::to_string(*i);
    if (auto u = value.getAsUINT64())
      return std::to_string(*u);
    return llvm::formatv("{0}", llvm::format("%g", *value.getAsNumber())).str();
  case Value::String:
    return llvm::formatv("{0}", value).str();
  case Value::Array:
    return "an array";
  case Value::Object:
    return "an object";
  }
  return "a value";
}
