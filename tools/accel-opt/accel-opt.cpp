//===- accel-opt.cpp - accel optimizer driver -----------------------------===//
//
// This file implements accel-opt: mlir-opt with every upstream dialect and
// pass plus accel's, and a `--accel-target=<name|file.json>` flag that runs
// accel-attach-target before the requested pipeline.
//
//===----------------------------------------------------------------------===//
#include "accel/InitAccel.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;

static llvm::cl::opt<std::string> targetFlag(
    "accel-target",
    llvm::cl::desc("Attach this accelerator (preset name or .json path) to "
                   "the module before running the pipeline"),
    llvm::cl::value_desc("name|file.json"), llvm::cl::init(""));

int main(int argc, char **argv) {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllPasses();
  accel::registerAccelDialects(registry);
  accel::registerAllAccelPasses();

  auto [inputFile, outputFile] =
      registerAndParseCLIOptions(argc, argv, "accel optimizer driver\n",
                                 registry);
  MlirOptMainConfig config = MlirOptMainConfig::createFromCLOptions();
  if (!targetFlag.empty()) {
    accel::AttachTargetPassOptions options;
    options.target = targetFlag;
    MlirOptMainConfig requested = config;
    config.setPassPipelineSetupFn([requested, options](PassManager &pm) {
      pm.addPass(accel::createAttachTargetPass(options));
      return requested.setupPassPipeline(pm);
    });
  }
  if (config.shouldShowDialects() || config.shouldListPasses())
    return asMainReturnCode(
        MlirOptMain(argc, argv, inputFile, outputFile, registry));

  std::string errorMessage;
  auto input = openInputFile(inputFile, &errorMessage);
  if (!input) {
    llvm::errs() << "accel-opt: " << errorMessage << "\n";
    return EXIT_FAILURE;
  }
  auto output = openOutputFile(outputFile, &errorMessage);
  if (!output) {
    llvm::errs() << "accel-opt: " << errorMessage << "\n";
    return EXIT_FAILURE;
  }
  if (failed(MlirOptMain(output->os(), std::move(input), registry, config)))
    return EXIT_FAILURE;
  output->keep();
  return EXIT_SUCCESS;
}
