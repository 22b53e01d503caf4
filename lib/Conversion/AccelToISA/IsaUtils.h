//===- IsaUtils.h - Helpers shared by the ISA-level passes ------*- C++ -*-===//
#ifndef ACCEL_CONVERSION_ACCELTOISA_ISAUTILS_H
#define ACCEL_CONVERSION_ACCELTOISA_ISAUTILS_H

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/ISA/Instructions.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <optional>

namespace accel {

/// The ISA element kind of a memref element type (`ui8` is u8).
std::optional<ElementKind> elementKindOf(mlir::Type type);

/// Whether `op` is one of the accel.isa.* ops, and its opcode info.
const isa::OpcodeInfo *getIsaInfo(mlir::Operation *op);

/// A field of an ISA op, or the table's default when absent.
int64_t getIsaField(mlir::Operation *op, llvm::StringRef name);

/// Kernels already lowered by accel-tile-kernels.
bool isTiledKernel(mlir::func::FuncOp func);

} // namespace accel

#endif // ACCEL_CONVERSION_ACCELTOISA_ISAUTILS_H
