//===- CalibrationTable.h - Calibration results as JSON ---------*- C++ -*-===//
//
// This file declares the calibration table: what accel-calibrate measured for
// every tensor of one function, and the JSON file that carries it to
// accel-quantize.  A table holds all four thresholds of every tensor so that
// the method can be chosen (and compared) at quantization time without
// running the model again.
//
// The file format, version 1 (the // notes are not part of it):
//
//   { "format": "accel-calibration-table", "version": 1,
//     "entry": "main",          // the calibrated function
//     "samples": 720,           // calibration inputs (batch rows) seen
//     "batches": 2,             // model invocations
//     "bins": 2048,             // histogram bins per tensor
//     "percentile": 99.99,      // the percentile method's parameter
//     "tensors": [              // in model order
//       { "name": "fc1", "min": -3.1, "max": 4.2, "count": 23040,
//         "thresholds": {"minmax": 4.2, "percentile": 3.9,
//                        "entropy": 3.1, "mse": 2.8},
//         "histogram_range": 4.2,          // optional, with "histogram"
//         "histogram": [ ...counts... ] }  // "bins" counts of |x|
//     ] }
//
// Every field except the histogram pair is required and unknown fields are
// errors, as in target descriptions: a misspelt field is a mistake, not a
// default.  Numbers must be finite (JSON cannot spell NaN; a number too large
// for a double, such as 1e999, is rejected as non-finite), thresholds >= 0,
// min <= max, and tensor names unique.  Every reading error names the file
// and, where there is one, the tensor and the field.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_QUANTIZATION_CALIBRATIONTABLE_H
#define ACCEL_QUANTIZATION_CALIBRATIONTABLE_H

#include "accel/Quantization/Calibration.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace accel::quant {

/// What calibration found for one tensor.
struct TensorCalibration {
  std::string name;
  /// Over the finite values seen.
  double min = 0;
  double max = 0;
  /// Values seen (elements times batches).
  uint64_t count = 0;
  /// Keyed by stringifyCalibrationMethod(); all four are present.
  std::map<std::string, double> thresholds;
  /// The |x| histogram the thresholds came from; empty when the table was
  /// written without histograms.
  double histogramRange = 0;
  std::vector<uint64_t> histogram;

  bool operator==(const TensorCalibration &other) const;
};

/// The calibration of one function over one calibration set.
struct CalibrationTable {
  std::string entry;
  uint64_t samples = 0;
  unsigned batches = 0;
  unsigned bins = 2048;
  double percentile = 99.99;
  /// In model order.
  std::vector<TensorCalibration> tensors;

  /// The tensor called `name`, or null.
  const TensorCalibration *lookup(llvm::StringRef name) const;

  bool operator==(const CalibrationTable &other) const;
};

/// The entry of one tensor: its range and all four thresholds computed from
/// its histogram.  Fails, naming the tensor, when no value was observed, when
/// any observed value was NaN or Inf (quantizing such a tensor would hide the
/// problem), when the range is not finite, when the histogram does not hold
/// the finite values the range pass saw, or when `percentile` is not in
/// (0, 100].
llvm::Expected<TensorCalibration>
summarize(llvm::StringRef name, const TensorStats &stats, double percentile);

/// The table as a JSON value.  Objects print with sorted keys; use
/// writeCalibrationTable() for the documented field order.  All numbers must
/// be finite (summarize() guarantees it): JSON has no spelling for NaN.
llvm::json::Value toJSON(const CalibrationTable &table);

/// The table as indented JSON text in the documented field order, each
/// histogram on one line.
std::string writeCalibrationTable(const CalibrationTable &table);

/// Reads a table from JSON text; `fileName` prefixes every error message.
llvm::Expected<CalibrationTable>
parseCalibrationTable(llvm::StringRef text, llvm::StringRef fileName);

/// Reads a table from a file ("cannot read '<path>': ..." if it cannot).
llvm::Expected<CalibrationTable> readCalibrationTable(llvm::StringRef path);

} // namespace accel::quant

#endif // ACCEL_QUANTIZATION_CALIBRATIONTABLE_H
