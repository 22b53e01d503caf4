//===- CalibrationTest.cpp - thresholds with known answers ----------------===//
//
// This file tests the |x| histogram, the two-pass tensor statistics and the
// four threshold searches.  Most histograms are built from the closed-form
// CDF of |x| rather than from samples, so the expected thresholds are exact
// quantiles and analytic optima computed here, not outputs of the code under
// test; a few sampled cases (fixed seeds) check the same through
// TensorStats.
//
//===----------------------------------------------------------------------===//
#include "accel/Quantization/Calibration.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <random>

using namespace accel::quant;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr float kInfF = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

/// A histogram of |x| for the distribution whose |x| has CDF `cdf`: bin j
/// gets round(total * (cdf(hi) - cdf(lo))), the last bin everything above
/// its lower edge, as AbsHistogram::add() would bin samples.
AbsHistogram histogramFromCdf(const std::function<double(double)> &cdf,
                              double range, unsigned numBins, double total) {
  std::vector<uint64_t> counts(numBins);
  for (unsigned j = 0; j < numBins; ++j) {
    double lo = cdf(range * j / numBins);
    double hi = j + 1 == numBins ? 1.0 : cdf(range * (j + 1) / numBins);
    counts[j] = std::llround(total * (hi - lo));
  }
  return AbsHistogram::fromCounts(range, std::move(counts));
}

/// |x| of Laplace(0, b) is exponential with mean b.
double laplaceAbsCdf(double x, double b) { return 1 - std::exp(-x / b); }
/// |x| of N(0, sigma^2) is half-normal.
double normalAbsCdf(double x, double sigma) {
  return std::erf(x / (sigma * std::sqrt(2.0)));
}

/// The minimum of a unimodal function on [lo, hi], by golden-section search.
double goldenSectionMinimum(const std::function<double(double)> &f, double lo,
                            double hi) {
  const double invPhi = (std::sqrt(5.0) - 1) / 2;
  double a = hi - invPhi * (hi - lo), b = lo + invPhi * (hi - lo);
  for (int i = 0; i < 200; ++i) {
    if (f(a) < f(b)) {
      hi = b;
      b = a;
      a = hi - invPhi * (hi - lo);
    } else {
      lo = a;
      a = b;
      b = lo + invPhi * (hi - lo);
    }
  }
  return (lo + hi) / 2;
}

// Expected squared error of the 127-level symmetric quantizer clipped at
// alpha (step alpha / 127), the objective of mseThreshold: clipping error
// 2 * integral_alpha^inf (x - alpha)^2 f(x) dx plus rounding error
// step^2 / 12 for the mass inside, as in ACIQ (Banner et al. 2019).

/// Laplace(0, b): 2 * integral_alpha^inf (x - alpha)^2 e^(-x/b) / (2b) dx
/// = 2 b^2 e^(-alpha/b).
double laplaceMse(double alpha, double b) {
  double outside = std::exp(-alpha / b);
  double step = alpha / 127;
  return 2 * b * b * outside + step * step / 12 * (1 - outside);
}

/// N(0, sigma^2): with a = alpha / sigma, phi the density and Q the upper
/// tail of N(0, 1), integral_a^inf (x - a)^2 phi(x) dx = (1 + a^2) Q(a)
/// - a phi(a) (expand the square; integral x^2 phi = a phi(a) + Q(a),
/// integral x phi = phi(a)).
double normalMse(double alpha, double sigma) {
  double a = alpha / sigma;
  double tail = 0.5 * std::erfc(a / std::sqrt(2.0));
  double density = std::exp(-a * a / 2) / std::sqrt(2 * kPi);
  double clip = 2 * sigma * sigma * ((1 + a * a) * tail - a * density);
  double step = alpha / 127;
  return clip + step * step / 12 * (1 - 2 * tail);
}

/// TensorRT's search written out the slow, obvious way: fresh vectors per
/// candidate, level membership by scanning, smoothing and normalization as
/// separate steps.  The reference for entropyThreshold.
double naiveEntropyThreshold(const std::vector<uint64_t> &counts, double range,
                             unsigned numQuantBins) {
  auto smooth = [](std::vector<double> &dist) {
    double zeros = std::count(dist.begin(), dist.end(), 0.0);
    if (zeros == dist.size())
      return false;
    double shift = 1e-4 * zeros / (dist.size() - zeros);
    for (double &v : dist)
      v = v == 0 ? 1e-4 : v - shift;
    double sum = 0;
    for (double v : dist) {
      if (v <= 0)
        return false;
      sum += v;
    }
    for (double &v : dist)
      v /= sum;
    return true;
  };
  size_t numBins = counts.size();
  double best = kInf;
  size_t bestKept = numBins;
  for (size_t kept = numQuantBins; kept <= numBins; ++kept) {
    std::vector<double> p(counts.begin(), counts.begin() + kept);
    for (size_t j = kept; j < numBins; ++j)
      p[kept - 1] += counts[j];
    std::vector<double> q(kept, 0.0);
    for (size_t level = 0; level < numQuantBins; ++level) {
      double total = 0, nonZero = 0;
      for (size_t j = 0; j < kept; ++j)
        if (j * numQuantBins / kept == level) {
          total += counts[j];
          nonZero += p[j] != 0;
        }
      for (size_t j = 0; j < kept; ++j)
        if (j * numQuantBins / kept == level && p[j] != 0)
          q[j] = total / nonZero;
    }
    if (!smooth(p) || !smooth(q))
      continue;
    double divergence = 0;
    for (size_t j = 0; j < kept; ++j)
      divergence += p[j] * std::log(p[j] / q[j]);
    if (divergence < best) {
      best = divergence;
      bestKept = kept;
    }
  }
  return bestKept == numBins ? range : range * bestKept / numBins;
}

//===----------------------------------------------------------------------===//
// Names, histogram, statistics
//===----------------------------------------------------------------------===//

TEST(CalibrationMethod, SpellingsRoundTrip) {
  for (CalibrationMethod method : kAllCalibrationMethods)
    EXPECT_EQ(symbolizeCalibrationMethod(stringifyCalibrationMethod(method)),
              method);
  EXPECT_EQ(stringifyCalibrationMethod(CalibrationMethod::MinMax), "minmax");
  EXPECT_EQ(stringifyCalibrationMethod(CalibrationMethod::Percentile),
            "percentile");
  EXPECT_EQ(stringifyCalibrationMethod(CalibrationMethod::Entropy), "entropy");
  EXPECT_EQ(stringifyCalibrationMethod(CalibrationMethod::Mse), "mse");
  EXPECT_FALSE(symbolizeCalibrationMethod("kl").has_value());
  EXPECT_FALSE(symbolizeCalibrationMethod("MinMax").has_value());
  EXPECT_EQ(std::size(kAllCalibrationMethods), 4u);
}

TEST(AbsHistogram, BinsMagnitudes) {
  AbsHistogram h(/*range=*/4, /*numBins=*/4);
  EXPECT_DOUBLE_EQ(h.getBinWidth(), 1.0);
  // Lower edges belong to their bin; the range itself, anything beyond it
  // and infinities land in the last bin; NaN is not counted.
  h.add({0.0f, 0.99f, -1.0f, 2.5f, -3.99f, 4.0f, 100.0f, -kInfF, kNaN});
  EXPECT_EQ(std::vector<uint64_t>(h.getCounts().begin(), h.getCounts().end()),
            (std::vector<uint64_t>{2, 1, 1, 4}));
  EXPECT_EQ(h.getTotal(), 8u);
}

TEST(AbsHistogram, ZeroRangePutsEverythingInBinZero) {
  AbsHistogram h(0, 16);
  h.add({0.0f, -0.0f, 3.0f});
  EXPECT_EQ(h.getCounts()[0], 3u);
  EXPECT_EQ(h.getTotal(), 3u);
}

TEST(AbsHistogram, FromCounts) {
  AbsHistogram h = AbsHistogram::fromCounts(2.0, {5, 0, 7});
  EXPECT_EQ(h.getNumBins(), 3u);
  EXPECT_EQ(h.getTotal(), 12u);
  EXPECT_DOUBLE_EQ(h.getBinWidth(), 2.0 / 3);
}

TEST(TensorStats, TwoPassesOverBatches) {
  std::vector<std::vector<float>> batches = {{-1.5f, 0.25f, kNaN},
                                             {3.0f, kInfF, -2.0f, 0.0f}};
  TensorStats stats;
  for (const auto &batch : batches)
    stats.observeRange(batch);
  EXPECT_EQ(stats.count, 7u);
  EXPECT_EQ(stats.nonFinite, 2u);
  EXPECT_EQ(stats.min, -2.0);
  EXPECT_EQ(stats.max, 3.0);
  EXPECT_EQ(stats.getAbsMax(), 3.0);

  stats.startHistogram(3);
  for (const auto &batch : batches)
    stats.observeHistogram(batch);
  EXPECT_EQ(stats.histogram.getRange(), 3.0);
  // |x| = 1.5, 0.25, 3, 2, 0 in bins of width 1; non-finite values skipped.
  EXPECT_EQ(std::vector<uint64_t>(stats.histogram.getCounts().begin(),
                                  stats.histogram.getCounts().end()),
            (std::vector<uint64_t>{2, 1, 2}));
}

TEST(TensorStats, AbsMaxIsZeroWithoutFiniteValues) {
  TensorStats stats;
  EXPECT_EQ(stats.getAbsMax(), 0.0);
  stats.observeRange({kNaN, -kInfF});
  EXPECT_EQ(stats.getAbsMax(), 0.0);
  EXPECT_EQ(stats.nonFinite, 2u);
}

//===----------------------------------------------------------------------===//
// Min-max and percentile
//===----------------------------------------------------------------------===//

TEST(MinMaxThreshold, IsTheAbsoluteMaximumOfSamples) {
  std::mt19937_64 rng(7);
  std::normal_distribution<float> normal(0.5f, 2.0f);
  std::vector<float> values(10000);
  for (float &v : values)
    v = normal(rng);
  TensorStats stats;
  stats.observeRange(values);
  stats.startHistogram(2048);
  stats.observeHistogram(values);
  double absMax = 0;
  for (float v : values)
    absMax = std::max(absMax, std::fabs(double(v)));
  EXPECT_EQ(minMaxThreshold(stats.histogram), absMax);
  // The maximum itself lands in the last bin.
  EXPECT_GE(stats.histogram.getCounts().back(), 1u);
}

TEST(PercentileThreshold, UniformIsWithinOneBin) {
  const unsigned numBins = 2048;
  AbsHistogram h = histogramFromCdf([](double x) { return std::min(x, 1.0); },
                                    1.0, numBins, 1e9);
  double width = h.getBinWidth();
  for (double p : {50.0, 99.0, 99.99}) {
    double t = percentileThreshold(h, p);
    EXPECT_GE(t, p / 100 - 1e-12) << p;
    EXPECT_LT(t, p / 100 + width) << p;
  }
  EXPECT_EQ(percentileThreshold(h, 100), 1.0);
}

TEST(PercentileThreshold, LaplaceQuantile) {
  // |x| ~ Exp(b): the p-quantile is -b ln(1 - p).
  const double b = 0.7;
  AbsHistogram h = histogramFromCdf(
      [&](double x) { return laplaceAbsCdf(x, b); }, 20 * b, 2048, 1e10);
  for (double p : {0.9, 0.999, 0.9999}) {
    double quantile = -b * std::log(1 - p);
    double t = percentileThreshold(h, p * 100);
    EXPECT_GE(t, quantile - 1e-12) << p;
    EXPECT_LT(t, quantile + h.getBinWidth()) << p;
  }
}

TEST(PercentileThreshold, SampledNormal) {
  // The 99% quantile of |x| for N(0, 1) is z(0.995) = 2.5758.  With 1e6
  // samples its standard error is sqrt(0.01 * 0.99 / 1e6) / (2 phi(2.5758))
  // = 0.0034; allow about six of them plus a bin.
  std::mt19937_64 rng(42);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> values(1000000);
  for (float &v : values)
    v = normal(rng);
  TensorStats stats;
  stats.observeRange(values);
  stats.startHistogram(2048);
  stats.observeHistogram(values);
  EXPECT_NEAR(percentileThreshold(stats.histogram, 99.0), 2.5758, 0.02);
}

//===----------------------------------------------------------------------===//
// Mean squared error
//===----------------------------------------------------------------------===//

TEST(MseThreshold, UniformClipsOnlyAFraction) {
  // x ~ U(-R, R) with R = 1: MSE(T) = T step^2 / 12 + (1 - T)^3 / 3 with
  // step = T / 127.  MSE'(T) = T^2 / (4 * 127^2) - (1 - T)^2 = 0 gives
  // 1 - T = T / 254, T* = 254 / 255: clipping pays, but only just.
  AbsHistogram h = histogramFromCdf([](double x) { return std::min(x, 1.0); },
                                    1.0, 2048, 2048e6);
  double expected = 254.0 / 255;
  EXPECT_NEAR(mseThreshold(h), expected, h.getBinWidth());
  EXPECT_LT(mseThreshold(h), 1.0);
}

TEST(MseThreshold, LaplaceMatchesAnalyticOptimum) {
  const double b = 1.3;
  double optimum = goldenSectionMinimum(
      [&](double alpha) { return laplaceMse(alpha, b); }, 2 * b, 20 * b);
  // ACIQ's 8-bit Laplace clip is 9.89 b (step 2 alpha / 256 rather than
  // alpha / 127): the objective above is the same one.
  EXPECT_NEAR(optimum / b, 9.89, 0.02);
  // 24 b leaves e^-24 of the mass beyond the range, too little to move T.
  AbsHistogram h = histogramFromCdf(
      [&](double x) { return laplaceAbsCdf(x, b); }, 24 * b, 2048, 1e10);
  EXPECT_NEAR(mseThreshold(h), optimum, h.getBinWidth());
}

TEST(MseThreshold, NormalMatchesAnalyticOptimum) {
  const double sigma = 0.25;
  double optimum = goldenSectionMinimum(
      [&](double alpha) { return normalMse(alpha, sigma); }, sigma, 8 * sigma);
  // ACIQ's 8-bit Gaussian clip is 3.92 sigma.
  EXPECT_NEAR(optimum / sigma, 3.92, 0.02);
  AbsHistogram h = histogramFromCdf(
      [&](double x) { return normalAbsCdf(x, sigma); }, 8 * sigma, 2048, 1e10);
  EXPECT_NEAR(mseThreshold(h), optimum, h.getBinWidth());
}

/// N(0, 1) plus a fraction kOutlierMass of the mass at 100 sigma.
constexpr double kOutlierMass = 1e-5;
static AbsHistogram gaussianWithOutliers() {
  return histogramFromCdf(
      [](double x) {
        return (1 - kOutlierMass) * normalAbsCdf(x, 1) +
               (x >= 100 ? kOutlierMass : 0);
      },
      100, 2048, 1e9);
}

TEST(MseThreshold, WeighsFarOutliersBySquaredDistance) {
  // N(0, 1) plus a fraction e = 1e-5 of the mass at 100.  For T between the
  // body and the outliers, MSE(T) ~ e (c - T)^2 + (1 - e) (T / 127)^2 / 12
  // with c the outliers' position, minimal at
  // T* = e c / (e + (1 - e) / (12 * 127^2)) ~ 66: unlike entropy, MSE keeps
  // most of the way to rare but far values.  The histogram spreads the
  // outliers over the last bin, so c is its centre.
  const double e = kOutlierMass;
  AbsHistogram h = gaussianWithOutliers();
  double c = 100 - h.getBinWidth() / 2;
  double expected = e * c / (e + (1 - e) / (12.0 * 127 * 127));
  EXPECT_NEAR(mseThreshold(h), expected, h.getBinWidth());
}

//===----------------------------------------------------------------------===//
// Entropy
//===----------------------------------------------------------------------===//

TEST(EntropyThreshold, UniformKeepsTheWholeRange) {
  // Equal counts: without clipping every level averages 16 equal bins, so
  // Q = P and the divergence is 0; every clipping candidate piles the
  // clipped mass into one bin of P and diverges.
  AbsHistogram h =
      AbsHistogram::fromCounts(3.0, std::vector<uint64_t>(2048, 1000));
  EXPECT_EQ(entropyThreshold(h), 3.0);
}

TEST(EntropyThreshold, SampledUniformKeepsMostOfTheRange) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<float> uniform(-2.0f, 2.0f);
  std::vector<float> values(200000);
  for (float &v : values)
    v = uniform(rng);
  TensorStats stats;
  stats.observeRange(values);
  stats.startHistogram(2048);
  stats.observeHistogram(values);
  EXPECT_GE(entropyThreshold(stats.histogram), 0.9 * stats.getAbsMax());
}

TEST(EntropyThreshold, CutsFarOutliers) {
  // N(0, 1) plus 1e-5 of the mass at 100 sigma.  Min-max spends the 8 bits
  // on the outliers; the KL search keeps the body.
  const double e = kOutlierMass;
  AbsHistogram h = gaussianWithOutliers();
  EXPECT_EQ(minMaxThreshold(h), 100.0);
  double t = entropyThreshold(h);
  EXPECT_LT(t, 10.0);
  // The body reaches about 6 sigma at this sample count; never cut inside
  // the bulk of it.
  EXPECT_GT(t, 3.0);
}

TEST(EntropyThreshold, ScalesWithTheDistribution) {
  // The same shape at three scales in one fixed range: thresholds must grow
  // with sigma and, up to the bin grid, in proportion to it.
  std::vector<double> ratios;
  double previous = 0;
  for (double sigma : {0.5, 1.0, 2.0}) {
    AbsHistogram h = histogramFromCdf(
        [&](double x) { return normalAbsCdf(x, sigma); }, 16, 2048, 1e9);
    double t = entropyThreshold(h);
    EXPECT_GT(t, previous) << sigma;
    previous = t;
    ratios.push_back(t / sigma);
  }
  double lo = *std::min_element(ratios.begin(), ratios.end());
  double hi = *std::max_element(ratios.begin(), ratios.end());
  EXPECT_LT(hi / lo, 1.1);
  // Nothing like min-max (16 / sigma) and more than the 2-sigma body.
  EXPECT_GT(lo, 2.0);
  EXPECT_LT(hi, 8.0);
}

TEST(EntropyThreshold, MatchesTheNaiveReference) {
  // Small random histograms with runs of empty bins, and a level count that
  // does not divide the bin counts, exercise the level boundaries, the
  // outlier fold and the smoothing.
  std::mt19937_64 rng(2024);
  for (int trial = 0; trial < 50; ++trial) {
    unsigned numBins = 20 + rng() % 60;
    std::vector<uint64_t> counts(numBins);
    for (uint64_t &c : counts)
      c = rng() % 3 == 0 ? 0 : rng() % 1000;
    counts.back() += rng() % 2 ? 0 : 5000;
    AbsHistogram h = AbsHistogram::fromCounts(5.0, counts);
    EXPECT_DOUBLE_EQ(entropyThreshold(h, 7),
                     naiveEntropyThreshold(counts, 5.0, 7))
        << "trial " << trial;
  }
}

TEST(EntropyThreshold, FewerBinsThanLevelsGivesTheRange) {
  AbsHistogram h = AbsHistogram::fromCounts(2.5, std::vector<uint64_t>(100, 3));
  EXPECT_EQ(entropyThreshold(h), 2.5);
}

//===----------------------------------------------------------------------===//
// Degenerate histograms and dispatch
//===----------------------------------------------------------------------===//

TEST(Thresholds, AllZeroTensorGivesZero) {
  std::vector<float> zeros(1000, 0.0f);
  TensorStats stats;
  stats.observeRange(zeros);
  stats.startHistogram(2048);
  stats.observeHistogram(zeros);
  EXPECT_EQ(stats.histogram.getRange(), 0.0);
  for (CalibrationMethod method : kAllCalibrationMethods)
    EXPECT_EQ(computeThreshold(method, stats.histogram, 99.99), 0.0)
        << stringifyCalibrationMethod(method).str();
}

TEST(Thresholds, EmptyHistogramGivesZero) {
  AbsHistogram h(4.0, 2048);
  for (CalibrationMethod method : kAllCalibrationMethods)
    EXPECT_EQ(computeThreshold(method, h, 99.99), 0.0)
        << stringifyCalibrationMethod(method).str();
}

TEST(Thresholds, SingleBinGivesTheRange) {
  AbsHistogram h = AbsHistogram::fromCounts(5.0, {10});
  for (CalibrationMethod method : kAllCalibrationMethods)
    EXPECT_EQ(computeThreshold(method, h, 99.99), 5.0)
        << stringifyCalibrationMethod(method).str();
}

TEST(Thresholds, ComputeThresholdDispatches) {
  AbsHistogram h = histogramFromCdf(
      [](double x) { return laplaceAbsCdf(x, 1); }, 24, 2048, 1e8);
  EXPECT_EQ(computeThreshold(CalibrationMethod::MinMax, h, 99.9),
            minMaxThreshold(h));
  EXPECT_EQ(computeThreshold(CalibrationMethod::Percentile, h, 99.9),
            percentileThreshold(h, 99.9));
  EXPECT_EQ(computeThreshold(CalibrationMethod::Entropy, h, 99.9),
            entropyThreshold(h));
  EXPECT_EQ(computeThreshold(CalibrationMethod::Mse, h, 99.9), mseThreshold(h));
}

} // namespace
