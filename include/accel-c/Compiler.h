/*===- accel-c/Compiler.h - C embedding API of the accel compiler -*- C -*-===*\
|*                                                                            *|
|* A small, versioned C API to compile an accel/linalg/tosa module for a      *|
|* target and run it in-process, the way accel-run does: parse, convert TOSA, *|
|* attach the target, canonicalize, place, outline and compile kernels, lower *|
|* with the CPU pipeline, JIT-compile, then call the entry function on        *|
|* caller-owned buffers and read a JSON report.  Handles are opaque; every    *|
|* fallible call returns an AccelError, NULL on success, that the caller      *|
|* reads and destroys (the same error object as accel-c/Runtime.h).  The      *|
|* library is libAccelCompilerC.so; Python's `accel` package is ctypes over   *|
|* it.                                                                        *|
|*                                                                            *|
|* On an accelerator target, kernels are compiled to the ISA and each run     *|
|* launches them on the simulator; the report holds their reports.            *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
#ifndef ACCEL_C_COMPILER_H
#define ACCEL_C_COMPILER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on every incompatible change of this header. */
#define ACCEL_COMPILER_API_VERSION 1

/* Shared with accel-c/Runtime.h (an identical typedef is valid C11/C++). */
typedef struct AccelError_ *AccelError;
typedef struct AccelCompiler_ *AccelCompiler;
typedef struct AccelCompiledModule_ *AccelCompiledModule;

/* The API version the library implements (ACCEL_COMPILER_API_VERSION).
 * Callers that load the library dynamically should check it first. */
int accelCompilerGetApiVersion(void);

/* The message of an error; valid until accelErrorDestroy.  Compiler
 * diagnostics are one per line as "<name>:line:col: error: message". */
const char *accelErrorGetMessage(AccelError error);
void accelErrorDestroy(AccelError error);

/* A compiler: the registered dialects and passes.  Compiling is not
 * thread-safe on one compiler; use one compiler per thread.  Modules do not
 * depend on the compiler that made them and may outlive it. */
AccelError accelCompilerCreate(AccelCompiler *out);
void accelCompilerDestroy(AccelCompiler compiler);

/* Compiles MLIR text for a target (a preset name such as "cpu" or
 * "int8-16x16", or a target JSON file path; NULL means "cpu") and prepares
 * `entry` to be called (NULL: the only public function, else @main).
 * Diagnostics name the source "<source>". */
AccelError accelCompilerCompile(AccelCompiler compiler, const char *mlirSource,
                                const char *target, const char *entry,
                                AccelCompiledModule *out);
/* The same, with `sourceName` naming the text in diagnostics (NULL:
 * "<source>"). */
AccelError accelCompilerCompileNamed(AccelCompiler compiler,
                                     const char *mlirSource,
                                     const char *sourceName,
                                     const char *target, const char *entry,
                                     AccelCompiledModule *out);
/* The same, reading the MLIR from a file (diagnostics name the path). */
AccelError accelCompilerCompileFile(AccelCompiler compiler, const char *path,
                                    const char *target, const char *entry,
                                    AccelCompiledModule *out);
void accelModuleDestroy(AccelCompiledModule module);

/* The element type a tensor is exchanged as: the NumPy dtypes of .npy
 * files.  bf16 tensors are exchanged as FLOAT32 (rounded to nearest even on
 * the way in) and i4 tensors as INT8 (values in [-8, 7]). */
typedef enum AccelDType {
  ACCEL_DTYPE_BOOL = 0,
  ACCEL_DTYPE_INT8 = 1,
  ACCEL_DTYPE_UINT8 = 2,
  ACCEL_DTYPE_INT16 = 3,
  ACCEL_DTYPE_INT32 = 4,
  ACCEL_DTYPE_INT64 = 5,
  ACCEL_DTYPE_FLOAT16 = 6,
  ACCEL_DTYPE_FLOAT32 = 7,
  ACCEL_DTYPE_FLOAT64 = 8
} AccelDType;

typedef struct AccelTensorInfo {
  const char *name;     /* source SSA name of an argument ("x" for %x), else
                           "arg<i>"; "result<i>" for outputs */
  const char *mlirType; /* as in the signature: "tensor<4x8xbf16>" */
  size_t rank;
  const int64_t *shape; /* rank entries */
  AccelDType dtype;     /* exchanged dtype */
  const char *dtypeName; /* NumPy name: "float32", "int8", ... */
  size_t elementSize;   /* bytes per exchanged element */
  size_t numElements;
  size_t sizeInBytes;   /* numElements * elementSize: the buffer size */
} AccelTensorInfo;
/* Strings and shape stay valid while the module lives. */

/* The entry function's name; valid while the module lives. */
const char *accelModuleGetEntryName(AccelCompiledModule module);
size_t accelModuleGetNumInputs(AccelCompiledModule module);
size_t accelModuleGetNumOutputs(AccelCompiledModule module);
/* Describes input (`isOutput` 0) or output (`isOutput` 1) `index`. */
AccelError accelModuleGetTensorInfo(AccelCompiledModule module, int isOutput,
                                    size_t index, AccelTensorInfo *out);

/* Calls the entry function: one caller-owned, C-ordered buffer of
 * sizeInBytes per input, read-only, and one per output, written.  Buffers
 * hold the exchanged dtypes; the library converts bf16 and checks i4.
 * Not thread-safe on one module. */
AccelError accelModuleRun(AccelCompiledModule module,
                          const void *const *inputs, void *const *outputs);

/* The report as JSON text: target, entry, placement counts, compile and
 * last-run seconds, and `kernels`, one simulator report per kernel launch
 * of the last run (docs/AcceleratorPath.md).  Valid until the next
 * accelModuleRun or accelModuleGetReport. */
const char *accelModuleGetReport(AccelCompiledModule module);

#ifdef __cplusplus
}
#endif

#endif /* ACCEL_C_COMPILER_H */
