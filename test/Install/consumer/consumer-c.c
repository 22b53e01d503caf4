/*===- consumer-c.c - uses the installed compiler C API -------------------===*
 *
 * This file implements a minimal C embedder built against the installed
 * AccelMLIR package (AccelMLIR::AccelCompilerC): it compiles a relu for the
 * CPU target, runs it on four values and prints the results.
 *
 *===----------------------------------------------------------------------===*/
#include "accel-c/Compiler.h"

#include <stdio.h>

static int check(AccelError error) {
  if (!error)
    return 0;
  fprintf(stderr, "error: %s\n", accelErrorGetMessage(error));
  accelErrorDestroy(error);
  return 1;
}

int main(void) {
  const char *source =
      "func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
      "  %0 = accel.relu %x : tensor<4xf32>\n"
      "  return %0 : tensor<4xf32>\n"
      "}\n";
  AccelCompiler compiler;
  AccelCompiledModule module;
  if (check(accelCompilerCreate(&compiler)) ||
      check(accelCompilerCompile(compiler, source, "cpu", NULL, &module)))
    return 1;
  float in[4] = {-1.5f, 0.0f, 2.25f, -0.0f}, out[4] = {0, 0, 0, 0};
  const void *inputs[1] = {in};
  void *outputs[1] = {out};
  if (check(accelModuleRun(module, inputs, outputs)))
    return 1;
  printf("C API %d: relu = %g %g %g %g\n", accelCompilerGetApiVersion(),
         out[0], out[1], out[2], out[3]);
  accelModuleDestroy(module);
  accelCompilerDestroy(compiler);
  return 0;
}
