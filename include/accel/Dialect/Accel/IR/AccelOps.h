//===- AccelOps.h - accel tensor-level ops -----------------------*- C++ -*-===//
//
// This file declares the ops of the accel dialect.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELOPS_H
#define ACCEL_DIALECT_ACCEL_IR_ACCELOPS_H

#include "accel/Dialect/Accel/IR/AccelDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "accel/Dialect/Accel/IR/AccelOps.h.inc"

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELOPS_H
