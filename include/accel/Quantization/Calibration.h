//===- Calibration.h - Tensor statistics and clip thresholds ----*- C++ -*-===//
//
// This file declares the numerical half of post-training calibration: the
// statistics gathered for one tensor over a calibration set (range, then a
// histogram of |x|) and the four ways of turning them into the clip threshold
// T of a symmetric quantizer over [-T, T]:
//
//   minmax      T = max |x|; nothing is clipped.
//   percentile  T = the given percentile of |x|, to one bin width.
//   entropy     T minimizing KL(P || Q) between the clipped histogram and its
//               128-level quantization (TensorRT, Migacz, GTC 2017).
//   mse         T minimizing the expected squared error of round-to-nearest
//               with clipping (the objective ACIQ, Banner et al. 2019, solves
//               in closed form for known densities).
//
// Plain C++ over LLVMSupport, no MLIR: accel-calibrate and the unit tests
// link it without the compiler.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_QUANTIZATION_CALIBRATION_H
#define ACCEL_QUANTIZATION_CALIBRATION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace accel::quant {

/// How a tensor's clip threshold is chosen (see the file comment).
enum class CalibrationMethod { MinMax, Percentile, Entropy, Mse };

/// "minmax", "percentile", "entropy", "mse".
llvm::StringRef stringifyCalibrationMethod(CalibrationMethod method);
std::optional<CalibrationMethod>
symbolizeCalibrationMethod(llvm::StringRef name);

constexpr CalibrationMethod kAllCalibrationMethods[] = {
    CalibrationMethod::MinMax, CalibrationMethod::Percentile,
    CalibrationMethod::Entropy, CalibrationMethod::Mse};

/// Histogram of |x| over [0, range] in `numBins` equal bins (TensorRT keeps
/// 2048).  Only magnitudes are kept because every method here picks a
/// symmetric threshold.
class AbsHistogram {
public:
  /// `numBins` must be at least 1; `range` finite and >= 0.
  explicit AbsHistogram(double range = 0, unsigned numBins = 2048);

  /// Adds every value.  |x| beyond the range (the last bin's upper edge)
  /// falls in the last bin, so a histogram built over a stale range still
  /// counts everything; with range 0 everything falls in bin 0.  NaN is
  /// ignored; +-Inf counts as beyond the range.
  void add(llvm::ArrayRef<float> values);
  void addValue(float value);

  double getRange() const { return range; }
  unsigned getNumBins() const { return counts.size(); }
  double getBinWidth() const { return range / counts.size(); }
  llvm::ArrayRef<uint64_t> getCounts() const { return counts; }
  uint64_t getTotal() const { return total; }

  /// A histogram with the given counts, one bin per element (at least one).
  static AbsHistogram fromCounts(double range, std::vector<uint64_t> counts);

private:
  double range;
  std::vector<uint64_t> counts;
  uint64_t total = 0;
};

/// Running statistics of one tensor over a calibration set.  Two passes,
/// because the histogram's range must be known before the first value is
/// binned: observeRange() over every batch first, then startHistogram() and
/// observeHistogram() over the same batches again.
struct TensorStats {
  /// Over the finite values only; +inf/-inf until one is seen.
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  /// Every value observed by observeRange(), finite or not.
  uint64_t count = 0;
  /// How many of those were NaN or +-Inf.
  uint64_t nonFinite = 0;
  AbsHistogram histogram;

  /// Updates min, max, count and nonFinite.
  void observeRange(llvm::ArrayRef<float> values);
  /// Resets the histogram to `numBins` bins over [0, getAbsMax()].
  void startHistogram(unsigned numBins);
  /// Bins the finite values; non-finite ones were counted by observeRange().
  void observeHistogram(llvm::ArrayRef<float> values);
  /// max(|min|, |max|), or 0 before any finite value.
  double getAbsMax() const;
};

// Clip thresholds T >= 0 for a symmetric quantizer over [-T, T].  Each
// returns 0 for an empty histogram or one of range 0: a tensor that is
// always zero needs no range.

/// The histogram's range, i.e. the absolute maximum.
double minMaxThreshold(const AbsHistogram &histogram);

/// The smallest upper bin edge with at least `percentile`% (in (0, 100]) of
/// the values at or below it: the percentile of |x| rounded up to a bin edge.
double percentileThreshold(const AbsHistogram &histogram, double percentile);

/// TensorRT's KL-divergence search: among the candidate thresholds i * width
/// for i in [numQuantBins, numBins], the one whose clipped distribution loses
/// the least information when quantized to `numQuantBins` levels (the first
/// of equals).  P is the first i bins with the rest added to bin i - 1; Q
/// merges them into levels that partition the i bins evenly and spreads each
/// level over its bins where P is non-zero; both are smoothed as MXNet and
/// TVM do before KL(P || Q).  The range when the histogram has fewer than
/// `numQuantBins` bins.
double entropyThreshold(const AbsHistogram &histogram,
                        unsigned numQuantBins = 128);

/// Among the upper bin edges T, the one minimizing the expected squared
/// error of x -> clamp(round(|x| / step), 0, numLevels) * step with
/// step = T / numLevels (127 for int8), each bin's count taken as spread
/// uniformly over the bin.
double mseThreshold(const AbsHistogram &histogram, unsigned numLevels = 127);

/// Dispatches to the functions above with their default level counts;
/// `percentile` is used by CalibrationMethod::Percentile only.
double computeThreshold(CalibrationMethod method, const AbsHistogram &histogram,
                        double percentile);

} // namespace accel::quant

#endif // ACCEL_QUANTIZATION_CALIBRATION_H
