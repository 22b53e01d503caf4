//===- InitAccel.h - Register accel dialects and passes ----------*- C++ -*-===//
//
// This file declares the one place tools and embedders register everything
// accel provides.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_INITACCEL_H
#define ACCEL_INITACCEL_H

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"

namespace accel {

/// Adds the accel dialect and the dialects it produces to `registry`.
inline void registerAccelDialects(mlir::DialectRegistry &registry) {
  registry.insert<AccelDialect, mlir::quant::QuantDialect>();
}

/// Registers every accel pass (dialect transforms and conversions).
inline void registerAllAccelPasses() {
  registerAccelPasses();
  registerAccelConversionPasses();
  registerAccelPipelines();
}

} // namespace accel

#endif // ACCEL_INITACCEL_H
