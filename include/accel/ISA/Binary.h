//===- Binary.h - The accel program container -------------------*- C++ -*-===//
//
// This file declares Program, everything one accelerator kernel needs (its
// instruction stream, DRAM layout, bindings, constants and requantization
// table), and the versioned binary container it is stored in.  docs/isa.md
// describes the container byte by byte.  The compiler builds a Program in
// memory and calls writeBinary; the runtime and the simulator call
// readBinary, which rejects every malformed file with the offset and field.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ISA_BINARY_H
#define ACCEL_ISA_BINARY_H

#include "accel/ISA/Instructions.h"
#include "accel/Target/TargetDesc.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accel {
namespace isa {

constexpr char kBinaryMagic[8] = {'A', 'C', 'C', 'E', 'L', 'B', 'I', 'N'};
constexpr uint16_t kBinaryVersionMajor = 1;
constexpr uint16_t kBinaryVersionMinor = 0;
constexpr unsigned kBinaryHeaderBytes = 64;
/// The largest DRAM image (and tensor) a program may declare: the simulator
/// keeps DRAM in host memory.
constexpr uint64_t kMaxDramBytes = uint64_t(1) << 30;

/// A named tensor in DRAM that the host provides (input) or reads (output).
struct Binding {
  std::string name;
  bool isOutput = false;
  ElementKind dtype = ElementKind::I8;
  std::vector<int64_t> shape;
  uint64_t dramOffset = 0;
  uint64_t numElements() const;
  /// Bytes in DRAM: i4 is packed two per byte, low nibble first.
  uint64_t sizeInBytes() const;
};

/// Data placed in DRAM before the program runs (weights, biases).
struct Constant {
  std::string name;
  ElementKind dtype = ElementKind::I8;
  std::vector<int64_t> shape;
  uint64_t dramOffset = 0;
  std::vector<uint8_t> data;
  uint64_t numElements() const;
};

/// One requantization entry (docs/Numerics.md section 2): multiplier and
/// exponent as from numerics::quantizeMultiplier, the output zero point and
/// the clamp bounds (int32 for integer outputs; for float outputs the bit
/// patterns of two f32 values).
struct QParam {
  int32_t multiplier = 0;
  int32_t exponent = 0;
  int32_t zeroPoint = 0;
  int32_t lo = INT32_MIN;
  int32_t hi = INT32_MAX;
  bool operator==(const QParam &o) const {
    return multiplier == o.multiplier && exponent == o.exponent &&
           zeroPoint == o.zeroPoint && lo == o.lo && hi == o.hi;
  }
};

struct Program {
  /// Name of the target the program was compiled for (informational).
  std::string targetName;
  /// targetFingerprint() of that target; the runtime refuses a mismatch.
  uint64_t targetFingerprint = 0;
  /// Bytes of DRAM the program addresses: [0, dramBytes).
  uint64_t dramBytes = 0;
  std::vector<Binding> bindings;
  std::vector<QParam> qparams;
  std::vector<Constant> constants;
  std::vector<Instruction> instructions;

  const Binding *findBinding(llvm::StringRef name) const;
};

/// FNV-1a 64 of the target's canonical JSON (targetToJSON with every field,
/// keys sorted): equal descriptions give equal fingerprints, whatever file
/// or preset they came from and however the file was formatted.
uint64_t targetFingerprint(const TargetDesc &desc);

/// FNV-1a 64 of `bytes`, the container checksum.
uint64_t fnv1a64(llvm::ArrayRef<uint8_t> bytes);

/// Bytes of `count` elements of `kind` (i4 packed: rounded up).
uint64_t storageBytes(ElementKind kind, uint64_t count);

/// Checks a Program's own consistency (bindings and constants inside DRAM,
/// constant sizes, qparam ranges, halt last).  Messages name the record.
llvm::Error verifyProgram(const Program &program);

/// Serializes; fails if an instruction does not encode or verifyProgram
/// fails.
llvm::Expected<std::vector<uint8_t>> writeBinary(const Program &program);

/// Parses and validates a container; messages start with `nameForErrors`
/// and name the byte offset and field at fault.
llvm::Expected<Program> readBinary(llvm::ArrayRef<uint8_t> bytes,
                                   llvm::StringRef nameForErrors = "binary");

} // namespace isa
} // namespace accel

#endif // ACCEL_ISA_BINARY_H
