/*===- compile-and-run.c - exercise the compiler's C embedding API --------===*\
|*                                                                            *|
|* Compiles small accel models from strings, queries their signatures, runs   *|
|* them on caller-owned buffers, checks the numbers against a plain C         *|
|* reference and prints the report; then the error cases (syntax error,       *|
|* unknown target, wrong entry, bad arguments).  compile-and-run.test checks  *|
|* the output with FileCheck.                                                 *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
#include "accel-c/Compiler.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

/* Prints and destroys `error`; returns 1 if there was one. */
static int report(const char *what, AccelError error) {
  if (!error)
    return 0;
  printf("%s: error: %s\n", what, accelErrorGetMessage(error));
  accelErrorDestroy(error);
  return 1;
}

static void printInfo(AccelCompiledModule module, int isOutput, size_t i) {
  AccelTensorInfo info;
  if (report("info", accelModuleGetTensorInfo(module, isOutput, i, &info)))
    return;
  printf("%s %zu: %s %s rank=%zu shape=", isOutput ? "output" : "input", i,
         info.name, info.mlirType, info.rank);
  for (size_t d = 0; d < info.rank; ++d)
    printf("%s%lld", d ? "x" : "", (long long)info.shape[d]);
  printf(" dtype=%s(%d) bytes=%zu\n", info.dtypeName, (int)info.dtype,
         info.sizeInBytes);
}

/* f32: y = relu(a * b + bias), relu placed like any accel op. */
static const char *kFloatModel =
    "func.func @dense(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>,\n"
    "                 %bias: tensor<5xf32>) -> tensor<3x5xf32> {\n"
    "  %0 = accel.matmul %a, %b bias(%bias : tensor<5xf32>) acc(f32)\n"
    "      : tensor<3x4xf32>, tensor<4x5xf32> -> tensor<3x5xf32>\n"
    "  %1 = accel.relu %0 : tensor<3x5xf32>\n"
    "  return %1 : tensor<3x5xf32>\n"
    "}\n";

/* i8 x i8 -> i32, big enough for the cost model to pick the accelerator. */
static const char *kInt8Model =
    "func.func @helper(%x: tensor<2xi32>) -> tensor<2xi32> {\n"
    "  return %x : tensor<2xi32>\n"
    "}\n"
    "func.func @mm(%a: tensor<64x64xi8>, %b: tensor<64x64xi8>)\n"
    "    -> tensor<64x64xi32> {\n"
    "  %0 = accel.matmul %a, %b acc(i32)\n"
    "      : tensor<64x64xi8>, tensor<64x64xi8> -> tensor<64x64xi32>\n"
    "  return %0 : tensor<64x64xi32>\n"
    "}\n";

static void testFloat(AccelCompiler compiler) {
  AccelCompiledModule module = NULL;
  if (report("float", accelCompilerCompile(compiler, kFloatModel, "cpu", NULL,
                                           &module)))
    return ++failures, (void)0;
  printf("entry: %s\n", accelModuleGetEntryName(module));
  CHECK(accelModuleGetNumInputs(module) == 3);
  CHECK(accelModuleGetNumOutputs(module) == 1);
  for (size_t i = 0; i < accelModuleGetNumInputs(module); ++i)
    printInfo(module, 0, i);
  printInfo(module, 1, 0);

  float a[3 * 4], b[4 * 5], bias[5], y[3 * 5], expected[3 * 5];
  for (int i = 0; i < 12; ++i)
    a[i] = (float)(i % 7) - 3.0f;
  for (int i = 0; i < 20; ++i)
    b[i] = (float)(i % 5) - 2.0f;
  for (int i = 0; i < 5; ++i)
    bias[i] = 0.5f * (float)i - 1.0f;
  for (int m = 0; m < 3; ++m)
    for (int n = 0; n < 5; ++n) {
      float sum = bias[n];
      for (int k = 0; k < 4; ++k)
        sum += a[m * 4 + k] * b[k * 5 + n];
      expected[m * 5 + n] = sum > 0 ? sum : 0;
    }
  const void *inputs[] = {a, b, bias};
  void *outputs[] = {y};
  /* Twice: buffers are reused and the report counts runs. */
  for (int run = 0; run < 2; ++run) {
    memset(y, 0xff, sizeof(y));
    if (report("run", accelModuleRun(module, inputs, outputs)))
      ++failures;
  }
  int mismatches = 0;
  for (int i = 0; i < 15; ++i)
    if (fabsf(y[i] - expected[i]) > 1e-5f)
      ++mismatches;
  printf("float results: %d mismatch(es); y[0..4] = %g %g %g %g %g\n",
         mismatches, y[0], y[1], y[2], y[3], y[4]);
  CHECK(mismatches == 0);
  printf("report: %s\n", accelModuleGetReport(module));

  AccelTensorInfo info;
  CHECK(report("out of range",
               accelModuleGetTensorInfo(module, 1, 7, &info)) == 1);
  const void *nullInputs[] = {a, NULL, bias};
  CHECK(report("null input", accelModuleRun(module, nullInputs, outputs)) ==
        1);
  accelModuleDestroy(module);
}

static void testInt8(AccelCompiler compiler) {
  AccelCompiledModule module = NULL;
  if (report("int8", accelCompilerCompile(compiler, kInt8Model, "int8-16x16",
                                          "mm", &module)))
    return ++failures, (void)0;
  printf("entry: %s\n", accelModuleGetEntryName(module));
  printInfo(module, 0, 0);
  printInfo(module, 1, 0);
  static signed char a[64 * 64], b[64 * 64];
  static int y[64 * 64];
  for (int i = 0; i < 64 * 64; ++i) {
    a[i] = (signed char)((i * 37) % 256 - 128);
    b[i] = (signed char)((i * 11) % 23 - 11);
  }
  const void *inputs[] = {a, b};
  void *outputs[] = {y};
  if (report("run", accelModuleRun(module, inputs, outputs)))
    ++failures;
  int mismatches = 0;
  for (int m = 0; m < 64; ++m)
    for (int n = 0; n < 64; ++n) {
      int sum = 0;
      for (int k = 0; k < 64; ++k)
        sum += a[m * 64 + k] * b[k * 64 + n];
      mismatches += sum != y[m * 64 + n];
    }
  printf("int8 results: %d mismatch(es)\n", mismatches);
  CHECK(mismatches == 0);
  printf("report: %s\n", accelModuleGetReport(module));
  accelModuleDestroy(module);
}

static void testErrors(AccelCompiler compiler) {
  AccelCompiledModule module = NULL;
  /* A syntax error on line 2. */
  report("syntax",
         accelCompilerCompile(compiler,
                              "func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
                              "  %0 = accel.relu %x : tensor<4xf32\n"
                              "  return %0 : tensor<4xf32>\n"
                              "}\n",
                              "cpu", NULL, &module));
  CHECK(module == NULL);
  /* A verifier error, with the source named. */
  report("verifier",
         accelCompilerCompileNamed(
             compiler,
             "func.func @f(%x: tensor<4xf32>) -> tensor<5xf32> {\n"
             "  return %x : tensor<4xf32>\n"
             "}\n",
             "model.mlir", "cpu", NULL, &module));
  report("target", accelCompilerCompile(compiler, kFloatModel,
                                        "no-such-target", NULL, &module));
  report("entry", accelCompilerCompile(compiler, kFloatModel, "cpu",
                                       "missing", &module));
  /* Two public functions and no @main: the entry must be named. */
  report("no entry",
         accelCompilerCompile(compiler, kInt8Model, "cpu", NULL, &module));
  report("file", accelCompilerCompileFile(compiler, "/nonexistent/model.mlir",
                                          "cpu", NULL, &module));
  report("null", accelCompilerCompile(compiler, NULL, "cpu", NULL, &module));
  CHECK(module == NULL);
}

int main(void) {
  printf("api version: %d (header %d)\n", accelCompilerGetApiVersion(),
         ACCEL_COMPILER_API_VERSION);
  CHECK(accelCompilerGetApiVersion() == ACCEL_COMPILER_API_VERSION);
  AccelCompiler compiler = NULL;
  if (report("create", accelCompilerCreate(&compiler)))
    return 1;
  testFloat(compiler);
  testInt8(compiler);
  testErrors(compiler);
  accelCompilerDestroy(compiler);
  printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
