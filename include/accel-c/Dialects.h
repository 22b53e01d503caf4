/*===- Dialects.h - the accel dialect for MLIR's C API -------------*- C -*-===*
 *
 * This file declares the accel dialect's registration for programs built on
 * MLIR's own C API (mlir-c/IR.h): get the handle, insert it into a registry
 * or register it with a context, then parse and build accel ops like any
 * other dialect. Defined in libAccelCompilerC.so.
 *
 *===----------------------------------------------------------------------===*/
#ifndef ACCEL_C_DIALECTS_H
#define ACCEL_C_DIALECTS_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

/* mlirGetDialectHandle__accel__(): the accel dialect (it loads the quant
 * dialect it depends on). */
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Accel, accel);

/* Registers every accel pass and pipeline (accel-place, convert-accel-to-
 * linalg, accel-cpu-pipeline, ...) with MLIR's global pass registry, so that
 * mlirParsePassPipeline can name them. */
MLIR_CAPI_EXPORTED void accelRegisterAllPasses(void);

#ifdef __cplusplus
}
#endif

#endif /* ACCEL_C_DIALECTS_H */
