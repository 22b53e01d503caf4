//===- CalibrationTable.cpp - Calibration results as JSON -----------------===//
//
// This file implements summarizing tensor statistics into table entries and
// reading and writing the table's JSON form.  The reader is strict (see the
// header): a table that accel-quantize trusts must not carry a threshold
// that silently means something else.
//
//===----------------------------------------------------------------------===//
#include "accel/Quantization/CalibrationTable.h"

#include "accel/Support/JSONDescribe.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cassert>
#include <cmath>
#include <cstdlib>

using namespace accel;
using namespace accel::quant;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

static constexpr llvm::StringLiteral kFormat = "accel-calibration-table";
static constexpr int64_t kVersion = 1;

static const llvm::StringRef kTopFields[] = {"format",     "version", "entry",
                                             "samples",    "batches", "bins",
                                             "percentile", "tensors"};
static const llvm::StringRef kTensorFields[] = {
    "name",     "min", "max", "count", "thresholds", "histogram_range",
    "histogram"};

bool TensorCalibration::operator==(const TensorCalibration &other) const {
  return name == other.name && min == other.min && max == other.max &&
         count == other.count && thresholds == other.thresholds &&
         histogramRange == other.histogramRange && histogram == other.histogram;
}

bool CalibrationTable::operator==(const CalibrationTable &other) const {
  return entry == other.entry && samples == other.samples &&
         batches == other.batches && bins == other.bins &&
         percentile == other.percentile && tensors == other.tensors;
}

const TensorCalibration *CalibrationTable::lookup(llvm::StringRef name) const {
  auto it = llvm::find_if(
      tensors, [&](const TensorCalibration &t) { return t.name == name; });
  return it == tensors.end() ? nullptr : &*it;
}

static std::string formatNumber(double value) {
  return llvm::formatv("{0}", llvm::format("%g", value)).str();
}

//===----------------------------------------------------------------------===//
// summarize
//===----------------------------------------------------------------------===//

llvm::Expected<TensorCalibration> quant::summarize(llvm::StringRef name,
                                                   const TensorStats &stats,
                                                   double percentile) {
  auto fail = [&](const llvm::Twine &message) {
    return llvm::createStringError("tensor '" + name + "': " + message);
  };
  if (!(percentile > 0 && percentile <= 100))
    return fail("percentile " + formatNumber(percentile) +
                " is not in (0, 100]");
  if (stats.count == 0)
    return fail("no values were observed");
  if (stats.nonFinite != 0)
    return fail(llvm::formatv("{0} of {1} values are NaN or Inf",
                              stats.nonFinite, stats.count));
  if (!std::isfinite(stats.min) || !std::isfinite(stats.max) ||
      stats.min > stats.max)
    return fail("range [" + formatNumber(stats.min) + ", " +
                formatNumber(stats.max) + "] is not finite");
  // The two passes must have seen the same values, or the thresholds would
  // describe some other data (or, with no histogram pass, be all zero).
  const AbsHistogram &histogram = stats.histogram;
  if (histogram.getTotal() != stats.count)
    return fail(llvm::formatv("the histogram holds {0} values but the range "
                              "pass saw {1}; call startHistogram() and "
                              "observeHistogram() over the same batches",
                              histogram.getTotal(), stats.count));
  if (histogram.getRange() < stats.getAbsMax())
    return fail("the histogram's range " + formatNumber(histogram.getRange()) +
                " is below the absolute maximum " +
                formatNumber(stats.getAbsMax()));

  TensorCalibration result;
  result.name = name.str();
  result.min = stats.min;
  result.max = stats.max;
  result.count = stats.count;
  for (CalibrationMethod method : kAllCalibrationMethods)
    result.thresholds[stringifyCalibrationMethod(method).str()] =
        computeThreshold(method, histogram, percentile);
  result.histogramRange = histogram.getRange();
  result.histogram.assign(histogram.getCounts().begin(),
                          histogram.getCounts().end());
  return result;
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

/// Thresholds in the order of kAllCalibrationMethods, then any others (a
/// table built by hand) so that nothing is lost on the way to the reader,
/// which will reject them.
static std::vector<std::pair<std::string, double>>
orderedThresholds(const TensorCalibration &tensor) {
  std::vector<std::pair<std::string, double>> ordered;
  for (CalibrationMethod method : kAllCalibrationMethods) {
    auto it = tensor.thresholds.find(stringifyCalibrationMethod(method).str());
    if (it != tensor.thresholds.end())
      ordered.push_back(*it);
  }
  for (const auto &entry : tensor.thresholds)
    if (!symbolizeCalibrationMethod(entry.first))
      ordered.push_back(entry);
  return ordered;
}

static Value tensorToJSON(const TensorCalibration &tensor) {
  Object thresholds;
  for (const auto &[method, threshold] : orderedThresholds(tensor))
    thresholds[method] = threshold;
  Object object{{"name", tensor.name},
                {"min", tensor.min},
                {"max", tensor.max},
                {"count", tensor.count},
                {"thresholds", std::move(thresholds)}};
  if (!tensor.histogram.empty()) {
    object["histogram_range"] = tensor.histogramRange;
    object["histogram"] = Array(tensor.histogram);
  }
  return object;
}

Value quant::toJSON(const CalibrationTable &table) {
  Array tensors;
  for (const TensorCalibration &tensor : table.tensors)
    tensors.push_back(tensorToJSON(tensor));
  return Object{{"format", kFormat},
                {"version", kVersion},
                {"entry", table.entry},
                {"samples", table.samples},
                {"batches", table.batches},
                {"bins", table.bins},
                {"percentile", table.percentile},
                {"tensors", std::move(tensors)}};
}

/// The shortest of %.15g, %.16g and %.17g that reads back as `value`: 99.99
/// rather than llvm::json's 99.989999999999995, and still exact.
static std::string formatExact(double value) {
  for (int digits = 15; digits < 17; ++digits) {
    std::string text =
        llvm::formatv("{0}", llvm::format("%.*g", digits, value));
    if (std::strtod(text.c_str(), nullptr) == value)
      return text;
  }
  return llvm::formatv("{0}", llvm::format("%.17g", value));
}

static void writeNumber(llvm::json::OStream &json, llvm::StringRef key,
                        double value) {
  assert(std::isfinite(value) && "JSON cannot spell NaN or Inf");
  json.attributeBegin(key);
  json.rawValue(formatExact(value));
  json.attributeEnd();
}

static void writeTensor(llvm::json::OStream &json,
                        const TensorCalibration &tensor) {
  json.attribute("name", tensor.name);
  writeNumber(json, "min", tensor.min);
  writeNumber(json, "max", tensor.max);
  json.attribute("count", tensor.count);
  json.attributeObject("thresholds", [&] {
    for (const auto &[method, threshold] : orderedThresholds(tensor))
      writeNumber(json, method, threshold);
  });
  if (tensor.histogram.empty())
    return;
  writeNumber(json, "histogram_range", tensor.histogramRange);
  // One line, not one line per bin: 2048 lines per tensor would bury the
  // thresholds a reader opens the file for.
  json.attributeBegin("histogram");
  json.rawValue([&](llvm::raw_ostream &os) {
    os << '[';
    llvm::interleave(tensor.histogram, os, ", ");
    os << ']';
  });
  json.attributeEnd();
}

std::string quant::writeCalibrationTable(const CalibrationTable &table) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::json::OStream json(os, /*IndentSize=*/2);
  json.object([&] {
    json.attribute("format", kFormat);
    json.attribute("version", kVersion);
    json.attribute("entry", table.entry);
    json.attribute("samples", table.samples);
    json.attribute("batches", table.batches);
    json.attribute("bins", table.bins);
    writeNumber(json, "percentile", table.percentile);
    json.attributeArray("tensors", [&] {
      for (const TensorCalibration &tensor : table.tensors)
        json.object([&] { writeTensor(json, tensor); });
    });
  });
  os << '\n';
  return text;
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

namespace {
/// Reads the fields of one JSON object.  Errors read
/// "<context>field '<path>.<key>': <problem>", where the context names the
/// tensor ("tensor 'fc1': ") and the path the enclosing objects.
class FieldReader {
public:
  FieldReader(const Object &object, std::string context, std::string path = "")
      : object(object), context(std::move(context)), path(std::move(path)) {}

  llvm::Error fail(llvm::StringRef key, const llvm::Twine &message) const {
    std::string field = path.empty() ? key.str() : path + "." + key.str();
    return llvm::createStringError(context + "field '" + field +
                                   "': " + message);
  }

  /// Every key must be one of `allowed`; reported in sorted order so that
  /// the message does not depend on hashing.
  llvm::Error checkKnown(llvm::ArrayRef<llvm::StringRef> allowed,
                         llvm::StringRef what) const {
    std::vector<std::string> keys;
    for (const auto &entry : object)
      keys.push_back(entry.first.str());
    llvm::sort(keys);
    for (const std::string &key : keys)
      if (!llvm::is_contained(allowed, key))
        return fail(key, "unknown " + what + " (expected one of: " +
                             llvm::join(allowed, ", ") + ")");
    return llvm::Error::success();
  }

  llvm::Expected<const Value &> require(llvm::StringRef key) const {
    if (const Value *value = object.get(key))
      return *value;
    return fail(key, "missing");
  }

  llvm::Error readString(llvm::StringRef key, std::string &out) const {
    llvm::Expected<const Value &> value = require(key);
    if (!value)
      return value.takeError();
    std::optional<llvm::StringRef> str = value->getAsString();
    if (!str)
      return fail(key, "expected a string, found " + describeJSONValue(*value));
    out = str->str();
    return llvm::Error::success();
  }

  llvm::Error readUInt(llvm::StringRef key, uint64_t &out,
                       uint64_t max = UINT64_MAX) const {
    llvm::Expected<const Value &> value = require(key);
    if (!value)
      return value.takeError();
    return readUIntValue(key, *value, out, max);
  }

  /// A non-negative integer: 3 and 3.0 both are; uint64 values beyond
  /// INT64_MAX only have getAsUINT64().
  llvm::Error readUIntValue(llvm::StringRef key, const Value &value,
                            uint64_t &out, uint64_t max = UINT64_MAX) const {
    std::optional<uint64_t> num = value.getAsUINT64();
    if (!num)
      if (std::optional<int64_t> i = value.getAsInteger(); i && *i >= 0)
        num = *i;
    if (!num || *num > max) {
      std::string range =
          max == UINT64_MAX ? std::string("a non-negative integer")
                            : llvm::formatv("an integer in 0..{0}", max).str();
      return fail(key,
                  "expected " + range + ", found " + describeJSONValue(value));
    }
    out = *num;
    return llvm::Error::success();
  }

  /// A finite number, and >= 0 with `nonNegative`.
  llvm::Error readNumber(llvm::StringRef key, double &out,
                         bool nonNegative) const {
    llvm::Expected<const Value &> value = require(key);
    if (!value)
      return value.takeError();
    std::optional<double> num = value->getAsNumber();
    if (!num)
      return fail(key, "expected a number, found " + describeJSONValue(*value));
    if (!std::isfinite(*num))
      return fail(key, "expected a finite number, found " +
                           describeJSONValue(*value));
    if (nonNegative && *num < 0)
      return fail(key,
                  "expected a number >= 0, found " + describeJSONValue(*value));
    out = *num;
    return llvm::Error::success();
  }

  const Object &object;
  std::string context;
  std::string path;
};
} // namespace

static llvm::Error readThresholds(const FieldReader &r,
                                  TensorCalibration &tensor) {
  llvm::Expected<const Value &> value = r.require("thresholds");
  if (!value)
    return value.takeError();
  const Object *object = value->getAsObject();
  if (!object)
    return r.fail("thresholds", "expected an object mapping methods to "
                                "thresholds, found " +
                                    describeJSONValue(*value));
  FieldReader tr(*object, r.context, "thresholds");
  llvm::SmallVector<llvm::StringRef, 4> methods;
  for (CalibrationMethod method : kAllCalibrationMethods)
    methods.push_back(stringifyCalibrationMethod(method));
  if (llvm::Error err = tr.checkKnown(methods, "calibration method"))
    return err;
  for (llvm::StringRef method : methods)
    if (llvm::Error err = tr.readNumber(method, tensor.thresholds[method.str()],
                                        /*nonNegative=*/true))
      return err;
  return llvm::Error::success();
}

/// "histogram_range" and "histogram" come together or not at all; the
/// histogram has the table's bin count.
static llvm::Error readHistogram(const FieldReader &r, unsigned bins,
                                 TensorCalibration &tensor) {
  bool hasRange = r.object.get("histogram_range");
  const Value *value = r.object.get("histogram");
  if (!hasRange && !value)
    return llvm::Error::success();
  if (!value)
    return r.fail("histogram", "missing (required with 'histogram_range')");
  if (!hasRange)
    return r.fail("histogram_range", "missing (required with 'histogram')");
  if (llvm::Error err = r.readNumber("histogram_range", tensor.histogramRange,
                                     /*nonNegative=*/true))
    return err;
  const Array *array = value->getAsArray();
  if (!array)
    return r.fail("histogram", "expected an array of counts, found " +
                                   describeJSONValue(*value));
  if (array->size() != bins)
    return r.fail("histogram",
                  llvm::formatv("expected {0} counts (the table's \"bins\"), "
                                "found {1}",
                                bins, array->size()));
  tensor.histogram.resize(bins);
  for (auto [index, element] : llvm::enumerate(*array))
    if (llvm::Error err =
            r.readUIntValue(llvm::formatv("histogram[{0}]", index).str(),
                            element, tensor.histogram[index]))
      return err;
  return llvm::Error::success();
}

static llvm::Expected<TensorCalibration>
tensorFromJSON(const Value &value, size_t index, unsigned bins) {
  std::string where = llvm::formatv("tensors[{0}]: ", index).str();
  const Object *object = value.getAsObject();
  if (!object)
    return llvm::createStringError(where + "expected an object, found " +
                                   describeJSONValue(value));
  TensorCalibration tensor;
  if (llvm::Error err =
          FieldReader(*object, where).readString("name", tensor.name))
    return std::move(err);
  if (tensor.name.empty())
    return llvm::createStringError(where + "field 'name': must not be empty");
  // From here on, the name says which tensor better than the index.
  FieldReader r(*object, "tensor '" + tensor.name + "': ");
  uint64_t count;
  if (llvm::Error err = r.checkKnown(kTensorFields, "field"))
    return std::move(err);
  if (llvm::Error err = r.readNumber("min", tensor.min, /*nonNegative=*/false))
    return std::move(err);
  if (llvm::Error err = r.readNumber("max", tensor.max, /*nonNegative=*/false))
    return std::move(err);
  if (tensor.min > tensor.max)
    return llvm::createStringError(
        r.context + "min " + formatNumber(tensor.min) +
        " is greater than max " + formatNumber(tensor.max));
  if (llvm::Error err = r.readUInt("count", count))
    return std::move(err);
  tensor.count = count;
  if (llvm::Error err = readThresholds(r, tensor))
    return std::move(err);
  if (llvm::Error err = readHistogram(r, bins, tensor))
    return std::move(err);
  return tensor;
}

/// "format" and "version" first: a file that is not a calibration table at
/// all is better reported as such than by its first unknown field.
static llvm::Error checkFormat(const Object &object) {
  const Value *format = object.get("format");
  if (!format || format->getAsString() != kFormat)
    return llvm::createStringError(
        llvm::Twine("expected \"format\": \"") + kFormat + "\", found " +
        (format ? describeJSONValue(*format)
                : std::string("no \"format\" field")));
  const Value *version = object.get("version");
  if (!version || version->getAsInteger() != kVersion)
    return llvm::createStringError(
        llvm::formatv("expected \"version\": {0}, found {1}", kVersion,
                      version ? describeJSONValue(*version)
                              : std::string("no \"version\" field")));
  return llvm::Error::success();
}

static llvm::Error readTensors(const FieldReader &r, CalibrationTable &table) {
  llvm::Expected<const Value &> value = r.require("tensors");
  if (!value)
    return value.takeError();
  const Array *array = value->getAsArray();
  if (!array)
    return r.fail("tensors",
                  "expected an array, found " + describeJSONValue(*value));
  llvm::StringMap<size_t> firstIndex;
  for (auto [index, element] : llvm::enumerate(*array)) {
    llvm::Expected<TensorCalibration> tensor =
        tensorFromJSON(element, index, table.bins);
    if (!tensor)
      return tensor.takeError();
    auto [it, inserted] = firstIndex.try_emplace(tensor->name, index);
    if (!inserted)
      return llvm::createStringError(
          llvm::formatv("tensors[{0}]: duplicate tensor name '{1}' (first "
                        "at tensors[{2}])",
                        index, tensor->name, it->second));
    table.tensors.push_back(std::move(*tensor));
  }
  return llvm::Error::success();
}

static llvm::Expected<CalibrationTable> tableFromJSON(const Value &value) {
  const Object *object = value.getAsObject();
  if (!object)
    return llvm::createStringError(
        "expected a JSON object at the top level, found " +
        describeJSONValue(value));
  if (llvm::Error err = checkFormat(*object))
    return std::move(err);
  FieldReader r(*object, "");
  CalibrationTable table;
  uint64_t batches, bins;
  if (llvm::Error err = r.checkKnown(kTopFields, "field"))
    return std::move(err);
  if (llvm::Error err = r.readString("entry", table.entry))
    return std::move(err);
  if (llvm::Error err = r.readUInt("samples", table.samples))
    return std::move(err);
  if (llvm::Error err = r.readUInt("batches", batches, UINT32_MAX))
    return std::move(err);
  if (llvm::Error err = r.readUInt("bins", bins, UINT32_MAX))
    return std::move(err);
  if (bins == 0)
    return r.fail("bins", "expected at least 1 bin, found 0");
  if (llvm::Error err =
          r.readNumber("percentile", table.percentile, /*nonNegative=*/true))
    return std::move(err);
  if (!(table.percentile > 0 && table.percentile <= 100))
    return r.fail("percentile", "expected a number in (0, 100], found " +
                                    formatNumber(table.percentile));
  table.batches = batches;
  table.bins = bins;
  if (llvm::Error err = readTensors(r, table))
    return std::move(err);
  return table;
}

llvm::Expected<CalibrationTable>
quant::parseCalibrationTable(llvm::StringRef text, llvm::StringRef fileName) {
  std::string prefix = "'" + fileName.str() + "': ";
  llvm::Expected<Value> value = llvm::json::parse(text);
  if (!value)
    return llvm::createStringError(
        prefix + "invalid JSON: " + llvm::toString(value.takeError()));
  llvm::Expected<CalibrationTable> table = tableFromJSON(*value);
  if (!table)
    return llvm::createStringError(prefix + llvm::toString(table.takeError()));
  return table;
}

llvm::Expected<CalibrationTable>
quant::readCalibrationTable(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return llvm::createStringError("cannot read '" + path +
                                   "': " + buffer.getError().message());
  return parseCalibrationTable((*buffer)->getBuffer(), path);
}
