//===- Calibration.cpp - Tensor statistics and clip thresholds ------------===//
//
// This file implements the |x| histogram, the two-pass tensor statistics and
// the four threshold searches declared in Calibration.h.  The searches are
// quadratic in the number of bins (about two million bin visits for 2048
// bins) and allocate once per call, not once per candidate.
//
//===----------------------------------------------------------------------===//
#include "accel/Quantization/Calibration.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ErrorHandling.h"

#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>

using namespace accel;
using namespace accel::quant;

llvm::StringRef quant::stringifyCalibrationMethod(CalibrationMethod method) {
  switch (method) {
  case CalibrationMethod::MinMax:
    return "minmax";
  case CalibrationMethod::Percentile:
    return "percentile";
  case CalibrationMethod::Entropy:
    return "entropy";
  case CalibrationMethod::Mse:
    return "mse";
  }
  llvm_unreachable("unknown calibration method");
}

std::optional<CalibrationMethod>
quant::symbolizeCalibrationMethod(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<CalibrationMethod>>(name)
      .Case("minmax", CalibrationMethod::MinMax)
      .Case("percentile", CalibrationMethod::Percentile)
      .Case("entropy", CalibrationMethod::Entropy)
      .Case("mse", CalibrationMethod::Mse)
      .Default(std::nullopt);
}

//===----------------------------------------------------------------------===//
// AbsHistogram
//===----------------------------------------------------------------------===//

AbsHistogram::AbsHistogram(double range, unsigned numBins)
    : range(range), counts(numBins, 0) {
  assert(numBins > 0 && "a histogram needs at least one bin");
  assert(std::isfinite(range) && range >= 0 && "range must be finite, >= 0");
}

void AbsHistogram::addValue(float value) {
  if (std::isnan(value))
    return;
  double magnitude = std::fabs(static_cast<double>(value));
  unsigned last = counts.size() - 1;
  unsigned bin = 0;
  if (range > 0) {
    // Compare before converting: the quotient of an Inf (or of a value far
    // beyond a tiny range) does not fit an unsigned.
    bin = magnitude >= range
              ? last
              : std::min(last, static_cast<unsigned>(magnitude / range *
                                                     counts.size()));
  }
  ++counts[bin];
  ++total;
}

void AbsHistogram::add(llvm::ArrayRef<float> values) {
  for (float value : values)
    addValue(value);
}

AbsHistogram AbsHistogram::fromCounts(double range,
                                      std::vector<uint64_t> counts) {
  AbsHistogram histogram(range, counts.size());
  histogram.total = std::accumulate(counts.begin(), counts.end(), uint64_t(0));
  histogram.counts = std::move(counts);
  return histogram;
}

/// The upper edge of the first `numBelow` bins.  Exactly the range for all of
/// them, so that "no clipping" compares equal to the min-max threshold.
static double upperEdge(const AbsHistogram &histogram, unsigned numBelow) {
  unsigned numBins = histogram.getNumBins();
  if (numBelow >= numBins)
    return histogram.getRange();
  return histogram.getRange() * numBelow / numBins;
}

static bool isEmpty(const AbsHistogram &histogram) {
  return histogram.getTotal() == 0 || histogram.getRange() == 0;
}

//===----------------------------------------------------------------------===//
// TensorStats
//===----------------------------------------------------------------------===//

void TensorStats::observeRange(llvm::ArrayRef<float> values) {
  count += values.size();
  for (float value : values) {
    if (!std::isfinite(value)) {
      ++nonFinite;
      continue;
    }
    min = std::min(min, static_cast<double>(value));
    max = std::max(max, static_cast<double>(value));
  }
}

void TensorStats::startHistogram(unsigned numBins) {
  histogram = AbsHistogram(getAbsMax(), numBins);
}

void TensorStats::observeHistogram(llvm::ArrayRef<float> values) {
  for (float value : values)
    if (std::isfinite(value))
      histogram.addValue(value);
}

double TensorStats::getAbsMax() const {
  if (min > max)
    return 0;
  return std::max(std::fabs(min), std::fabs(max));
}

//===----------------------------------------------------------------------===//
// Min-max and percentile
//===----------------------------------------------------------------------===//

double quant::minMaxThreshold(const AbsHistogram &histogram) {
  return isEmpty(histogram) ? 0 : histogram.getRange();
}

double quant::percentileThreshold(const AbsHistogram &histogram,
                                  double percentile) {
  assert(percentile > 0 && percentile <= 100 && "percentile not in (0, 100]");
  if (isEmpty(histogram))
    return 0;
  double wanted = percentile / 100 * histogram.getTotal();
  uint64_t atOrBelow = 0;
  for (auto [bin, count] : llvm::enumerate(histogram.getCounts())) {
    atOrBelow += count;
    if (atOrBelow >= wanted)
      return upperEdge(histogram, bin + 1);
  }
  return histogram.getRange();
}

//===----------------------------------------------------------------------===//
// Entropy (KL divergence)
//===----------------------------------------------------------------------===//

/// Smoothing of MXNet's `_smooth_distribution` and TVM's `SmoothDistribution`
/// (kl_divergence.cc): every zero entry becomes kSmoothingEps, taken evenly
/// from the non-zero entries so that the total is unchanged.  Applied to
/// counts, before normalizing, as they do.
static constexpr double kSmoothingEps = 1e-4;

/// What smoothing subtracts from each non-zero entry of `dist`, or nullopt
/// when `dist` is all zeros and cannot be made a distribution.
static std::optional<double> smoothingShift(llvm::ArrayRef<double> dist) {
  size_t numZeros = llvm::count(dist, 0.0);
  if (numZeros == dist.size())
    return std::nullopt;
  return kSmoothingEps * numZeros / (dist.size() - numZeros);
}

/// Q of TensorRT's search: `clipped` merged into `numQuantBins` levels and
/// expanded back, each level's total spread evenly over the bins where
/// `reference` is non-zero, so that Q is zero wherever P is.
///
/// Bin j belongs to level floor(j * numQuantBins / size), the even partition
/// NVIDIA's pytorch-quantization uses (np.digitize over np.linspace).  MXNet
/// and TVM instead give every level floor(size / numQuantBins) bins and the
/// rest to the last level; for size just under 2 * numQuantBins that leaves
/// every level but the last lossless and squeezes half the kept range into
/// the last one, so the search is drawn to twice the range the data needs
/// (12.5 sigma rather than 6.25 for the normal body with far outliers of
/// the unit tests).
static void quantizeReference(llvm::ArrayRef<uint64_t> clipped,
                              llvm::ArrayRef<double> reference,
                              unsigned numQuantBins,
                              llvm::MutableArrayRef<double> candidate) {
  size_t size = clipped.size();
  // Level g holds the bins j with g * size <= j * numQuantBins, below
  // (g + 1) * size: [ceil(g * size / n), ceil((g + 1) * size / n)).
  auto levelBegin = [&](size_t level) {
    return (level * size + numQuantBins - 1) / numQuantBins;
  };
  for (unsigned level = 0; level < numQuantBins; ++level) {
    size_t begin = levelBegin(level), end = levelBegin(level + 1);
    double levelTotal = 0;
    unsigned numNonZero = 0;
    for (size_t j = begin; j < end; ++j) {
      levelTotal += clipped[j];
      numNonZero += reference[j] != 0;
    }
    double share = numNonZero ? levelTotal / numNonZero : 0;
    for (size_t j = begin; j < end; ++j)
      candidate[j] = reference[j] != 0 ? share : 0;
  }
}

/// KL(P || Q) of the candidate that keeps the first `clipped.size()` bins and
/// folds `outliers` into the last one.  Infinite when smoothing cannot make
/// both sides distributions.  The storage vectors are scratch of at least
/// `clipped.size()` elements, reused across candidates.
static double clippingDivergence(llvm::ArrayRef<uint64_t> clipped,
                                 uint64_t outliers, unsigned numQuantBins,
                                 std::vector<double> &pStorage,
                                 std::vector<double> &qStorage) {
  size_t size = clipped.size();
  llvm::MutableArrayRef<double> p(pStorage.data(), size);
  llvm::MutableArrayRef<double> q(qStorage.data(), size);
  llvm::copy(clipped, p.begin());
  p.back() += outliers;
  quantizeReference(clipped, p, numQuantBins, q);

  // P > 0 where Q == 0 happens when the last level held nothing but the
  // outliers folded into P: unsmoothed, that candidate would be infinitely
  // bad.  Smoothed (see kSmoothingEps), clipping pays a large but finite
  // penalty, which is what lets the search cut off far outliers that are
  // separated from the body by empty bins.
  std::optional<double> pShift = smoothingShift(p);
  std::optional<double> qShift = smoothingShift(q);
  if (!pShift || !qShift)
    return std::numeric_limits<double>::infinity();
  double pTotal = 0, qTotal = 0, sum = 0;
  for (size_t j = 0; j < size; ++j) {
    double pj = p[j] == 0 ? kSmoothingEps : p[j] - *pShift;
    double qj = q[j] == 0 ? kSmoothingEps : q[j] - *qShift;
    if (pj <= 0 || qj <= 0)
      return std::numeric_limits<double>::infinity();
    pTotal += pj;
    qTotal += qj;
    sum += pj * std::log(pj / qj);
  }
  // sum_j (p_j/P) log((p_j/P) / (q_j/Q)) with P, Q the totals, in one pass.
  return sum / pTotal + std::log(qTotal / pTotal);
}

double quant::entropyThreshold(const AbsHistogram &histogram,
                               unsigned numQuantBins) {
  assert(numQuantBins > 0 && "need at least one quantization level");
  if (isEmpty(histogram))
    return 0;
  llvm::ArrayRef<uint64_t> counts = histogram.getCounts();
  unsigned numBins = counts.size();
  if (numBins < numQuantBins)
    return histogram.getRange();

  std::vector<double> p(numBins), q(numBins);
  uint64_t outliers =
      std::accumulate(counts.begin() + numQuantBins, counts.end(), uint64_t(0));
  double best = std::numeric_limits<double>::infinity();
  unsigned bestNumBins = numBins;
  for (unsigned kept = numQuantBins; kept <= numBins; ++kept) {
    double divergence = clippingDivergence(counts.take_front(kept), outliers,
                                           numQuantBins, p, q);
    // Strictly smaller: ties keep the tighter threshold, as np.argmin does.
    if (divergence < best) {
      best = divergence;
      bestNumBins = kept;
    }
    if (kept < numBins)
      outliers -= counts[kept];
  }
  return upperEdge(histogram, bestNumBins);
}

//===----------------------------------------------------------------------===//
// Mean squared error
//===----------------------------------------------------------------------===//

namespace {
/// Integrals of the squared error of x -> clamp(round(x / step), 0,
/// numLevels) * step against x, for x >= 0.
class QuantizationError {
public:
  QuantizationError(double threshold, unsigned numLevels)
      : threshold(threshold), step(threshold / numLevels),
        cellIntegral(step * step * step / 12) {}

  /// The integral of the rounding error over [a, b], b <= threshold.
  double rounding(double a, double b) const {
    return antiderivative(b) - antiderivative(a);
  }
  /// The integral of the clipping error (x - T)^2 over [a, b], a >= T.
  double clipping(double a, double b) const {
    double hi = b - threshold, lo = a - threshold;
    return (hi * hi * hi - lo * lo * lo) / 3;
  }

private:
  /// F(x) = integral over [0, x] of (t - step * round(t / step))^2.  Cell m
  /// of the rounding is [(m - 1/2) step, (m + 1/2) step) and holds
  /// step^3 / 12; cell 0 holds half of that.  With x = m step + r, the cells
  /// below x and the part of cell m up to x add up to m step^3 / 12 + r^3 / 3.
  double antiderivative(double x) const {
    double cell = std::floor(x / step + 0.5);
    double r = x - cell * step;
    return cell * cellIntegral + r * r * r / 3;
  }

  double threshold, step, cellIntegral;
};
} // namespace

/// Expected squared error (times the bin width) of quantizing `counts`, bin
/// j spread uniformly over [edges[j], edges[j + 1]], with the threshold at
/// edges[kept].
static double quantizationError(llvm::ArrayRef<uint64_t> counts,
                                llvm::ArrayRef<double> edges, unsigned kept,
                                unsigned numLevels) {
  QuantizationError error(edges[kept], numLevels);
  double sum = 0;
  for (auto [bin, count] : llvm::enumerate(counts)) {
    if (count == 0)
      continue;
    double a = edges[bin], b = edges[bin + 1];
    sum += count * (bin < kept ? error.rounding(a, b) : error.clipping(a, b));
  }
  return sum;
}

double quant::mseThreshold(const AbsHistogram &histogram, unsigned numLevels) {
  assert(numLevels > 0 && "need at least one quantization level");
  if (isEmpty(histogram))
    return 0;
  // Spreading each bin uniformly, rather than putting its mass at the bin
  // centre, matters when the step is near the bin width: point masses alias
  // with the rounding grid and make the error jump between neighbouring
  // candidates.
  unsigned numBins = histogram.getNumBins();
  std::vector<double> edges(numBins + 1);
  for (unsigned i = 0; i <= numBins; ++i)
    edges[i] = upperEdge(histogram, i);
  double best = std::numeric_limits<double>::infinity();
  unsigned bestKept = numBins;
  for (unsigned kept = 1; kept <= numBins; ++kept) {
    double error =
        quantizationError(histogram.getCounts(), edges, kept, numLevels);
    if (error < best) {
      best = error;
      bestKept = kept;
    }
  }
  return edges[bestKept];
}

double quant::computeThreshold(CalibrationMethod method,
                               const AbsHistogram &histogram,
                               double percentile) {
  switch (method) {
  case CalibrationMethod::MinMax:
    return minMaxThreshold(histogram);
  case CalibrationMethod::Percentile:
    return percentileThreshold(histogram, percentile);
  case CalibrationMethod::Entropy:
    return entropyThreshold(histogram);
  case CalibrationMethod::Mse:
    return mseThreshold(histogram);
  }
  llvm_unreachable("unknown calibration method");
}
