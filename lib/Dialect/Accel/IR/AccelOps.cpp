//===- AccelOps.cpp - accel op definitions --------------------------------===//
//
// This file instantiates the ODS-generated op classes.  Verifiers live in
// AccelVerifiers.cpp and folds in AccelFolds.cpp.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace accel;

#define GET_OP_CLASSES
#include "accel/Dialect/Accel/IR/AccelOps.cpp.inc"
