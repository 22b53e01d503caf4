//===- PrecisionMode.cpp - accel-run --quantize and --auto-cast -----------===//
//
// This file implements accel-run's post-training-quantization mode (see the
// header).  The pieces are library code: calibration and the drift report
// in AccelRunner (Calibrate.h), the rewrite in accel-quantize (Quantize.h).
//
//===----------------------------------------------------------------------===//
#include "PrecisionMode.h"

#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Dialect/Accel/Transforms/Quantize.h"
#include "accel/Runner/Calibrate.h"

#include "mlir/Pass/PassManager.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;
using namespace accel_run;

static cl::opt<std::string> quantizeMethod(
    "quantize",
    cl::desc("Quantize f32 matmuls and convolutions to int8 before compiling, "
             "with this calibration method's thresholds"),
    cl::value_desc("minmax|percentile|entropy|mse"), cl::cat(runCategory));
static cl::opt<std::string> calibrationDir(
    "calibration-dir",
    cl::desc("With --quantize: calibrate on the CPU path over every .npy "
             "batch in this directory"),
    cl::value_desc("dir"), cl::cat(runCategory));
static cl::opt<std::string> calibrationTable(
    "calibration-table",
    cl::desc("With --quantize: read this calibration table (accel-calibrate) "
             "instead of calibrating"),
    cl::value_desc("file.json"), cl::cat(runCategory));
static cl::opt<std::string> writeTable(
    "write-calibration-table",
    cl::desc("Write the table computed from --calibration-dir to this file"),
    cl::value_desc("file.json"), cl::cat(runCategory));
static cl::opt<std::string> quantScheme(
    "quant-scheme", cl::desc("Activation quantization: symmetric or "
                             "asymmetric"),
    cl::init("symmetric"), cl::cat(runCategory));
static cl::opt<unsigned> weightBits("weight-bits",
                                    cl::desc("Weight bits: 8, or 4 where the "
                                             "target runs i4"),
                                    cl::init(8), cl::cat(runCategory));
static cl::opt<bool> perTensorWeights(
    "per-tensor-weights",
    cl::desc("One weight scale per tensor instead of per output channel"),
    cl::cat(runCategory));
static cl::opt<double> percentile(
    "calibration-percentile",
    cl::desc("Percentile of |x| kept by the percentile method"),
    cl::init(99.99), cl::cat(runCategory));
static cl::list<std::string> autoCastTypes(
    "auto-cast",
    cl::desc("Run f32 ops the float accelerator cannot run in f32 in the first "
             "of these precisions it can (f32 accumulation kept)"),
    cl::value_desc("bf16,f16,tf32,f8E4M3FN,f8E5M2"), cl::CommaSeparated,
    cl::cat(runCategory));
static cl::opt<bool> foldQdq(
    "fold-qdq",
    cl::desc("Fold quantize/dequantize pairs around matmuls and convolutions "
             "(QAT graphs) into quantized ops before placement"),
    cl::cat(runCategory));
static cl::opt<std::string> driftReport(
    "drift-report",
    cl::desc("With --quantize: compare every layer of the quantized model with "
             "the f32 model on the inputs and write the errors as JSON"),
    cl::value_desc("file.json"), cl::cat(runCategory));


bool accel_run::quantizeRequested() { return !quantizeMethod.empty(); }

int accel_run::checkPrecisionOptions() {
  if (!quantizeMethod.empty())
    return 0;
  for (const std::string *option :
       {&calibrationDir.getValue(), &calibrationTable.getValue(),
        &writeTable.getValue(), &driftReport.getValue()})
    if (!option->empty())
      return fail("--calibration-dir, --calibration-table, "
                  "--write-calibration-table and --drift-report need "
                  "--quantize");
  return 0;
}

/// Attaches the target the passes after it read.
static void attachTarget(PassManager &pm, StringRef target) {
  accel::AttachTargetPassOptions options;
  options.target = target.str();
  pm.addPass(accel::createAttachTargetPass(options));
}

int accel_run::applyPrecisionPasses(ModuleOp module, StringRef target) {
  if (autoCastTypes.empty() && !foldQdq)
    return 0;
  PassManager pm(module.getContext());
  attachTarget(pm, target);
  if (foldQdq)
    pm.addNestedPass<func::FuncOp>(accel::createFoldQdqPass());
  if (!autoCastTypes.empty()) {
    accel::PrecisionPolicyPassOptions options;
    options.allowed.assign(autoCastTypes.begin(), autoCastTypes.end());
    pm.addPass(accel::createPrecisionPolicyPass(options));
  }
  return failed(pm.run(module)) ? EXIT_FAILURE : 0;
}

static int check(llvm::Error error) {
  return error ? fail(llvm::toString(std::move(error))) : 0;
}

int accel_run::quantizeModel(ModuleOp module, StringRef entry,
                             StringRef target, QuantizationRun &run,
                             llvm::raw_ostream &os) {
  accel::QuantizeConfig config;
  accel::quant::CalibrationTable table;
  auto method = accel::quant::symbolizeCalibrationMethod(quantizeMethod);
  if (!method)
    return fail("unknown --quantize method '" + quantizeMethod +
                "' (expected minmax, percentile, entropy or mse)");
  if (quantScheme != "symmetric" && quantScheme != "asymmetric")
    return fail("unknown --quant-scheme '" + quantScheme +
                "' (expected symmetric or asymmetric)");
  if (!(percentile > 0 && percentile <= 100))
    return fail(llvm::formatv("--calibration-percentile must be in (0, 100], "
                              "found {0}",
                              percentile.getValue()));
  if (calibrationDir.empty() == calibrationTable.empty())
    return fail("--quantize needs exactly one of --calibration-dir and "
                "--calibration-table");
  config.method = *method;
  config.symmetric = quantScheme == "symmetric";
  config.perChannel = !perTensorWeights;
  config.weightBits = weightBits;

  if (!calibrationTable.empty()) {
    auto loaded = accel::quant::readCalibrationTable(calibrationTable);
    if (!loaded)
      return check(loaded.takeError());
    table = std::move(*loaded);
  } else {
    auto files = accel::listCalibrationBatches(calibrationDir);
    if (!files)
      return check(files.takeError());
    accel::CalibrationOptions options;
    options.percentile = percentile;
    auto computed = accel::calibrate(module, entry, *files, options);
    if (!computed)
      return check(computed.takeError());
    table = std::move(*computed);
    if (!writeTable.empty()) {
      std::error_code ec;
      llvm::raw_fd_ostream out(writeTable, ec);
      if (ec)
        return fail("cannot write '" + writeTable + "': " + ec.message());
      out << accel::quant::writeCalibrationTable(table);
    }
  }
  os << llvm::formatv("quantize: {0} calibration ({1} batch(es), {2} "
                      "sample(s), {3} tensor(s)), {4} int8 activations, "
                      "{5}-bit {6} weights\n",
                      quantizeMethod, table.batches, table.samples,
                      table.tensors.size(), quantScheme, weightBits.getValue(),
                      perTensorWeights ? "per-tensor" : "per-channel");

  // The target decides what the requantizer can do and whether i4 exists.
  PassManager attach(module.getContext());
  attachTarget(attach, target);
  if (failed(attach.run(module)))
    return EXIT_FAILURE;
  if (!driftReport.empty()) {
    run.reference = module.clone();
    // Every layer's f32 view stays for the drift report to read; the
    // placement pipeline's canonicalizer removes the unused ones before
    // compiling.
    config.keepDequantized = true;
  }
  if (failed(accel::quantizeModule(module, table, config)))
    return EXIT_FAILURE;
  if (!driftReport.empty())
    run.quantized = module.clone();
  return 0;
}

int accel_run::reportDrift(const QuantizationRun &run, StringRef entry,
                           llvm::ArrayRef<accel::NpyArray> inputs,
                           llvm::raw_ostream &os) {
  if (driftReport.empty())
    return 0;
  auto drift = accel::measureDrift(*run.reference, *run.quantized, entry,
                                   inputs, accel::CPUPipelineOptions());
  if (!drift)
    return check(drift.takeError());
  accel::printDrift(os, *drift);
  std::error_code ec;
  llvm::raw_fd_ostream out(driftReport, ec);
  if (ec)
    return fail("cannot write '" + driftReport + "': " + ec.message());
  out << llvm::formatv("{0:2}", *drift) << "\n";
  return 0;
}
