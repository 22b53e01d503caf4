//===- AccelDialect.h - accel dialect and attributes -------------*- C++ -*-===//
//
// This file declares the accel dialect, its #accel.target attribute and the
// helpers that find a module's target.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELDIALECT_H
#define ACCEL_DIALECT_ACCEL_IR_ACCELDIALECT_H

#include "accel/Target/TargetModel.h"

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/Dialect.h"

#include "accel/Dialect/Accel/IR/AccelOpsDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Accel/IR/AccelAttrs.h.inc"

namespace accel {

/// The #accel.target of the module enclosing `op` (or `op` itself, when it
/// is a module), or null when no enclosing module has one.
TargetAttr getTargetAttr(mlir::Operation *op);

/// The hardware element kind of an MLIR element type: floats map to
/// themselves, quantized types to their storage type, signless integers to
/// their width.  std::nullopt for types no accelerator holds.
std::optional<ElementKind> classifyElementType(mlir::Type type);

} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELDIALECT_H
