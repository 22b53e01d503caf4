//===- CalibrationTableTest.cpp - table entries and their JSON ------------===//
//
// This file tests summarize(), the writer and the strict reader of
// calibration tables: round trips, and one error message per kind of bad
// input.
//
//===----------------------------------------------------------------------===//
#include "accel/Quantization/CalibrationTable.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace accel::quant;

namespace {

template <typename T> std::string errorOf(llvm::Expected<T> value) {
  if (value)
    return "<no error>";
  return llvm::toString(value.takeError());
}

TensorStats statsOf(llvm::ArrayRef<float> values, unsigned numBins = 2048) {
  TensorStats stats;
  stats.observeRange(values);
  stats.startHistogram(numBins);
  stats.observeHistogram(values);
  return stats;
}

//===----------------------------------------------------------------------===//
// summarize
//===----------------------------------------------------------------------===//

TEST(Summarize, ComputesEveryThreshold) {
  std::mt19937_64 rng(3);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> values(50000);
  for (float &v : values)
    v = normal(rng);
  TensorStats stats = statsOf(values);
  llvm::Expected<TensorCalibration> entry = summarize("fc1", stats, 99.9);
  ASSERT_TRUE(static_cast<bool>(entry)) << llvm::toString(entry.takeError());
  EXPECT_EQ(entry->name, "fc1");
  EXPECT_EQ(entry->min, stats.min);
  EXPECT_EQ(entry->max, stats.max);
  EXPECT_EQ(entry->count, values.size());
  ASSERT_EQ(entry->thresholds.size(), 4u);
  for (CalibrationMethod method : kAllCalibrationMethods)
    EXPECT_EQ(entry->thresholds.at(stringifyCalibrationMethod(method).str()),
              computeThreshold(method, stats.histogram, 99.9));
  EXPECT_EQ(entry->thresholds.at("minmax"), stats.getAbsMax());
  EXPECT_EQ(entry->histogramRange, stats.getAbsMax());
  EXPECT_EQ(entry->histogram.size(), 2048u);
}

TEST(Summarize, RejectsNonFiniteValuesNamingTheTensor) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  TensorStats stats = statsOf({1.0f, nan, 2.0f, -inf, 3.0f, 4.0f});
  EXPECT_EQ(errorOf(summarize("conv3", stats, 99.99)),
            "tensor 'conv3': 2 of 6 values are NaN or Inf");
}

TEST(Summarize, RejectsEmptyAndInconsistentStats) {
  EXPECT_EQ(errorOf(summarize("x", TensorStats(), 99.99)),
            "tensor 'x': no values were observed");

  // A range pass without its histogram pass would give all-zero thresholds.
  TensorStats noHistogram;
  noHistogram.observeRange({1.0f, -2.0f});
  EXPECT_NE(errorOf(summarize("x", noHistogram, 99.99))
                .find("tensor 'x': the histogram holds 0 values but the "
                      "range pass saw 2"),
            std::string::npos);

  TensorStats bad = statsOf({1.0f});
  bad.max = std::numeric_limits<double>::infinity();
  EXPECT_EQ(errorOf(summarize("x", bad, 99.99)),
            "tensor 'x': range [1, inf] is not finite");

  EXPECT_EQ(errorOf(summarize("x", statsOf({1.0f}), 0)),
            "tensor 'x': percentile 0 is not in (0, 100]");
}

//===----------------------------------------------------------------------===//
// Writing and reading back
//===----------------------------------------------------------------------===//

CalibrationTable sampleTable() {
  CalibrationTable table;
  table.entry = "main";
  table.samples = 720;
  table.batches = 2;
  table.bins = 4;
  table.percentile = 99.99;
  TensorCalibration fc1;
  fc1.name = "fc1";
  fc1.min = -3.1;
  fc1.max = 4.2;
  fc1.count = 23040;
  // Values that need all 17 digits to survive the trip.
  fc1.thresholds = {{"minmax", 4.2},
                    {"percentile", 0.1 + 0.2},
                    {"entropy", 3.1415926535897931},
                    {"mse", 1e-300}};
  fc1.histogramRange = 4.2;
  fc1.histogram = {10, 0, 3, std::numeric_limits<uint64_t>::max()};
  TensorCalibration relu;
  relu.name = "relu_1";
  relu.min = 0;
  relu.max = 0;
  relu.count = 5;
  relu.thresholds = {
      {"minmax", 0}, {"percentile", 0}, {"entropy", 0}, {"mse", 0}};
  table.tensors = {fc1, relu};
  return table;
}

TEST(CalibrationTable, WriteThenParseGivesTheSameTable) {
  CalibrationTable table = sampleTable();
  std::string text = writeCalibrationTable(table);
  llvm::Expected<CalibrationTable> back = parseCalibrationTable(text, "t.json");
  ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
  EXPECT_TRUE(*back == table);
  EXPECT_EQ(back->tensors[0].thresholds.at("percentile"), 0.1 + 0.2);
  EXPECT_TRUE(back->tensors[1].histogram.empty());

  // toJSON carries the same data, whatever order its keys print in.
  std::string viaValue = llvm::formatv("{0}", toJSON(table)).str();
  llvm::Expected<CalibrationTable> again =
      parseCalibrationTable(viaValue, "t.json");
  ASSERT_TRUE(static_cast<bool>(again)) << llvm::toString(again.takeError());
  EXPECT_TRUE(*again == table);
}

TEST(CalibrationTable, NumbersSurviveExactlyAndShort) {
  // The writer prints the shortest decimal that reads back exactly; try
  // doubles with random bit patterns, all magnitudes and all digits.
  std::mt19937_64 rng(11);
  CalibrationTable table = sampleTable();
  TensorCalibration &tensor = table.tensors[0];
  for (int i = 0; i < 2000; ++i) {
    uint64_t bits = rng();
    double value;
    std::memcpy(&value, &bits, sizeof(value));
    if (!std::isfinite(value))
      continue;
    value = std::fabs(value);
    tensor.min = -value;
    tensor.max = value;
    for (auto &entry : tensor.thresholds)
      entry.second = value;
    tensor.histogramRange = value;
    llvm::Expected<CalibrationTable> back =
        parseCalibrationTable(writeCalibrationTable(table), "t.json");
    ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
    ASSERT_TRUE(*back == table) << value;
  }
  EXPECT_NE(writeCalibrationTable(sampleTable()).find("\"percentile\": 99.99,"),
            std::string::npos);
}

TEST(CalibrationTable, WriterUsesTheDocumentedLayout) {
  std::string text = writeCalibrationTable(sampleTable());
  EXPECT_EQ(text.rfind("{\n  \"format\": \"accel-calibration-table\",\n"
                       "  \"version\": 1,\n  \"entry\": \"main\",",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find("\"histogram\": [10, 0, 3, 18446744073709551615]"),
            std::string::npos)
      << text;
  // Thresholds in method order, not alphabetical.
  size_t minmax = text.find("\"minmax\""), mse = text.find("\"mse\"");
  size_t entropy = text.find("\"entropy\"");
  EXPECT_LT(minmax, entropy);
  EXPECT_LT(entropy, mse);
}

TEST(CalibrationTable, Lookup) {
  CalibrationTable table = sampleTable();
  ASSERT_NE(table.lookup("relu_1"), nullptr);
  EXPECT_EQ(table.lookup("relu_1")->count, 5u);
  EXPECT_EQ(table.lookup("fc2"), nullptr);
}

TEST(CalibrationTable, ReadsAFileAndReportsAMissingOne) {
  llvm::SmallString<128> path;
  int fd;
  ASSERT_FALSE(
      llvm::sys::fs::createTemporaryFile("calibration", "json", fd, path));
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << writeCalibrationTable(sampleTable());
  }
  llvm::Expected<CalibrationTable> table = readCalibrationTable(path);
  llvm::sys::fs::remove(path);
  ASSERT_TRUE(static_cast<bool>(table)) << llvm::toString(table.takeError());
  EXPECT_TRUE(*table == sampleTable());

  EXPECT_EQ(errorOf(readCalibrationTable("/nonexistent/t.json")),
            "cannot read '/nonexistent/t.json': No such file or directory");
}

//===----------------------------------------------------------------------===//
// Bad input, one message each
//===----------------------------------------------------------------------===//

constexpr llvm::StringLiteral kGood = R"({
  "format": "accel-calibration-table", "version": 1, "entry": "main",
  "samples": 720, "batches": 2, "bins": 4, "percentile": 99.99,
  "tensors": [
    {"name": "fc1", "min": -3.5, "max": 4.25, "count": 10,
     "thresholds": {"minmax": 4.25, "percentile": 4, "entropy": 3, "mse": 2.5},
     "histogram_range": 4.25, "histogram": [1, 2, 3, 4]},
    {"name": "fc2", "min": 0, "max": 1, "count": 3,
     "thresholds": {"minmax": 1, "percentile": 1, "entropy": 1, "mse": 0.75}}
  ]
})";

/// kGood with the first occurrence of `from` replaced by `to`.
std::string replaced(llvm::StringRef from, llvm::StringRef to) {
  std::string text = kGood.str();
  size_t pos = text.find(from.str());
  EXPECT_NE(pos, std::string::npos) << from.str();
  if (pos != std::string::npos)
    text.replace(pos, from.size(), to.str());
  return text;
}

/// The error of parsing kGood with one edit, or "<no error>".
std::string errorAfter(llvm::StringRef from, llvm::StringRef to) {
  return errorOf(parseCalibrationTable(replaced(from, to), "t.json"));
}

TEST(CalibrationTableErrors, TheBaseTableIsGood) {
  llvm::Expected<CalibrationTable> table =
      parseCalibrationTable(kGood, "t.json");
  ASSERT_TRUE(static_cast<bool>(table)) << llvm::toString(table.takeError());
  EXPECT_EQ(table->tensors.size(), 2u);
  EXPECT_EQ(table->tensors[0].histogram, (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(table->tensors[1].thresholds.at("mse"), 0.75);
}

TEST(CalibrationTableErrors, FormatAndVersion) {
  EXPECT_EQ(errorAfter("\"format\": \"accel-calibration-table\"",
                       "\"format\": \"accel-target\""),
            "'t.json': expected \"format\": \"accel-calibration-table\", "
            "found \"accel-target\"");
  EXPECT_EQ(errorAfter("\"format\": \"accel-calibration-table\",", ""),
            "'t.json': expected \"format\": \"accel-calibration-table\", "
            "found no \"format\" field");
  EXPECT_EQ(errorAfter("\"version\": 1", "\"version\": 2"),
            "'t.json': expected \"version\": 1, found 2");
  EXPECT_EQ(errorAfter("\"version\": 1", "\"version\": \"1\""),
            "'t.json': expected \"version\": 1, found \"1\"");
  EXPECT_EQ(errorOf(parseCalibrationTable("[]", "t.json")),
            "'t.json': expected a JSON object at the top level, found an "
            "array");
}

TEST(CalibrationTableErrors, InvalidJSON) {
  // JSON has no NaN; llvm::json rejects the bare word.
  EXPECT_EQ(errorAfter("\"min\": -3.5", "\"min\": NaN")
                .rfind("'t.json': invalid JSON: ", 0),
            0u);
}

TEST(CalibrationTableErrors, MissingAndUnknownFields) {
  EXPECT_EQ(errorAfter("\"samples\": 720,", ""),
            "'t.json': field 'samples': missing");
  EXPECT_EQ(errorAfter("\"samples\": 720,", "\"sample\": 720,"),
            "'t.json': field 'sample': unknown field (expected one of: "
            "format, version, entry, samples, batches, bins, percentile, "
            "tensors)");
  EXPECT_EQ(errorAfter("\"max\": 4.25, ", ""),
            "'t.json': tensor 'fc1': field 'max': missing");
  EXPECT_EQ(errorAfter("{\"name\": \"fc1\", ", "{"),
            "'t.json': tensors[0]: field 'name': missing");
  EXPECT_EQ(errorAfter("\"count\": 10,", "\"count\": 10, \"scale\": 1,"),
            "'t.json': tensor 'fc1': field 'scale': unknown field (expected "
            "one of: name, min, max, count, thresholds, histogram_range, "
            "histogram)");
}

TEST(CalibrationTableErrors, NonNumbersAndNonFiniteNumbers) {
  EXPECT_EQ(errorAfter("\"min\": -3.5", "\"min\": \"nan\""),
            "'t.json': tensor 'fc1': field 'min': expected a number, found "
            "\"nan\"");
  // 1e999 is valid JSON but overflows to inf.
  EXPECT_EQ(errorAfter("\"max\": 4.25", "\"max\": 1e999"),
            "'t.json': tensor 'fc1': field 'max': expected a finite number, "
            "found inf");
  EXPECT_EQ(errorAfter("\"count\": 10", "\"count\": -1"),
            "'t.json': tensor 'fc1': field 'count': expected a non-negative "
            "integer, found -1");
  EXPECT_EQ(errorAfter("\"count\": 10", "\"count\": 2.5"),
            "'t.json': tensor 'fc1': field 'count': expected a non-negative "
            "integer, found 2.5");
  EXPECT_EQ(errorAfter("\"percentile\": 99.99", "\"percentile\": 101"),
            "'t.json': field 'percentile': expected a number in (0, 100], "
            "found 101");
  EXPECT_EQ(errorAfter("\"bins\": 4", "\"bins\": 0"),
            "'t.json': field 'bins': expected at least 1 bin, found 0");
}

TEST(CalibrationTableErrors, Thresholds) {
  EXPECT_EQ(errorAfter("\"mse\": 2.5", "\"mse\": -1"),
            "'t.json': tensor 'fc1': field 'thresholds.mse': expected a "
            "number >= 0, found -1");
  EXPECT_EQ(errorAfter("\"entropy\": 3", "\"entropy\": 1e999"),
            "'t.json': tensor 'fc1': field 'thresholds.entropy': expected a "
            "finite number, found inf");
  EXPECT_EQ(errorAfter("\"entropy\": 3", "\"kl\": 3"),
            "'t.json': tensor 'fc1': field 'thresholds.kl': unknown "
            "calibration method (expected one of: minmax, percentile, "
            "entropy, mse)");
  EXPECT_EQ(errorAfter(", \"mse\": 2.5", ""),
            "'t.json': tensor 'fc1': field 'thresholds.mse': missing");
  EXPECT_EQ(errorAfter("\"thresholds\": {\"minmax\": 4.25, \"percentile\": 4, "
                       "\"entropy\": 3, \"mse\": 2.5}",
                       "\"thresholds\": [4.25]"),
            "'t.json': tensor 'fc1': field 'thresholds': expected an object "
            "mapping methods to thresholds, found an array");
}

TEST(CalibrationTableErrors, RangeAndNames) {
  EXPECT_EQ(errorAfter("\"min\": -3.5", "\"min\": 5"),
            "'t.json': tensor 'fc1': min 5 is greater than max 4.25");
  EXPECT_EQ(errorAfter("\"name\": \"fc2\"", "\"name\": \"fc1\""),
            "'t.json': tensors[1]: duplicate tensor name 'fc1' (first at "
            "tensors[0])");
  EXPECT_EQ(errorAfter("\"name\": \"fc1\"", "\"name\": \"\""),
            "'t.json': tensors[0]: field 'name': must not be empty");
  EXPECT_EQ(errorAfter("\"name\": \"fc1\"", "\"name\": 7"),
            "'t.json': tensors[0]: field 'name': expected a string, found 7");
}

TEST(CalibrationTableErrors, Histograms) {
  EXPECT_EQ(errorAfter("[1, 2, 3, 4]", "[1, 2, 3]"),
            "'t.json': tensor 'fc1': field 'histogram': expected 4 counts "
            "(the table's \"bins\"), found 3");
  EXPECT_EQ(errorAfter("[1, 2, 3, 4]", "[1, -2, 3, 4]"),
            "'t.json': tensor 'fc1': field 'histogram[1]': expected a "
            "non-negative integer, found -2");
  EXPECT_EQ(errorAfter("\"histogram_range\": 4.25, ", ""),
            "'t.json': tensor 'fc1': field 'histogram_range': missing "
            "(required with 'histogram')");
  EXPECT_EQ(errorAfter(", \"histogram\": [1, 2, 3, 4]", ""),
            "'t.json': tensor 'fc1': field 'histogram': missing (required "
            "with 'histogram_range')");
}

} // namespace
