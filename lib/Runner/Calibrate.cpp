//===- Calibrate.cpp - Run a model and look at its tensors ----------------===//
//
// This file implements TensorProbe, calibration over a folder of batches,
// and the accuracy-drift report.
//
//===----------------------------------------------------------------------===//
#include "accel/Runner/Calibrate.h"

#include "accel/Dialect/Accel/Transforms/TensorNames.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace accel;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<std::unique_ptr<TensorProbe>>
TensorProbe::create(ModuleOp module, StringRef entry,
                    const CPUPipelineOptions &options) {
  OwningOpRef<ModuleOp> copy = module.clone();
  auto func = copy->lookupSymbol<func::FuncOp>(entry);
  if (!func || func.isExternal())
    return makeError("no function @" + entry + " to run");
  if (!func.getBody().hasOneBlock())
    return makeError("@" + entry + " has more than one block; only "
                     "straight-line functions can be probed");
  std::unique_ptr<TensorProbe> probe(new TensorProbe());
  probe->entry = entry.str();
  probe->numResults = func.getNumResults();
  // Return every named tensor of the function body after the results.
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  SmallVector<Value> returned(ret.getOperands());
  TensorNames names(func);
  for (auto [value, name] : names.getNamed()) {
    if (value.getParentBlock() != &func.getBody().front())
      continue;
    returned.push_back(value);
    probe->names.push_back(name);
  }
  OpBuilder builder(ret);
  func::ReturnOp::create(builder, ret.getLoc(), returned);
  ret.erase();
  func.setFunctionType(FunctionType::get(
      module.getContext(), func.getArgumentTypes(),
      TypeRange(ValueRange(returned))));
  if (llvm::Error error =
          describeEntry(*copy, entry, probe->inputs, probe->outputs))
    return std::move(error);
  auto compiled = CompiledModule::compile(copy.release(), options);
  if (!compiled)
    return compiled.takeError();
  probe->compiled = std::move(*compiled);
  return std::move(probe);
}

llvm::Error TensorProbe::run(llvm::ArrayRef<NpyArray> arrays,
                             std::vector<NpyArray> &results,
                             std::vector<NpyArray> &tensors) {
  if (arrays.size() != inputs.size())
    return makeError(llvm::formatv("@{0} takes {1} argument(s), {2} given",
                                   entry, inputs.size(), arrays.size()));
  std::vector<std::vector<uint8_t>> images;
  for (auto [i, array] : llvm::enumerate(arrays)) {
    auto image = toMemoryImage(
        array, inputs[i], llvm::formatv("argument #{0} of @{1}", i, entry).str());
    if (!image)
      return image.takeError();
    images.push_back(std::move(*image));
  }
  std::vector<std::vector<uint8_t>> buffers;
  for (const TensorSpec &spec : outputs)
    buffers.emplace_back(spec.numBytes());
  std::vector<void *> pointers;
  for (auto &image : images)
    pointers.push_back(image.data());
  for (auto &buffer : buffers)
    pointers.push_back(buffer.data());
  if (llvm::Error error = compiled->call(entry, pointers))
    return error;
  results.clear();
  tensors.clear();
  for (auto [i, spec] : llvm::enumerate(outputs))
    (i < numResults ? results : tensors)
        .push_back(fromMemoryImage(buffers[i], spec));
  return llvm::Error::success();
}

llvm::Expected<std::vector<std::string>>
accel::listCalibrationBatches(StringRef dir) {
  std::error_code ec;
  std::vector<std::string> files;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (llvm::sys::path::extension(it->path()) == ".npy")
      files.push_back(it->path());
  if (ec)
    return makeError("cannot read calibration directory '" + dir +
                     "': " + ec.message());
  if (files.empty())
    return makeError("calibration directory '" + dir +
                     "' holds no .npy files");
  llvm::sort(files);
  return files;
}

/// The float values of an f32 result array.
static llvm::ArrayRef<float> floatsOf(const NpyArray &array) {
  return llvm::ArrayRef(reinterpret_cast<const float *>(array.data.data()),
                        array.data.size() / sizeof(float));
}

llvm::Expected<quant::CalibrationTable>
accel::calibrate(ModuleOp module, StringRef entry,
                 llvm::ArrayRef<std::string> batchFiles,
                 const CalibrationOptions &options) {
  auto probe = TensorProbe::create(module, entry, options.cpu);
  if (!probe)
    return probe.takeError();
  if ((*probe)->getInputSpecs().size() != 1)
    return makeError(llvm::formatv(
        "calibration runs @{0} on one .npy batch per file, but it takes {1} "
        "arguments",
        entry, (*probe)->getInputSpecs().size()));
  llvm::ArrayRef<std::string> names = (*probe)->getNames();
  std::vector<quant::TensorStats> stats(names.size());
  std::vector<NpyArray> results, tensors;
  // The batches are read once; they are small next to the tensors they
  // produce.
  std::vector<NpyArray> batches;
  uint64_t samples = 0;
  for (const std::string &file : batchFiles) {
    auto batch = readNpy(file);
    if (!batch)
      return batch.takeError();
    samples += batch->shape.empty() ? 1 : batch->shape[0];
    batches.push_back(std::move(*batch));
  }
  // Ranges first, then histograms over the now-known ranges: two runs per
  // batch instead of keeping every tensor of every batch in memory.
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1)
      for (quant::TensorStats &s : stats)
        s.startHistogram(options.bins);
    for (auto [file, batch] : llvm::zip(batchFiles, batches)) {
      if (llvm::Error error =
              (*probe)->run(llvm::ArrayRef(batch), results, tensors))
        return makeError(file + ": " + llvm::toString(std::move(error)));
      for (auto [name, s, tensor] : llvm::zip(names, stats, tensors)) {
        if (pass == 1) {
          s.observeHistogram(floatsOf(tensor));
          continue;
        }
        // Name the batch and the first tensor that went non-finite: a
        // table quantized from such statistics would hide the problem.
        uint64_t before = s.nonFinite;
        s.observeRange(floatsOf(tensor));
        if (s.nonFinite != before)
          return makeError(llvm::formatv(
              "{0}: tensor '{1}' has {2} NaN or Inf value(s) of {3}", file,
              name, s.nonFinite - before, floatsOf(tensor).size()));
      }
    }
  }
  quant::CalibrationTable table;
  table.entry = entry.str();
  table.samples = samples;
  table.batches = batchFiles.size();
  table.bins = options.bins;
  table.percentile = options.percentile;
  for (auto [name, s] : llvm::zip(names, stats)) {
    auto entryStats = quant::summarize(name, s, options.percentile);
    if (!entryStats)
      return entryStats.takeError();
    table.tensors.push_back(std::move(*entryStats));
  }
  return table;
}

namespace {
/// Error of one tensor of the quantized model against the reference.
struct Drift {
  double maxAbsError = 0;
  double snrDB = 0;
};
} // namespace

static Drift compare(const NpyArray &reference, const NpyArray &actual) {
  llvm::ArrayRef<float> ref = floatsOf(reference), got = floatsOf(actual);
  double signal = 0, noise = 0;
  Drift drift;
  for (auto [r, g] : llvm::zip(ref, got)) {
    double e = double(g) - double(r);
    drift.maxAbsError = std::max(drift.maxAbsError, std::abs(e));
    signal += double(r) * double(r);
    noise += e * e;
  }
  // Exact agreement, or error on an all-zero reference, has no finite SNR:
  // report +-999 dB, which JSON can hold.
  if (noise == 0)
    drift.snrDB = 999.0;
  else if (signal == 0)
    drift.snrDB = -999.0;
  else
    drift.snrDB = std::clamp(10 * std::log10(signal / noise), -999.0, 999.0);
  return drift;
}

llvm::Expected<llvm::json::Value>
accel::measureDrift(ModuleOp reference, ModuleOp quantized, StringRef entry,
                    llvm::ArrayRef<NpyArray> inputs,
                    const CPUPipelineOptions &options) {
  auto refProbe = TensorProbe::create(reference, entry, options);
  if (!refProbe)
    return refProbe.takeError();
  auto quantProbe = TensorProbe::create(quantized, entry, options);
  if (!quantProbe)
    return quantProbe.takeError();
  std::vector<NpyArray> refResults, refTensors, quantResults, quantTensors;
  if (llvm::Error error = (*refProbe)->run(inputs, refResults, refTensors))
    return std::move(error);
  if (llvm::Error error =
          (*quantProbe)->run(inputs, quantResults, quantTensors))
    return std::move(error);
  llvm::StringMap<size_t> quantIndex;
  for (auto [i, name] : llvm::enumerate((*quantProbe)->getNames()))
    quantIndex[name] = i;
  llvm::json::Array layers;
  for (auto [i, name] : llvm::enumerate((*refProbe)->getNames())) {
    auto it = quantIndex.find(name);
    if (it == quantIndex.end() ||
        refTensors[i].shape != quantTensors[it->second].shape)
      continue;
    Drift d = compare(refTensors[i], quantTensors[it->second]);
    layers.push_back(llvm::json::Object{{"tensor", name},
                                        {"max_abs_error", d.maxAbsError},
                                        {"snr_db", d.snrDB}});
  }
  llvm::json::Array outputs;
  for (auto [i, ref] : llvm::enumerate(refResults)) {
    if (i >= quantResults.size() || ref.dtype != NpyDType::F32 ||
        quantResults[i].dtype != NpyDType::F32 ||
        ref.shape != quantResults[i].shape)
      return makeError(llvm::formatv(
          "result #{0} of @{1} is not an f32 tensor of the same shape in "
          "both models",
          i, entry));
    Drift d = compare(ref, quantResults[i]);
    outputs.push_back(llvm::json::Object{{"result", int64_t(i)},
                                         {"max_abs_error", d.maxAbsError},
                                         {"snr_db", d.snrDB}});
  }
  return llvm::json::Object{{"entry", entry},
                            {"tensors", std::move(layers)},
                            {"results", std::move(outputs)}};
}

void accel::printDrift(llvm::raw_ostream &os, const llvm::json::Value &drift) {
  const llvm::json::Object *root = drift.getAsObject();
  auto row = [&](llvm::StringRef label, const llvm::json::Object &o) {
    os << llvm::formatv("  {0,-24} max abs error {1,12:e3}  SNR {2,7:f1} dB\n",
                        label, o.getNumber("max_abs_error").value_or(0),
                        o.getNumber("snr_db").value_or(0));
  };
  os << "accuracy drift (quantized vs f32, CPU path):\n";
  for (const llvm::json::Value &v : *root->getArray("tensors"))
    row(v.getAsObject()->getString("tensor").value_or(""), *v.getAsObject());
  for (const llvm::json::Value &v : *root->getArray("results"))
    row(llvm::formatv("result{0} (final)",
                      v.getAsObject()->getInteger("result").value_or(0))
            .str(),
        *v.getAsObject());
}
