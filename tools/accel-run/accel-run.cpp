//===- accel-run.cpp - the end-to-end driver ------------------------------===//
//
// accel-run model.mlir --target=<cpu|preset|file.json> [--entry=fn]
//           [--input=a.npy ...] [--seed=N] [--output-dir=out/] [--print]
//
// Attaches the target, places every accel op (accelerator or host), compiles
// with the CPU pipeline, runs the entry function through MLIR's
// ExecutionEngine on .npy inputs (or seeded random ones), writes each result
// as out/result<i>.npy and prints a summary. On an accelerator target,
// kernels are compiled to the ISA (docs/AcceleratorPath.md) and run on the
// simulator through the runtime; the summary adds each launch's cycles,
// utilization, traffic and energy.  Kernels the accelerator path cannot
// compile yet run on the CPU path, and the summary says which and why.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/Transforms/Placement.h"
#include "accel/InitAccel.h"
#include "accel/Pipelines/Pipelines.h"
#include "accel/Runner/Runner.h"
#include "accel-c/Runtime.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include "PrecisionMode.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>

using namespace mlir;
namespace cl = llvm::cl;

cl::OptionCategory accel_run::runCategory("accel-run options");
using accel_run::fail;
using accel_run::runCategory;
static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.mlir>"),
                                      cl::Required, cl::cat(runCategory));
static cl::opt<std::string>
    targetName("target", cl::desc("Preset name or target JSON file"),
               cl::value_desc("cpu|preset|file.json"), cl::init("cpu"),
               cl::cat(runCategory));
static cl::opt<std::string>
    entryName("entry",
              cl::desc("Function to run (default: the only public function, "
                       "or @main)"),
              cl::cat(runCategory));
static cl::list<std::string>
    inputFiles("input", cl::desc("A .npy file per argument, in order"),
               cl::value_desc("file.npy"), cl::cat(runCategory));
static cl::opt<unsigned>
    seed("seed",
         cl::desc("Seed for random inputs when no --input is given"),
         cl::init(0), cl::cat(runCategory));
static cl::opt<std::string>
    outputDir("output-dir",
              cl::desc("Write result<i>.npy (and arg<i>.npy for random "
                       "inputs) here"),
              cl::cat(runCategory));
static cl::opt<bool> printValues("print",
                                 cl::desc("Print the results' values"),
                                 cl::cat(runCategory));
static cl::opt<bool> noVectorize(
    "no-vectorize", cl::desc("Lower contractions as plain loops"),
    cl::cat(runCategory));
static cl::opt<std::string> placementReport(
    "placement-report",
    cl::desc("Write the placement decisions as JSON to this file"),
    cl::value_desc("file.json"), cl::cat(runCategory));
static cl::opt<bool> noCostModel(
    "no-cost-model",
    cl::desc("Place by legality only: every op the target can run goes to "
             "the accelerator"),
    cl::cat(runCategory));
static cl::opt<bool> showRemarks(
    "remarks", cl::desc("Print the placement remark of every op"),
    cl::cat(runCategory));
static cl::opt<std::string> placementOverrides(
    "placement-overrides",
    cl::desc("JSON file pinning ops to the host or the accelerator"),
    cl::value_desc("file.json"), cl::cat(runCategory));

static cl::opt<bool> cpuKernels(
    "cpu-kernels",
    cl::desc("Run accelerator kernels on the CPU path instead of compiling "
             "them to the ISA for the simulator"),
    cl::cat(runCategory));
static cl::opt<std::string> reportFile(
    "report",
    cl::desc("Write the combined report (placement, per-kernel simulator "
             "reports, totals) as JSON to this file"),
    cl::value_desc("file.json"), cl::cat(runCategory));
static cl::opt<std::string> traceFile(
    "trace",
    cl::desc("Write a Chrome trace of every kernel launch to this file"),
    cl::value_desc("file.json"), cl::cat(runCategory));

int accel_run::fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "accel-run") << message << "\n";
  return EXIT_FAILURE;
}

namespace {

using accel_run::fail;

int fail(llvm::Error error) {
  std::string message = llvm::toString(std::move(error));
  return fail(message);
}

/// Deterministic random contents for `spec`: uniform in [-1, 1) for floats
/// and over the full range of small integer types.
accel::NpyArray randomArray(const accel::TensorSpec &spec, std::mt19937_64 &rng) {
  accel::NpyArray array;
  array.dtype = spec.dtype;
  array.shape = spec.shape;
  int64_t n = spec.numElements();
  array.data.resize(size_t(n) * accel::npyDTypeSize(spec.dtype));
  std::uniform_real_distribution<float> real(-1.0f, 1.0f);
  auto integer = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  for (int64_t i = 0; i < n; ++i) {
    uint8_t *p = array.data.data() + i * accel::npyDTypeSize(spec.dtype);
    switch (spec.dtype) {
    case accel::NpyDType::F32: {
      float v = real(rng);
      if (spec.isBF16)
        v = accel::bf16ToFloat(accel::floatToBF16RNE(v));
      std::memcpy(p, &v, 4);
      break;
    }
    case accel::NpyDType::F64: {
      double v = real(rng);
      std::memcpy(p, &v, 8);
      break;
    }
    case accel::NpyDType::F16: {
      uint16_t v = accel::floatToHalfRNE(real(rng));
      std::memcpy(p, &v, 2);
      break;
    }
    case accel::NpyDType::Bool:
      *p = uint8_t(integer(0, 1));
      break;
    case accel::NpyDType::I8:
      *p = uint8_t(spec.isI4 ? integer(-8, 7) : integer(-128, 127));
      break;
    case accel::NpyDType::U8:
      *p = uint8_t(integer(0, 255));
      break;
    case accel::NpyDType::I16: {
      auto v = int16_t(integer(-1000, 1000));
      std::memcpy(p, &v, 2);
      break;
    }
    case accel::NpyDType::I32: {
      auto v = int32_t(integer(-1000, 1000));
      std::memcpy(p, &v, 4);
      break;
    }
    case accel::NpyDType::I64: {
      int64_t v = integer(-1000, 1000);
      std::memcpy(p, &v, 8);
      break;
    }
    case accel::NpyDType::BF16:
      break; // never a spec dtype: bf16 is exchanged as f32
    }
  }
  return array;
}

/// FNV-1a over the bytes: a checksum that changes with any bit.
uint64_t fnv1a(llvm::ArrayRef<uint8_t> bytes) {
  uint64_t h = 1469598103934665603ull;
  for (uint8_t b : bytes)
    h = (h ^ b) * 1099511628211ull;
  return h;
}

/// The sum of the elements as double, for a human-readable checksum.
double elementSum(const accel::NpyArray &array) {
  double sum = 0;
  size_t size = accel::npyDTypeSize(array.dtype);
  for (int64_t i = 0; i < array.numElements(); ++i) {
    const uint8_t *p = array.data.data() + i * size;
    switch (array.dtype) {
    case accel::NpyDType::F32: {
      float v;
      std::memcpy(&v, p, 4);
      sum += v;
      break;
    }
    case accel::NpyDType::F64: {
      double v;
      std::memcpy(&v, p, 8);
      sum += v;
      break;
    }
    case accel::NpyDType::F16: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      sum += accel::halfToFloat(v);
      break;
    }
    case accel::NpyDType::Bool:
    case accel::NpyDType::U8:
      sum += *p;
      break;
    case accel::NpyDType::I8:
      sum += int8_t(*p);
      break;
    case accel::NpyDType::I16: {
      int16_t v;
      std::memcpy(&v, p, 2);
      sum += v;
      break;
    }
    case accel::NpyDType::I32: {
      int32_t v;
      std::memcpy(&v, p, 4);
      sum += v;
      break;
    }
    case accel::NpyDType::I64: {
      int64_t v;
      std::memcpy(&v, p, 8);
      sum += double(v);
      break;
    }
    case accel::NpyDType::BF16:
      break;
    }
  }
  return sum;
}

/// Prints up to 256 values of `array` row by row.
void printArray(llvm::raw_ostream &os, const accel::NpyArray &array) {
  int64_t n = std::min<int64_t>(array.numElements(), 256);
  int64_t row = array.shape.empty() ? 1 : array.shape.back();
  size_t size = accel::npyDTypeSize(array.dtype);
  for (int64_t i = 0; i < n; ++i) {
    accel::NpyArray one;
    one.dtype = array.dtype;
    one.data.assign(array.data.begin() + i * size,
                    array.data.begin() + (i + 1) * size);
    double v = elementSum(one);
    os << (i % row == 0 ? "    " : " ") << llvm::format("%.6g", v);
    if ((i + 1) % row == 0 || i + 1 == n)
      os << "\n";
  }
  if (n < array.numElements())
    os << "    ... (" << array.numElements() - n << " more)\n";
}

std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  std::string s;
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? "x" : "") + std::to_string(d);
  return s.empty() ? "scalar" : s;
}

/// Prints each kernel launch's simulator report and totals, and writes the
/// combined JSON report and trace when asked.
int reportLaunches(llvm::raw_ostream &os,
                   const accel::PlacementSummary &placement) {
  size_t n = accelSessionGetNumLaunches();
  llvm::json::Array kernels, traceEvents;
  double totalPJ = 0;
  int64_t totalCycles = 0, dramBytes = 0, linkBytes = 0, macs = 0;
  double clockMHz = 0;
  for (size_t i = 0; i < n; ++i) {
    llvm::Expected<llvm::json::Value> report =
        llvm::json::parse(accelSessionGetLaunchReportJSON(i));
    if (!report)
      return fail(report.takeError());
    llvm::json::Object *r = report->getAsObject();
    auto num = [&](llvm::json::Object *o, llvm::StringRef key) {
      return o ? o->getNumber(key).value_or(0) : 0.0;
    };
    llvm::json::Object *traffic = r->getObject("bytes");
    llvm::json::Object *energy = r->getObject("energy_pj");
    int64_t cycles = int64_t(num(r, "total_cycles"));
    int64_t bytes =
        int64_t(num(traffic, "dram_read") + num(traffic, "dram_written"));
    int64_t link = int64_t(num(traffic, "host_link"));
    double pj = num(energy, "total");
    totalCycles += cycles;
    dramBytes += bytes;
    linkBytes += link;
    totalPJ += pj;
    macs += int64_t(num(r, "macs"));
    clockMHz = num(r, "clock_mhz");
    os << llvm::formatv("kernel @{0} (launch {1}): {2} cycles, utilization "
                        "{3:f3}, DRAM {4} B, host link {5} B, {6:f1} nJ\n",
                        accelSessionGetLaunchKernel(i), i, cycles,
                        num(r, "utilization"), bytes, link, pj / 1000);
    os << "  energy (nJ): mac " << llvm::format("%.1f", num(energy, "mac") / 1000)
       << ", sram " << llvm::format("%.1f", (num(energy, "sram_read") +
                                              num(energy, "sram_write")) / 1000)
       << ", dram " << llvm::format("%.1f", num(energy, "dram") / 1000)
       << ", host link " << llvm::format("%.1f", num(energy, "host_link") / 1000)
       << "\n";
    llvm::json::Object entry{{"kernel", accelSessionGetLaunchKernel(i)},
                             {"launch", int64_t(i)},
                             {"report", std::move(*report)}};
    kernels.push_back(std::move(entry));
    if (!traceFile.empty()) {
      auto trace = llvm::json::parse(accelSessionGetLaunchTraceJSON(i));
      if (!trace)
        return fail(trace.takeError());
      // One trace process per launch.
      if (llvm::json::Array *events =
              trace->getAsObject()->getArray("traceEvents"))
        for (llvm::json::Value &e : *events) {
          if (llvm::json::Object *o = e.getAsObject())
            (*o)["pid"] = int64_t(i + 1);
          traceEvents.push_back(std::move(e));
        }
      traceEvents.push_back(llvm::json::Object{
          {"name", "process_name"}, {"ph", "M"}, {"pid", int64_t(i + 1)},
          {"args", llvm::json::Object{
                       {"name", llvm::formatv("launch {0}: @{1}", i,
                                              accelSessionGetLaunchKernel(i))
                                    .str()}}}});
    }
  }
  if (n)
    os << llvm::formatv("accelerator: {0} launch(es), {1} cycles ({2:f3} us "
                        "at {3} MHz), {4} MACs, DRAM {5} B, host link {6} "
                        "B, {7:f1} nJ\n",
                        n, totalCycles,
                        clockMHz > 0 ? totalCycles / clockMHz : 0.0, clockMHz,
                        macs, dramBytes, linkBytes, totalPJ / 1000);
  auto write = [&](const std::string &path, const llvm::json::Value &value) {
    std::error_code ec;
    llvm::raw_fd_ostream file(path, ec);
    if (ec)
      return fail("cannot write '" + path + "': " + ec.message());
    file << llvm::formatv("{0:2}", value) << "\n";
    return 0;
  };
  if (!reportFile.empty()) {
    llvm::json::Object combined{
        {"target", placement.targetName},
        {"placement",
         llvm::json::Object{{"accelerator_ops", int64_t(placement.onAccelerator)},
                            {"host_ops", int64_t(placement.onHost)}}},
        {"kernels", std::move(kernels)},
        {"totals", llvm::json::Object{{"launches", int64_t(n)},
                                      {"cycles", totalCycles},
                                      {"macs", macs},
                                      {"dram_bytes", dramBytes},
                                      {"host_link_bytes", linkBytes},
                                      {"energy_pj", totalPJ}}}};
    if (int rc = write(reportFile, llvm::json::Value(std::move(combined))))
      return rc;
  }
  if (!traceFile.empty())
    if (int rc = write(traceFile,
                       llvm::json::Object{{"traceEvents", std::move(traceEvents)},
                                          {"displayTimeUnit", "ns"}}))
      return rc;
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "accel-run: compile an accel/linalg/tosa model for a target and run "
      "it\n");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  accel::registerAccelDialects(registry);
  MLIRContext context(registry);
  context.printOpOnDiagnostic(false);
  context.loadAllAvailableDialects();

  // Diagnostics print as file:line:col: error: ...
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  // Placement explains every op with a remark; show them only on request.
  // The accelerator path's remarks on kernels left on the CPU are notices.
  std::vector<std::string> cpuKernelNotes;
  ScopedDiagnosticHandler dropRemarks(&context, [&](Diagnostic &diag) {
    if (diag.getSeverity() != DiagnosticSeverity::Remark)
      return failure();
    std::string text = diag.str();
    if (llvm::StringRef(text).contains("is not compiled to the ISA"))
      cpuKernelNotes.push_back(text);
    return success(!showRemarks);
  });
  if (int rc = accel_run::checkPrecisionOptions())
    return rc;
  std::string errorMessage;
  auto file = openInputFile(inputFile, &errorMessage);
  if (!file)
    return fail(errorMessage);
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return EXIT_FAILURE;

  if (!outputDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(outputDir))
      return fail("cannot create output directory '" + outputDir +
                  "': " + ec.message());
  }

  accel_run::QuantizationRun quantization;
  if (accel_run::quantizeRequested())
    if (int rc = accel_run::quantizeModel(
            *module, accel::chooseEntry(*module, entryName), targetName,
            quantization, llvm::outs()))
      return rc;
  if (int rc = accel_run::applyPrecisionPasses(*module, targetName))
    return rc;

  // Target, canonical form (folds such as relu into clamp decide what there
  // is to place), placement, kernels.
  accel::AttachTargetPassOptions attach;
  attach.target = targetName;
  accel::PlacementPassOptions place;
  place.report = placementReport;
  place.costModel = !noCostModel;
  place.overrides = placementOverrides;
  // Kernels hold only ops the accelerator path compiles (unless they run on
  // the CPU anyway).
  place.compiledOnly = !cpuKernels;
  PassManager placement(&context);
  accel::buildPlacementPipeline(placement, attach, place);
  if (failed(placement.run(*module)))
    return EXIT_FAILURE;
  std::string entry = accel::chooseEntry(*module, entryName);
  accel::PlacementSummary summary = accel::summarizePlacement(*module, entry);
  // Kernels to the ISA, unless asked to keep them on the CPU.
  bool hasAccelerator = accel::getTargetAttr(*module) &&
                        accel::getTargetAttr(*module).getDesc().kind ==
                            accel::TargetKind::Systolic;
  if (hasAccelerator && !cpuKernels) {
    PassManager kernels(&context);
    accel::buildKernelPipeline(kernels);
    if (failed(kernels.run(*module)))
      return EXIT_FAILURE;
  }
  std::vector<accel::TensorSpec> inputs, outputs;
  if (llvm::Error error =
          accel::describeEntry(*module, entry, inputs, outputs))
    return fail(std::move(error));

  // Inputs: .npy files, or seeded random tensors.
  std::vector<std::vector<uint8_t>> images;
  if (!inputFiles.empty() && inputFiles.size() != inputs.size())
    return fail(llvm::formatv("@{0} takes {1} argument(s), but {2} --input "
                              "file(s) were given",
                              entry, inputs.size(), inputFiles.size()));
  std::mt19937_64 rng(seed);
  std::vector<accel::NpyArray> arrays;
  for (auto [i, spec] : llvm::enumerate(inputs)) {
    accel::NpyArray array;
    if (!inputFiles.empty()) {
      auto loaded = accel::readNpy(inputFiles[i]);
      if (!loaded)
        return fail(loaded.takeError());
      array = std::move(*loaded);
    } else {
      array = randomArray(spec, rng);
    }
    auto image = accel::toMemoryImage(
        array, spec,
        llvm::formatv("argument #{0} of @{1}{2}", i, entry,
                      inputFiles.empty() ? "" : " (" + inputFiles[i] + ")")
            .str());
    if (!image)
      return fail(image.takeError());
    images.push_back(std::move(*image));
    arrays.push_back(array);
    if (inputFiles.empty() && !outputDir.empty()) {
      // Keep random inputs so a run can be reproduced and checked.
      if (llvm::Error error = accel::writeNpy(
              (outputDir + "/arg" + std::to_string(i) + ".npy"), array))
        return fail(std::move(error));
    }
  }

  auto start = std::chrono::steady_clock::now();
  accel::CPUPipelineOptions options;
  options.vectorize = !noVectorize;
  auto compiled = accel::CompiledModule::compile(*module, options);
  if (!compiled)
    return fail(compiled.takeError());

  // Resolve (and materialize) the entry before timing the call.
  if (auto fn = (*compiled)->lookup(entry); !fn)
    return fail(fn.takeError());
  auto readyAt = std::chrono::steady_clock::now();
  std::vector<std::vector<uint8_t>> results;
  std::vector<void *> buffers;
  for (auto &image : images)
    buffers.push_back(image.data());
  for (const accel::TensorSpec &spec : outputs) {
    results.emplace_back(spec.numBytes());
    buffers.push_back(results.back().data());
  }
  // Kernels run on a device for this very target (a JSON file's too, which
  // the runtime could not find by the name a binary records).
  AccelDevice device = nullptr;
  if (hasAccelerator && !cpuKernels)
    if (AccelError e = accelDeviceCreate(targetName.c_str(), &device)) {
      std::string message = accelErrorGetMessage(e);
      accelErrorDestroy(e);
      return fail(message);
    }
  accelSessionReset();
  accelSessionSetDevice(device);
  accelSessionSetTrace(!traceFile.empty());
  if (llvm::Error error = (*compiled)->call(entry, buffers))
    return fail(std::move(error));
  auto ranAt = std::chrono::steady_clock::now();
  if (const char *launchError = accelSessionGetError())
    return fail(launchError);
  // Launches are recorded; the device is no longer needed.
  accelSessionSetDevice(nullptr);
  accelDeviceDestroy(device);

  llvm::raw_ostream &os = llvm::outs();
  auto seconds = [](auto a, auto b) {
    return std::chrono::duration<double>(b - a).count();
  };
  os << llvm::formatv("accel-run: @{0} on target '{1}' (compile {2:f3} s, "
                      "run {3:f6} s)\n",
                      entry, summary.targetName, seconds(start, readyAt),
                      seconds(readyAt, ranAt));
  for (auto [i, spec] : llvm::enumerate(outputs)) {
    accel::NpyArray array = accel::fromMemoryImage(results[i], spec);
    char sum[32];
    std::snprintf(sum, sizeof(sum), "%.9g", elementSum(array));
    os << llvm::formatv("  result{0}: {1} {2} sum={3} fnv1a={4:x16}\n", i,
                        shapeString(spec.shape),
                        spec.isBF16 ? llvm::StringRef("bfloat16")
                                    : accel::npyDTypeName(spec.dtype),
                        sum, fnv1a(array.data));
    if (printValues)
      printArray(os, array);
    if (!outputDir.empty()) {
      if (llvm::Error error = accel::writeNpy(
              outputDir + "/result" + std::to_string(i) + ".npy", array))
        return fail(std::move(error));
    }
  }
  os << llvm::formatv("placement: {0} op(s) on the accelerator, {1} on the "
                      "host\n",
                      summary.onAccelerator, summary.onHost);
  if (summary.onAccelerator > 0 && cpuKernels)
    os << "notice: --cpu-kernels: the " << summary.onAccelerator
       << " op(s) placed on the accelerator ran on the CPU path\n";
  for (const std::string &note : cpuKernelNotes)
    os << "notice: " << note << "\n";
  if (int rc = reportLaunches(os, summary))
    return rc;
  if (int rc = accel_run::reportDrift(quantization, entry, arrays, os))
    return rc;
  return EXIT_SUCCESS;
}
