/*===- dialect-registration.c - accel through MLIR's C API ----------------===*
 *
 * This file implements a C program that uses only MLIR's C API plus
 * include/accel-c/Dialects.h: it registers the accel dialect, parses and
 * verifies a module with accel ops, prints it, and checks that an invalid
 * accel op fails verification. Run by dialect-registration.test.
 *
 *===----------------------------------------------------------------------===*/
#include "accel-c/Dialects.h"

#include "mlir-c/Dialect/Func.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"

#include <stdio.h>

static void printToStdout(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

int main(void) {
  MlirContext ctx = mlirContextCreate();
  MlirDialectHandle accel = mlirGetDialectHandle__accel__();
  MlirStringRef ns = mlirDialectHandleGetNamespace(accel);
  printf("dialect: %.*s\n", (int)ns.length, ns.data);
  mlirDialectHandleRegisterDialect(accel, ctx);
  mlirDialectHandleLoadDialect(accel, ctx);
  /* func for the functions around the accel ops. */
  mlirDialectHandleRegisterDialect(mlirGetDialectHandle__func__(), ctx);

  const char *good =
      "module {\n"
      "  func.func @f(%x: tensor<4x8xf32>, %w: tensor<8x3xf32>) -> tensor<4x3xf32> {\n"
      "    %0 = accel.matmul %x, %w acc(f32) : tensor<4x8xf32>, tensor<8x3xf32> -> tensor<4x3xf32>\n"
      "    %1 = accel.relu %0 : tensor<4x3xf32>\n"
      "    return %1 : tensor<4x3xf32>\n"
      "  }\n"
      "}\n";
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(good));
  if (mlirModuleIsNull(module)) {
    printf("parse failed\n");
    return 1;
  }
  MlirOperation op = mlirModuleGetOperation(module);
  printf("verified: %d\n", (int)mlirOperationVerify(op));
  mlirOperationPrint(op, printToStdout, NULL);
  printf("\n");

  /* The accel passes are reachable by name once registered. */
  accelRegisterAllPasses();
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  MlirLogicalResult parsed = mlirParsePassPipeline(
      opm, mlirStringRefCreateFromCString("builtin.module(convert-accel-to-linalg)"),
      printToStdout, NULL);
  printf("pipeline parsed: %d\n", (int)mlirLogicalResultIsSuccess(parsed));
  MlirLogicalResult ran = mlirPassManagerRunOnOp(pm, op);
  printf("pipeline ran: %d\n", (int)mlirLogicalResultIsSuccess(ran));
  mlirOperationPrint(op, printToStdout, NULL);
  printf("\n");
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);

  /* A relu on integers: the accel verifier rejects it. */
  const char *bad =
      "func.func @g(%x: tensor<4xi32>) -> tensor<4xi32> {\n"
      "  %0 = accel.relu %x : tensor<4xi32>\n"
      "  return %0 : tensor<4xi32>\n"
      "}\n";
  MlirModule rejected =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(bad));
  printf("invalid op rejected: %d\n", (int)mlirModuleIsNull(rejected));
  mlirContextDestroy(ctx);
  return 0;
}
