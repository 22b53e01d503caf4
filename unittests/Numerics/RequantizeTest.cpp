//===- RequantizeTest.cpp - the shared requantization header --------------===//
//
// Checks include/accel/Numerics/Requantize.h against the worked example and
// the rounding rules of docs/Numerics.md, and against an exact rational
// computation of round(x * M) on random inputs.
//
//===----------------------------------------------------------------------===//
#include "accel/Numerics/Requantize.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace accel::numerics;

namespace {

TEST(Requantize, WorkedExampleOfNumericsDoc) {
  QuantizedMultiplier qm = quantizeMultiplier(0.05 * 0.1 / 0.2);
  EXPECT_EQ(qm.multiplier, 1717986918);
  EXPECT_EQ(qm.rightShift(), 5);
  EXPECT_EQ(qm.leftShift(), 0);
  EXPECT_EQ(requantize(1234, qm, -1, -128, 127), 30);
  EXPECT_EQ(requantize(-20, qm, -1, -128, 127), -2);
}

TEST(Requantize, SRDHMRoundsTiesTowardPlusInfinity) {
  EXPECT_EQ(saturatingRoundingDoublingHighMul(1, 1 << 30), 1);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-1, 1 << 30), 0);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN),
            INT32_MAX);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(INT32_MAX, INT32_MAX),
            INT32_MAX - 1);
}

TEST(Requantize, RoundingShiftTiesAwayFromZero) {
  EXPECT_EQ(roundingDivideByPOT(5, 1), 3);   // 2.5 -> 3
  EXPECT_EQ(roundingDivideByPOT(-5, 1), -3); // -2.5 -> -3
  EXPECT_EQ(roundingDivideByPOT(-6, 2), -2); // -1.5 -> -2
  EXPECT_EQ(roundingDivideByPOT(6, 2), 2);   // 1.5 -> 2
  EXPECT_EQ(roundingDivideByPOT(7, 0), 7);
  EXPECT_EQ(roundingDivideByPOT(INT32_MIN, 31), -1);
  EXPECT_EQ(roundingDivideByPOT(INT32_MAX, 31), 1);
}

TEST(Requantize, MultiplierFixups) {
  // f * 2^31 rounds up to 2^31: renormalized to 2^30 with e + 1.
  QuantizedMultiplier up = quantizeMultiplier(std::nextafter(1.0, 0.0));
  EXPECT_EQ(up.multiplier, 1 << 30);
  EXPECT_EQ(up.exponent, 1);
  // Below ~2^-32: zero multiplier, results are the zero point.
  QuantizedMultiplier tiny = quantizeMultiplier(1e-12);
  EXPECT_EQ(tiny.multiplier, 0);
  EXPECT_EQ(requantize(1000000, tiny, 7, -128, 127), 7);
  // Huge: saturated.
  QuantizedMultiplier huge = quantizeMultiplier(1e12);
  EXPECT_EQ(huge.multiplier, INT32_MAX);
  EXPECT_EQ(huge.exponent, 30);
  EXPECT_EQ(requantize(1, huge, 0, -128, 127), 127);
  EXPECT_EQ(requantize(-1, huge, 0, -128, 127), -128);
  // Non-positive or non-finite multipliers never occur from verified
  // scales; they give zero rather than undefined behaviour.
  EXPECT_EQ(quantizeMultiplier(0.0).multiplier, 0);
  EXPECT_EQ(quantizeMultiplier(-1.0).multiplier, 0);
  EXPECT_EQ(quantizeMultiplier(INFINITY).multiplier, 0);
}

TEST(Requantize, OutputSaturatesInsteadOfWrapping) {
  QuantizedMultiplier one = quantizeMultiplier(0.5);
  EXPECT_EQ(requantize(INT32_MAX, one, 100, 0, 255), 255);
  EXPECT_EQ(requantize(INT32_MIN, one, -100, -128, 127), -128);
}

/// MBQM is x * M rounded to nearest up to the error of the 31-bit
/// multiplier: within one unit of the exact product for |x| < 2^24 and
/// M in [2^-20, 1).
TEST(Requantize, CloseToExactProductOnRandomInputs) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int32_t> xs(-(1 << 24), 1 << 24);
  std::uniform_real_distribution<double> exps(-20, 0);
  for (int i = 0; i < 200000; ++i) {
    double m = std::pow(2.0, exps(rng));
    int32_t x = xs(rng);
    QuantizedMultiplier qm = quantizeMultiplier(m);
    double exact = double(x) * m;
    int32_t got = multiplyByQuantizedMultiplier(x, qm);
    ASSERT_LE(std::fabs(got - exact), 1.0)
        << "x=" << x << " M=" << m << " got " << got << " exact " << exact;
  }
}

TEST(Requantize, RoundedDivideTiesAwayFromZero) {
  EXPECT_EQ(roundedDivide(3, 2), 2);
  EXPECT_EQ(roundedDivide(-3, 2), -2);
  EXPECT_EQ(roundedDivide(1, 4), 0);
  EXPECT_EQ(roundedDivide(2, 4), 1);
  EXPECT_EQ(roundedDivide(-2, 4), -1);
  EXPECT_EQ(roundedDivide(5, 3), 2);
}

} // namespace
