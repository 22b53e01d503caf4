//===- NpyHeader.h - The dict literal in a .npy header ----------*- C++ -*-===//
//
// This file declares the parser and printer of the Python dict literal that
// a .npy header holds.  It is private to lib/Support: callers use Npy.h.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_SUPPORT_NPYHEADER_H
#define ACCEL_LIB_SUPPORT_NPYHEADER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace accel {
namespace npy_detail {

/// The three keys of a .npy header, unchecked beyond their Python types.
struct HeaderDict {
  std::string descr;
  bool fortranOrder = false;
  /// As written: may hold negative dimensions, which the caller reports.
  std::vector<int64_t> shape;
};

/// Parses `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` with
/// any whitespace, key order, quote style and trailing commas.  Exactly the
/// three keys must appear, as numpy requires.  Messages say what was expected
/// and what was found, without a file name.
llvm::Expected<HeaderDict> parseHeaderDict(llvm::StringRef text);

/// A shape as Python prints a tuple: `()`, `(5,)`, `(2, 3)`.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// The dict `numpy.save` writes for a C-order array, including the spaces it
/// appends so that the first dimension can grow in place, but not the
/// alignment padding.
std::string printHeaderDict(llvm::StringRef descr,
                            llvm::ArrayRef<int64_t> shape);

} // namespace npy_detail
} // namespace accel

#endif // ACCEL_LIB_SUPPORT_NPYHEADER_H
