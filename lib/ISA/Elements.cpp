//===- Elements.cpp - Element storage and conversions ----------------------===//
//
// This file implements element loads and stores for every storage kind and
// the .npy <-> storage mapping.
//
//===----------------------------------------------------------------------===//
#include "accel/ISA/Elements.h"

#include "accel/ISA/Binary.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/Support/FormatVariadic.h"

#include <array>
#include <cmath>
#include <cstring>

using namespace accel;
using namespace accel::isa;

bool isa::isIntegerKind(ElementKind kind) { return !isFloatKind(kind); }

bool isa::isSupportedStorageKind(ElementKind kind) {
  (void)kind;
  return true;
}

//===----------------------------------------------------------------------===//
// fp8
//===----------------------------------------------------------------------===//

static const llvm::fltSemantics &fp8Semantics(ElementKind kind) {
  return kind == ElementKind::F8E4M3FN ? llvm::APFloat::Float8E4M3FN()
                                       : llvm::APFloat::Float8E5M2();
}

/// Every fp8 value widens exactly to f32: one table per format.
static float fp8ToFloat(ElementKind kind, uint8_t bits) {
  static const auto tables = [] {
    std::array<std::array<float, 256>, 2> t{};
    for (int k = 0; k < 2; ++k) {
      ElementKind kind = k ? ElementKind::F8E5M2 : ElementKind::F8E4M3FN;
      for (unsigned b = 0; b < 256; ++b) {
        llvm::APFloat v(fp8Semantics(kind), llvm::APInt(8, b));
        bool lost;
        v.convert(llvm::APFloat::IEEEsingle(),
                  llvm::APFloat::rmNearestTiesToEven, &lost);
        t[k][b] = v.convertToFloat();
      }
    }
    return t;
  }();
  return tables[kind == ElementKind::F8E5M2][bits];
}

/// f32 to fp8, rounding to nearest even (docs/Numerics.md §6): beyond the
/// largest finite value f8E5M2 gives infinity and f8E4M3FN, which has none,
/// saturates to +-448 (infinite inputs too); NaN stays NaN.
static uint8_t floatToFp8(ElementKind kind, float value) {
  llvm::APFloat v(value);
  bool lost;
  if (kind == ElementKind::F8E4M3FN && !std::isnan(value) &&
      std::fabs(value) > 448.0f) {
    // Values that round to 448 (below the midpoint to the next, absent,
    // binade step 480) and everything beyond saturate alike.
    v = llvm::APFloat(value < 0 ? -448.0f : 448.0f);
  }
  v.convert(fp8Semantics(kind), llvm::APFloat::rmNearestTiesToEven, &lost);
  return static_cast<uint8_t>(v.bitcastToAPInt().getZExtValue());
}

int64_t isa::integerMin(ElementKind kind) {
  switch (kind) {
  case ElementKind::I4: return -8;
  case ElementKind::I8: return -128;
  case ElementKind::U8: return 0;
  case ElementKind::I16: return -32768;
  default: return INT32_MIN;
  }
}

int64_t isa::integerMax(ElementKind kind) {
  switch (kind) {
  case ElementKind::I4: return 7;
  case ElementKind::I8: return 127;
  case ElementKind::U8: return 255;
  case ElementKind::I16: return 32767;
  default: return INT32_MAX;
  }
}

int32_t isa::loadInt(const uint8_t *base, ElementKind kind, uint64_t index) {
  switch (kind) {
  case ElementKind::I4: {
    uint8_t byte = base[index / 2];
    int32_t nib = (index & 1) ? (byte >> 4) : (byte & 0xf);
    return nib >= 8 ? nib - 16 : nib;
  }
  case ElementKind::I8: return static_cast<int8_t>(base[index]);
  case ElementKind::U8: return base[index];
  case ElementKind::I16: {
    int16_t v;
    std::memcpy(&v, base + 2 * index, 2);
    return v;
  }
  default: {
    int32_t v;
    std::memcpy(&v, base + 4 * index, 4);
    return v;
  }
  }
}

void isa::storeInt(uint8_t *base, ElementKind kind, uint64_t index,
                   int32_t value) {
  switch (kind) {
  case ElementKind::I4: {
    uint8_t &byte = base[index / 2];
    uint8_t nib = uint8_t(value) & 0xf;
    byte = (index & 1) ? uint8_t((byte & 0x0f) | (nib << 4))
                       : uint8_t((byte & 0xf0) | nib);
    return;
  }
  case ElementKind::I8:
  case ElementKind::U8: base[index] = uint8_t(value); return;
  case ElementKind::I16: {
    int16_t v = int16_t(value);
    std::memcpy(base + 2 * index, &v, 2);
    return;
  }
  default:
    std::memcpy(base + 4 * index, &value, 4);
    return;
  }
}

float isa::roundToTF32(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  if (std::isnan(value))
    bits |= 0x00400000u;
  else if (!std::isinf(value)) {
    uint32_t lsb = (bits >> 13) & 1;
    bits += 0x0fffu + lsb;
  }
  bits &= ~0x1fffu;
  float out;
  std::memcpy(&out, &bits, 4);
  return out;
}

float isa::loadFloat(const uint8_t *base, ElementKind kind, uint64_t index) {
  switch (kind) {
  case ElementKind::F16: {
    uint16_t h;
    std::memcpy(&h, base + 2 * index, 2);
    return halfToFloat(h);
  }
  case ElementKind::BF16: {
    uint16_t h;
    std::memcpy(&h, base + 2 * index, 2);
    return bf16ToFloat(h);
  }
  case ElementKind::F8E4M3FN:
  case ElementKind::F8E5M2:
    return fp8ToFloat(kind, base[index]);
  default: {
    float f;
    std::memcpy(&f, base + 4 * index, 4);
    return f;
  }
  }
}

void isa::storeFloat(uint8_t *base, ElementKind kind, uint64_t index,
                     float value) {
  switch (kind) {
  case ElementKind::F16: {
    uint16_t h = floatToHalfRNE(value);
    std::memcpy(base + 2 * index, &h, 2);
    return;
  }
  case ElementKind::BF16: {
    uint16_t h = floatToBF16RNE(value);
    std::memcpy(base + 2 * index, &h, 2);
    return;
  }
  case ElementKind::TF32: {
    float f = roundToTF32(value);
    std::memcpy(base + 4 * index, &f, 4);
    return;
  }
  case ElementKind::F8E4M3FN:
  case ElementKind::F8E5M2:
    base[index] = floatToFp8(kind, value);
    return;
  default:
    std::memcpy(base + 4 * index, &value, 4);
    return;
  }
}

NpyDType isa::npyDTypeFor(ElementKind kind) {
  switch (kind) {
  case ElementKind::I4:
  case ElementKind::I8: return NpyDType::I8;
  case ElementKind::U8: return NpyDType::U8;
  case ElementKind::I16: return NpyDType::I16;
  case ElementKind::I32: return NpyDType::I32;
  case ElementKind::F16: return NpyDType::F16;
  default: return NpyDType::F32;
  }
}

static std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

llvm::Expected<std::vector<uint8_t>>
isa::npyToStorage(const NpyArray &array, ElementKind kind,
                  llvm::ArrayRef<int64_t> shape, llvm::StringRef what) {
  if (!isSupportedStorageKind(kind))
    return llvm::createStringError(
        llvm::formatv("{0}: element type {1} is not supported", what,
                      stringifyElementKind(kind))
            .str());
  if (llvm::ArrayRef<int64_t>(array.shape) != shape)
    return llvm::createStringError(
        llvm::formatv("{0}: shape {1} does not match the declared shape {2}",
                      what, shapeString(array.shape), shapeString(shape))
            .str());
  NpyDType want = npyDTypeFor(kind);
  if (array.dtype != want)
    return llvm::createStringError(
        llvm::formatv("{0}: dtype {1} does not match the declared {2} (expected "
                      "a {3} array)",
                      what, npyDTypeName(array.dtype),
                      stringifyElementKind(kind), npyDTypeName(want))
            .str());
  uint64_t n = static_cast<uint64_t>(array.numElements());
  std::vector<uint8_t> out(storageBytes(kind, n), 0);
  const uint8_t *src = array.data.data();
  for (uint64_t i = 0; i < n; ++i) {
    if (isIntegerKind(kind)) {
      int32_t v = loadInt(src, kind == ElementKind::I4 ? ElementKind::I8 : kind,
                          i);
      if (v < integerMin(kind) || v > integerMax(kind))
        return llvm::createStringError(
            llvm::formatv("{0}: element {1} = {2} is outside the {3} range "
                          "[{4}, {5}]",
                          what, i, v, stringifyElementKind(kind),
                          integerMin(kind), integerMax(kind))
                .str());
      storeInt(out.data(), kind, i, v);
    } else {
      float v = loadFloat(src, kind == ElementKind::F16 ? ElementKind::F16
                                                        : ElementKind::F32,
                          i);
      storeFloat(out.data(), kind, i, v);
    }
  }
  return out;
}

NpyArray isa::storageToNpy(llvm::ArrayRef<uint8_t> bytes, ElementKind kind,
                           llvm::ArrayRef<int64_t> shape) {
  NpyArray array;
  array.dtype = npyDTypeFor(kind);
  array.shape.assign(shape.begin(), shape.end());
  uint64_t n = static_cast<uint64_t>(array.numElements());
  array.data.assign(n * npyDTypeSize(array.dtype), 0);
  for (uint64_t i = 0; i < n; ++i) {
    if (isIntegerKind(kind))
      storeInt(array.data.data(),
               kind == ElementKind::I4 ? ElementKind::I8 : kind, i,
               loadInt(bytes.data(), kind, i));
    else
      storeFloat(array.data.data(),
                 kind == ElementKind::F16 ? ElementKind::F16 : ElementKind::F32,
                 i, loadFloat(bytes.data(), kind, i));
  }
  return array;
}
