//===- accel-lsp-server.cpp - MLIR language server with accel -------------===//
//
// This file implements the language server editors use to understand .mlir
// files that contain accel ops: MLIR's LSP main over every upstream dialect
// plus accel.
//
//===----------------------------------------------------------------------===//
#include "accel/InitAccel.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Tools/mlir-lsp-server/MlirLspServerMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  accel::registerAccelDialects(registry);
  return mlir::failed(mlir::MlirLspServerMain(argc, argv, registry));
}
