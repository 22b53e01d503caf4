//===- Elements.h - Element storage in accel memories -----------*- C++ -*-===//
//
// This file declares how tensors of each element kind are laid out in DRAM
// and SRAM (little-endian; i4 packed two per byte, low nibble first; tf32 in
// 32 bits with the low 13 mantissa bits zero), the conversions between kinds
// the DMA engines perform, and the mapping between .npy arrays and storage
// shared by the assembler, the runtime tools and the simulator.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ISA_ELEMENTS_H
#define ACCEL_ISA_ELEMENTS_H

#include "accel/Support/Npy.h"
#include "accel/Target/TargetDesc.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace accel {
namespace isa {

bool isIntegerKind(ElementKind kind);
/// Kinds the simulator and the storage helpers handle: every kind but fp8.
bool isSupportedStorageKind(ElementKind kind);
/// Storage range of an integer kind.
int64_t integerMin(ElementKind kind);
int64_t integerMax(ElementKind kind);

/// Element `index` of an integer tensor starting at `base`.
int32_t loadInt(const uint8_t *base, ElementKind kind, uint64_t index);
/// Stores `value`, which must be in the kind's range.
void storeInt(uint8_t *base, ElementKind kind, uint64_t index, int32_t value);
/// Element `index` of a float tensor (f32, tf32, f16, bf16), exactly.
float loadFloat(const uint8_t *base, ElementKind kind, uint64_t index);
/// Rounds `value` to the kind (nearest even) and stores it.
void storeFloat(uint8_t *base, ElementKind kind, uint64_t index, float value);
/// f32 -> tf32 (10 explicit mantissa bits), nearest even, kept in f32.
float roundToTF32(float value);

/// The .npy dtype a tensor of `kind` is exchanged as (i4 as int8, bf16 and
/// tf32 as float32).
NpyDType npyDTypeFor(ElementKind kind);

/// Converts a .npy array to storage bytes of `kind`; the array's shape must
/// equal `shape` and its dtype npyDTypeFor(kind).  `what` starts messages.
llvm::Expected<std::vector<uint8_t>>
npyToStorage(const NpyArray &array, ElementKind kind,
             llvm::ArrayRef<int64_t> shape, llvm::StringRef what);

/// Converts storage bytes back to an array of npyDTypeFor(kind).
NpyArray storageToNpy(llvm::ArrayRef<uint8_t> bytes, ElementKind kind,
                      llvm::ArrayRef<int64_t> shape);

} // namespace isa
} // namespace accel

#endif // ACCEL_ISA_ELEMENTS_H
