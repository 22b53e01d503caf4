//===- CAPIError.h - The error object of the accel C APIs -------*- C++ -*-===//
//
// The runtime (include/accel-c/Runtime.h) and the compiler
// (include/accel-c/Compiler.h) C APIs hand out one kind of error object;
// lib/Runtime/Runtime.cpp defines accelErrorGetMessage/accelErrorDestroy
// for both.  Internal: not installed for C users.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SUPPORT_CAPIERROR_H
#define ACCEL_SUPPORT_CAPIERROR_H

#include <string>

struct AccelError_ {
  std::string message;
};

#endif // ACCEL_SUPPORT_CAPIERROR_H
