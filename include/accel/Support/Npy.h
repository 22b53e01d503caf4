//===- Npy.h - Reading and writing NumPy .npy files -------------*- C++ -*-===//
//
// This file declares a reader and writer for NumPy's `.npy` format, the way
// tensors are exchanged with the runner and the simulator.  It is plain C++
// over LLVMSupport so that tools without MLIR can link it.
//
// Reading accepts format versions 1.0, 2.0 and 3.0, little-endian (or
// byte-order-free) descrs of the dtypes in NpyDType, and C-order data.
// Writing produces version 1.0 files that are byte-for-byte what
// `numpy.save` writes for the same array.
//
// bfloat16 has no NumPy dtype.  bf16 tensors are exchanged as float32 `.npy`
// files: the runner narrows float32 input to bf16 with round-to-nearest-even
// (floatToBF16RNE) and widens bf16 output exactly (bf16ToFloat).  An NpyArray
// may hold BF16 in memory; serializeNpy and writeNpy widen it to float32, and
// readNpy never returns BF16.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SUPPORT_NPY_H
#define ACCEL_SUPPORT_NPY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accel {

/// The element types a .npy file can hold for us.  BF16 exists in memory only
/// (see the file comment).
enum class NpyDType { F32, F64, F16, BF16, I8, U8, I16, I32, I64, Bool };

/// The NumPy name of a dtype: "float32", "int8", "bool", ...; "bfloat16" for
/// BF16 (the ml_dtypes name, although files never carry it).
llvm::StringRef npyDTypeName(NpyDType dtype);

/// Bytes per element.
size_t npyDTypeSize(NpyDType dtype);

/// A dense array as stored in a .npy file.
struct NpyArray {
  NpyDType dtype = NpyDType::F32;
  /// Empty for a scalar; a zero dimension makes an empty array.
  std::vector<int64_t> shape;
  /// numElements() * npyDTypeSize(dtype) bytes, little-endian, C order.
  std::vector<uint8_t> data;

  /// The product of the dimensions: 1 for a scalar.
  int64_t numElements() const;
};

/// Reads a .npy file.  Every error message starts with `path`.
llvm::Expected<NpyArray> readNpy(llvm::StringRef path);

/// Parses the contents of a .npy file; `nameForErrors` starts every error
/// message.
llvm::Expected<NpyArray> parseNpy(llvm::StringRef bytes,
                                  llvm::StringRef nameForErrors);

/// Writes `array` as a version 1.0 .npy file (BF16 widened to float32).
/// Fails, naming `path`, if the file cannot be written or if the data size
/// does not match the shape.
llvm::Error writeNpy(llvm::StringRef path, const NpyArray &array);

/// The bytes writeNpy writes.  `array.data` must match its shape and dtype.
std::string serializeNpy(const NpyArray &array);

/// float32 -> bfloat16 bits, rounding to nearest, ties to even.  NaN stays
/// NaN (quieted) and infinities stay infinite.
uint16_t floatToBF16RNE(float value);
/// bfloat16 bits -> float32; exact.
float bf16ToFloat(uint16_t bits);

/// float32 -> IEEE half bits, rounding to nearest, ties to even.
uint16_t floatToHalfRNE(float value);
/// IEEE half bits -> float32; exact.
float halfToFloat(uint16_t bits);

} // namespace accel

#endif // ACCEL_SUPPORT_NPY_H
