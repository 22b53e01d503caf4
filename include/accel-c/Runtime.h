/*===- accel-c/Runtime.h - C API of the accel runtime -------------*- C -*-===*\
|*                                                                            *|
|* A small, versioned C API to run accel binaries: create a device for a      *|
|* target, load and validate a binary, allocate buffers and copy data, launch *|
|* with named bindings, wait, and read the launch report.  Handles are        *|
|* opaque; every fallible call returns an AccelError, NULL on success, that   *|
|* the caller reads and destroys.  The simulator is the first backend.        *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
#ifndef ACCEL_C_RUNTIME_H
#define ACCEL_C_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on every incompatible change of this header. */
#define ACCEL_RUNTIME_API_VERSION 1

typedef struct AccelError_ *AccelError;
typedef struct AccelDevice_ *AccelDevice;
typedef struct AccelProgram_ *AccelProgram;
typedef struct AccelBuffer_ *AccelBuffer;
typedef struct AccelLaunch_ *AccelLaunch;

/* The API version the library implements (ACCEL_RUNTIME_API_VERSION). */
int accelRuntimeGetApiVersion(void);

/* The message of an error; valid until accelErrorDestroy. */
const char *accelErrorGetMessage(AccelError error);
void accelErrorDestroy(AccelError error);

/* A device for a target preset name ("int8-16x16") or a JSON file path. */
AccelError accelDeviceCreate(const char *targetNameOrPath, AccelDevice *out);
/* A device for a target given as JSON text. */
AccelError accelDeviceCreateFromJSON(const char *json, AccelDevice *out);
/* The target name; valid while the device lives. */
const char *accelDeviceGetTargetName(AccelDevice device);
void accelDeviceDestroy(AccelDevice device);

/* Loads a binary (copied); fails if it is malformed or was built for
 * another target. */
AccelError accelProgramLoad(AccelDevice device, const void *data, size_t size,
                            AccelProgram *out);
AccelError accelProgramLoadFile(AccelDevice device, const char *path,
                                AccelProgram *out);
void accelProgramDestroy(AccelProgram program);

typedef struct AccelBindingInfo {
  const char *name;   /* valid while the program lives */
  int isOutput;       /* 0 input, 1 output */
  const char *dtype;  /* element type spelling: "i8", "f32", ... */
  size_t rank;
  const int64_t *shape;
  size_t sizeInBytes; /* storage bytes (i4 packed two per byte) */
} AccelBindingInfo;

size_t accelProgramGetNumBindings(AccelProgram program);
AccelError accelProgramGetBinding(AccelProgram program, size_t index,
                                  AccelBindingInfo *out);

/* Device buffers (host memory for the simulator). */
AccelError accelBufferCreate(AccelDevice device, size_t sizeInBytes,
                             AccelBuffer *out);
size_t accelBufferGetSize(AccelBuffer buffer);
AccelError accelBufferWrite(AccelBuffer buffer, size_t offset,
                            const void *data, size_t size);
AccelError accelBufferRead(AccelBuffer buffer, size_t offset, void *data,
                           size_t size);
void accelBufferDestroy(AccelBuffer buffer);

/* Launches `program` with one buffer per binding, matched by name; each
 * buffer must hold exactly the binding's sizeInBytes.  Outputs are written
 * back into their buffers when the launch completes.  With `trace` non-zero
 * the launch records a Chrome trace. */
AccelError accelLaunch(AccelProgram program, size_t numBindings,
                       const char *const *names, const AccelBuffer *buffers,
                       int trace, AccelLaunch *out);
/* Waits for completion (the simulator backend completes inside
 * accelLaunch). Returns the launch's error, if it failed. */
AccelError accelLaunchWait(AccelLaunch launch);
/* The report as JSON text, and a human summary; valid while the launch
 * lives. */
const char *accelLaunchGetReportJSON(AccelLaunch launch);
const char *accelLaunchGetSummary(AccelLaunch launch);
/* The Chrome trace JSON ("" unless requested). */
const char *accelLaunchGetTraceJSON(AccelLaunch launch);
void accelLaunchDestroy(AccelLaunch launch);

/* ---- Launches from compiled host code --------------------------------- *
 * Host code compiled by accel (accel-run's JIT, or an object file from
 * accel-compile) calls accelRuntimeLaunchKernel for every launch of a kernel
 * compiled to a binary; the binary is embedded in the host code.  A
 * process-wide session keeps the device, loaded programs and one report per
 * launch.  The session functions are not meant to be called concurrently
 * with launches. */

/* Runs `binary` (`size` bytes) with one host buffer per binding, in binding
 * order (the kernel's arguments, then its results), given as addresses.
 * Inputs are read from and outputs written to those buffers.  Returns 0;
 * on failure records the error (accelSessionGetError) and returns 1, and
 * later launches fail at once until accelSessionReset. */
int32_t accelRuntimeLaunchKernel(const char *kernelName, const void *binary,
                                 int64_t size, const int64_t *bufferAddresses,
                                 int64_t numBuffers);
/* The device launches run on (borrowed, must outlive the launches).  NULL,
 * the default, makes one from the target preset each binary names. */
void accelSessionSetDevice(AccelDevice device);
/* Record a Chrome trace per launch (off by default). */
void accelSessionSetTrace(int enabled);
size_t accelSessionGetNumLaunches(void);
/* Per launch, in order; valid until accelSessionReset. */
const char *accelSessionGetLaunchKernel(size_t index);
const char *accelSessionGetLaunchReportJSON(size_t index);
const char *accelSessionGetLaunchSummary(size_t index);
const char *accelSessionGetLaunchTraceJSON(size_t index);
/* The first launch error since the last reset, or NULL. */
const char *accelSessionGetError(void);
/* Forgets launches, programs and the error (not the device). */
void accelSessionReset(void);

#ifdef __cplusplus
}
#endif

#endif /* ACCEL_C_RUNTIME_H */
