//===- compile-time.cpp - CPU pipeline compile time on a deep model -------===//
//
// Builds a module of N chained relu(x * W + b) layers (128x128 f32, weights
// as splat constants), runs accel-cpu-pipeline to the LLVM dialect and
// translates to LLVM IR, and prints the time and input ops per second. The
// LLVM -O3 code generation that a JIT or AOT compile adds afterwards is timed
// separately, since the target is about the MLIR side.
//
//   accel-bench-compile-time [layers=200]
//
//===----------------------------------------------------------------------===//
#include "accel/InitAccel.h"
#include "accel/Runner/Runner.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <string>

using namespace mlir;

static std::string deepModel(int layers) {
  std::string s = "func.func @model(%x: tensor<128x128xf32>) -> "
                  "tensor<128x128xf32> {\n";
  s += "  %w = arith.constant dense<0.01> : tensor<128x128xf32>\n"
       "  %b = arith.constant dense<0.5> : tensor<128xf32>\n";
  std::string prev = "%x";
  for (int i = 0; i < layers; ++i) {
    s += llvm::formatv("  %m{0} = accel.matmul {1}, %w bias(%b : "
                       "tensor<128xf32>) acc(f32) : tensor<128x128xf32>, "
                       "tensor<128x128xf32> -> tensor<128x128xf32>\n"
                       "  %r{0} = accel.relu %m{0} : tensor<128x128xf32>\n",
                       i, prev);
    prev = "%r" + std::to_string(i);
  }
  s += "  return " + prev + " : tensor<128x128xf32>\n}\n";
  return s;
}

static double since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

int main(int argc, char **argv) {
  int layers = argc > 1 ? std::stoi(argv[1]) : 200;
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  accel::registerAccelDialects(registry);
  std::string source = deepModel(layers);
  int inputOps = 2 * layers;

  for (bool vectorize : {true, false}) {
    MLIRContext ctx(registry);
    ctx.loadAllAvailableDialects();
    auto start = std::chrono::steady_clock::now();
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &ctx);
    // As accel-run compiles: the parsed input is verified, the passes are
    // not re-verified one by one (accel-opt does that).
    PassManager pm(&ctx);
    pm.enableVerifier(false);
    accel::CPUPipelineOptions options;
    options.vectorize = vectorize;
    if (!module || failed(accel::buildCPUPipeline(pm, options)) ||
        failed(pm.run(*module))) {
      llvm::errs() << "compile failed\n";
      return 1;
    }
    llvm::LLVMContext llvmContext;
    auto llvmModule = translateModuleToLLVMIR(*module, llvmContext);
    if (!llvmModule) {
      llvm::errs() << "translation to LLVM IR failed\n";
      return 1;
    }
    double mlirSeconds = since(start);
    llvm::outs() << llvm::formatv(
        "{0} layers ({1} accel ops), vectorize={2}: MLIR to LLVM IR "
        "{3:f3} s, {4:f0} input ops/s, target < 2 s: {5}\n",
        layers, inputOps, vectorize ? "on" : "off", mlirSeconds,
        inputOps / mlirSeconds, mlirSeconds < 2.0 ? "met" : "MISSED");
  }

  // The JIT's LLVM -O3 code generation on top (vectorized pipeline).
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &ctx);
  auto start = std::chrono::steady_clock::now();
  auto compiled =
      accel::CompiledModule::compile(*module, accel::CPUPipelineOptions());
  if (!compiled) {
    llvm::errs() << llvm::toString(compiled.takeError()) << "\n";
    return 1;
  }
  if (auto fn = (*compiled)->lookup("model"); !fn) {
    llvm::errs() << llvm::toString(fn.takeError()) << "\n";
    return 1;
  }
  llvm::outs() << llvm::formatv("  full JIT compile incl. LLVM -O3 codegen: "
                                "{0:f3} s\n",
                                since(start));
  return 0;
}
