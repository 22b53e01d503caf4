//===- accel-calibrate.cpp - Calibration tables for accel-quantize --------===//
//
// Runs an f32 model on the CPU path over a folder of .npy batches, records
// every named tensor's range and |x| histogram, and writes the calibration
// table (all four methods' thresholds) that accel-quantize and
// `accel-run --calibration-table` read.
//
//===----------------------------------------------------------------------===//
#include "accel/InitAccel.h"
#include "accel/Runner/Calibrate.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::OptionCategory category("accel-calibrate options");
static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.mlir>"),
                                      cl::Required, cl::cat(category));
static cl::opt<std::string>
    calibrationDir("calibration-dir",
                   cl::desc("Directory of .npy batches, one model input each"),
                   cl::value_desc("dir"), cl::Required, cl::cat(category));
static cl::opt<std::string> outputFile("o", cl::desc("Calibration table"),
                                       cl::value_desc("table.json"),
                                       cl::init("-"), cl::cat(category));
static cl::opt<std::string>
    entryName("entry", cl::desc("Function to calibrate (default: the only "
                                "public function, or @main)"),
              cl::cat(category));
static cl::opt<unsigned> bins("bins", cl::desc("Histogram bins per tensor"),
                              cl::init(2048), cl::cat(category));
static cl::opt<double>
    percentile("percentile",
               cl::desc("Percentile of |x| kept by the percentile method"),
               cl::init(99.99), cl::cat(category));

static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "accel-calibrate") << message << "\n";
  return EXIT_FAILURE;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "accel-calibrate: record per-tensor ranges and histograms of an f32 "
      "model over calibration batches\n");
  // The entropy search needs enough bins to merge into 128 levels, and it
  // and the MSE search take time quadratic in the bins (16384: seconds).
  if (bins < 128 || bins > 16384)
    return fail(llvm::formatv("--bins must be in [128, 16384], found {0}",
                              bins.getValue()));
  if (!(percentile > 0 && percentile <= 100))
    return fail(llvm::formatv("--percentile must be in (0, 100], found {0}",
                              percentile.getValue()));

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  accel::registerAccelDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  std::string errorMessage;
  auto file = openInputFile(inputFile, &errorMessage);
  if (!file)
    return fail(errorMessage);
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return EXIT_FAILURE;

  auto batches = accel::listCalibrationBatches(calibrationDir);
  if (!batches)
    return fail(llvm::toString(batches.takeError()));
  accel::CalibrationOptions options;
  options.bins = bins;
  options.percentile = percentile;
  std::string entry = accel::chooseEntry(*module, entryName);
  auto table = accel::calibrate(*module, entry, *batches, options);
  if (!table)
    return fail(llvm::toString(table.takeError()));

  auto output = openOutputFile(outputFile, &errorMessage);
  if (!output)
    return fail(errorMessage);
  output->os() << accel::quant::writeCalibrationTable(*table);
  output->keep();
  // A summary for the reader; the table is the product.
  auto &os = outputFile == "-" ? llvm::errs() : llvm::outs();
  os << llvm::formatv("accel-calibrate: @{0}, {1} batch(es), {2} sample(s), "
                      "{3} tensor(s)\n",
                      entry, table->batches, table->samples,
                      table->tensors.size());
  os << llvm::formatv("  {0,-16} {1,11} {2,11} {3,11} {4,11} {5,11} {6,11}\n",
                      "tensor", "min", "max", "minmax", "percentile",
                      "entropy", "mse");
  for (const accel::quant::TensorCalibration &t : table->tensors)
    os << llvm::formatv(
        "  {0,-16} {1,11:g4} {2,11:g4} {3,11:g4} {4,11:g4} {5,11:g4} "
        "{6,11:g4}\n",
        t.name, t.min, t.max, t.thresholds.at("minmax"),
        t.thresholds.at("percentile"), t.thresholds.at("entropy"),
        t.thresholds.at("mse"));
  return EXIT_SUCCESS;
}
