//===- Passes.h - accel dialect passes ---------------------------*- C++ -*-===//
//
// This file declares the accel dialect's passes and their registration.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_H
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>
#include <string>

namespace accel {

#define GEN_PASS_DECL
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"

} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_H
