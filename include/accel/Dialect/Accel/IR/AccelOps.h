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

namespace accel {
/// Memory spaces of tile-level memrefs (the default space is DRAM).
enum class MemorySpace : unsigned { Dram = 0, Scratchpad = 1, Accumulator = 2 };
/// The memory space of a tile-level memref.
MemorySpace getMemorySpace(mlir::MemRefType type);
/// Checks an ISA op's fields against include/accel/ISA/Instructions.def.
llvm::LogicalResult verifyIsaFields(mlir::Operation *op,
                                    llvm::StringRef mnemonic,
                                    mlir::DictionaryAttr fields);
} // namespace accel

#define GET_OP_CLASSES
#include "accel/Dialect/Accel/IR/AccelOps.h.inc"

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELOPS_H
