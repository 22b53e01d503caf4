//===- Error.cpp - The error object of the accel C APIs --------------------===//
//
// One definition for the runtime and the compiler C APIs
// (include/accel/Support/CAPIError.h).  Its own file so libAccelCompilerC
// can compile it in and export it while the rest of the runtime stays
// internal to that library.
//
//===----------------------------------------------------------------------===//
#include "accel-c/Runtime.h"
#include "accel/Support/CAPIError.h"

extern "C" {

const char *accelErrorGetMessage(AccelError error) {
  return error ? error->message.c_str() : "";
}

void accelErrorDestroy(AccelError error) { delete error; }

} // extern "C"
