//===- Requantize.h - the one implementation of integer requantization ----===//
//
// The fixed-point requantization recipe of docs/Numerics.md §2 (gemmlowp /
// TFLite "double rounding"). This header is the single source of that
// arithmetic: the compiler uses quantizeMultiplier() to turn real scales into
// (multiplier, shift) pairs, the CPU path emits IR that mirrors
// multiplyByQuantizedMultiplier() step by step (and is tested against it), and
// the simulator calls these functions directly. Header-only, no dependencies,
// so it can be embedded anywhere.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_NUMERICS_REQUANTIZE_H
#define ACCEL_NUMERICS_REQUANTIZE_H

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace accel {
namespace numerics {

/// A real multiplier M > 0 as M ~= multiplier * 2^(exponent - 31), with
/// multiplier in [2^30, 2^31) (or 0 when M underflows).
struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int32_t exponent = 0;
  /// Left shift applied before the high multiply.
  int32_t leftShift() const { return exponent > 0 ? exponent : 0; }
  /// Rounding right shift applied after it.
  int32_t rightShift() const { return exponent > 0 ? 0 : -exponent; }
};

/// QuantizeMultiplier of docs/Numerics.md §2. `realMultiplier` must be finite
/// and > 0; the callers (verifiers, calibration) guarantee positive scales.
inline QuantizedMultiplier quantizeMultiplier(double realMultiplier) {
  QuantizedMultiplier result;
  if (!(realMultiplier > 0.0) || !std::isfinite(realMultiplier))
    return result;
  int exponent = 0;
  double fraction = std::frexp(realMultiplier, &exponent);
  // round() is half away from zero, as the recipe requires.
  int64_t multiplier = static_cast<int64_t>(std::round(fraction * 2147483648.0));
  if (multiplier == (int64_t(1) << 31)) {
    multiplier = int64_t(1) << 30;
    ++exponent;
  }
  if (exponent < -31) {
    multiplier = 0;
    exponent = 0;
  }
  if (exponent > 30) {
    multiplier = (int64_t(1) << 31) - 1;
    exponent = 30;
  }
  result.multiplier = static_cast<int32_t>(multiplier);
  result.exponent = exponent;
  return result;
}

/// Saturating rounding doubling high multiply: x*m / 2^31 rounded to nearest,
/// ties toward +infinity (NEON SQRDMULH).
inline int32_t saturatingRoundingDoublingHighMul(int32_t x, int32_t m) {
  if (x == INT32_MIN && m == INT32_MIN)
    return INT32_MAX;
  int64_t product = int64_t(x) * int64_t(m) + (int64_t(1) << 30);
  // Arithmetic shift is floor division by 2^31.
  return static_cast<int32_t>(product >> 31);
}

/// x / 2^shift rounded to nearest, ties away from zero; 0 <= shift <= 31.
inline int32_t roundingDivideByPOT(int32_t x, int32_t shift) {
  int32_t mask = static_cast<int32_t>((int64_t(1) << shift) - 1);
  int32_t remainder = x & mask;
  int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> shift) + (remainder > threshold ? 1 : 0);
}

/// Clamps a 64-bit value into int32.
inline int32_t saturateToInt32(int64_t x) {
  return static_cast<int32_t>(
      std::min<int64_t>(std::max<int64_t>(x, INT32_MIN), INT32_MAX));
}

/// MBQM(x, M) = RDBPOT(SRDHM(sat32(x * 2^left), m), right).
inline int32_t multiplyByQuantizedMultiplier(int32_t x,
                                             QuantizedMultiplier qm) {
  int32_t shifted = saturateToInt32(int64_t(x) << qm.leftShift());
  return roundingDivideByPOT(
      saturatingRoundingDoublingHighMul(shifted, qm.multiplier),
      qm.rightShift());
}

/// The full output stage: clamp(zp + MBQM(x, M), qmin, qmax). The addition
/// is done in 64 bits, so the result saturates and never wraps.
inline int32_t requantize(int32_t x, QuantizedMultiplier qm, int32_t zeroPoint,
                          int32_t qmin, int32_t qmax) {
  int64_t value = int64_t(zeroPoint) + multiplyByQuantizedMultiplier(x, qm);
  return static_cast<int32_t>(
      std::min<int64_t>(std::max<int64_t>(value, qmin), qmax));
}

/// Integer mean for quantized average pooling: sum / count rounded to
/// nearest, ties away from zero (TFLite's rule). count > 0.
inline int32_t roundedDivide(int64_t sum, int64_t count) {
  int64_t half = count / 2;
  return static_cast<int32_t>(sum >= 0 ? (sum + half) / count
                                       : (sum - half) / count);
}

} // namespace numerics
} // namespace accel

#endif // ACCEL_NUMERICS_REQUANTIZE_H
