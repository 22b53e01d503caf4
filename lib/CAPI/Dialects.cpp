//===- Dialects.cpp - the accel dialect for MLIR's C API ------------------===//
//
// This file implements include/accel-c/Dialects.h with MLIR's registration
// macro, so C programs get the dialect the way they get upstream ones.
//
//===----------------------------------------------------------------------===//
#include "accel-c/Dialects.h"

#include "accel/InitAccel.h"

#include "mlir/CAPI/Registration.h"

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Accel, accel, accel::AccelDialect)

void accelRegisterAllPasses(void) { accel::registerAllAccelPasses(); }
