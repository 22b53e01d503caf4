//===- accel-gemm.cpp - Simulated GEMM layers against their bounds --------===//
//
// Compiles int8 GEMM and convolution layers (quantized, requantized to
// int8) for an
// accelerator preset through placement and the accelerator path
// (docs/AcceleratorPath.md), runs each binary on the simulator, and prints
// cycles and utilization against two bounds measured on the same layer:
//   roofline  = MACs / PEs                        (compute only)
//   bound     = max(MACs / PEs, load bytes / bandwidth, store bytes / bandwidth)
// with the compulsory traffic (A and B loaded once, C stored once) on the
// simulator's separate load and store DMA engines.
// "of bound" is bound / cycles.  Never run by the test suite.
//
//   accel-bench-accel-gemm [target=int8-16x16] [MxKxN ...]
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/Placement.h"
#include "accel/ISA/Binary.h"
#include "accel/InitAccel.h"
#include "accel/Pipelines/Pipelines.h"
#include "accel/Simulator/Simulator.h"
#include "accel/Target/TargetJSON.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace mlir;

namespace {

struct Layer {
  std::string name;
  int64_t m, k, n;
  // A convolution (NHWC input h x w x c, f filters kh x kw, stride, same
  // padding) when kh > 0; m, k and n are then its GEMM sizes.
  int64_t h = 0, w = 0, c = 0, f = 0, kh = 0, kw = 0, stride = 1, pad = 0;
  int64_t inputBytes() const { return kh ? h * w * c : m * k; }
};

Layer conv(std::string name, int64_t h, int64_t w, int64_t c, int64_t f,
           int64_t k, int64_t stride, int64_t pad) {
  int64_t oh = (h + 2 * pad - k) / stride + 1,
          ow = (w + 2 * pad - k) / stride + 1;
  Layer l{std::move(name), oh * ow, k * k * c, f};
  l.h = h, l.w = w, l.c = c, l.f = f, l.kh = l.kw = k, l.stride = stride,
  l.pad = pad;
  return l;
}

std::string convModule(const Layer &l) {
  int64_t oh = (l.h + 2 * l.pad - l.kh) / l.stride + 1,
          ow = (l.w + 2 * l.pad - l.kw) / l.stride + 1;
  return llvm::formatv(
      "!a = !quant.uniform<i8:f32, 0.05:3>\n"
      "!b = !quant.uniform<i8:f32, 0.02>\n"
      "!o = !quant.uniform<i8:f32, 0.5:-2>\n"
      "func.func @conv(%x: tensor<1x{0}x{1}x{2}x!a>, %w: "
      "tensor<{3}x{4}x{2}x{5}x!b>) -> tensor<1x{6}x{7}x{5}x!o> {{\n"
      "  %0 = accel.conv2d %x, %w strides [{8}, {8}] padding [{9}, {9}, {9}, "
      "{9}] acc(i32) : tensor<1x{0}x{1}x{2}x!a>, tensor<{3}x{4}x{2}x{5}x!b> "
      "-> tensor<1x{6}x{7}x{5}x!o>\n"
      "  return %0 : tensor<1x{6}x{7}x{5}x!o>\n}\n",
      l.h, l.w, l.c, l.kh, l.kw, l.f, oh, ow, l.stride, l.pad);
}

std::string gemmModule(const Layer &l) {
  return llvm::formatv(
      "!a = !quant.uniform<i8:f32, 0.05:3>\n"
      "!b = !quant.uniform<i8:f32, 0.02>\n"
      "!o = !quant.uniform<i8:f32, 0.5:-2>\n"
      "func.func @gemm(%a: tensor<{0}x{1}x!a>, %b: tensor<{1}x{2}x!b>) -> "
      "tensor<{0}x{2}x!o> {{\n"
      "  %0 = accel.matmul %a, %b acc(i32) : tensor<{0}x{1}x!a>, "
      "tensor<{1}x{2}x!b> -> tensor<{0}x{2}x!o>\n"
      "  return %0 : tensor<{0}x{2}x!o>\n}\n",
      l.m, l.k, l.n);
}

} // namespace

int main(int argc, char **argv) {
  std::string targetName = argc > 1 ? argv[1] : "int8-16x16";
  std::vector<Layer> layers;
  for (int i = 2; i < argc; ++i) {
    Layer l{argv[i], 0, 0, 0};
    if (std::sscanf(argv[i], "%ldx%ldx%ld", &l.m, &l.k, &l.n) != 3) {
      llvm::errs() << "expected MxKxN, found '" << argv[i] << "'\n";
      return 1;
    }
    layers.push_back(l);
  }
  if (layers.empty())
    layers = {{"GEMM 512x512x512", 512, 512, 512},
              {"GEMM 256x256x256", 256, 256, 256},
              {"GEMM 1024x1024x1024", 1024, 1024, 1024},
              {"GEMM 128x1024x128", 128, 1024, 128},
              {"MLP fc 64x784x128", 64, 784, 128},
              {"BERT-ish 128x768x3072", 128, 768, 3072},
              {"ResNet 3x3 conv as GEMM 3136x576x64", 3136, 576, 64},
              {"ResNet 1x1 conv as GEMM 3136x64x256", 3136, 64, 256},
              {"odd 100x300x70", 100, 300, 70},
              conv("conv 3x3 56x56x64->64 pad 1", 56, 56, 64, 64, 3, 1, 1),
              conv("conv 1x1 56x56x64->256", 56, 56, 64, 256, 1, 1, 0),
              conv("conv 3x3/2 56x56x128->128 pad 1", 56, 56, 128, 128, 3, 2,
                   1),
              conv("conv 3x3 14x14x256->256 pad 1", 14, 14, 256, 256, 3, 1,
                   1),
              conv("conv 7x7/2 224x224x3->64 pad 3", 224, 224, 3, 64, 7, 2,
                   3)};

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  accel::registerAccelDialects(registry);
  auto desc = accel::loadTarget(targetName);
  if (!desc) {
    llvm::errs() << llvm::toString(desc.takeError()) << "\n";
    return 1;
  }
  uint64_t pes = uint64_t(desc->rows) * desc->cols;
  llvm::outs() << llvm::formatv(
      "target {0}: {1}x{2} {3}, DMA {4} B/cycle + {5} cycles latency\n",
      desc->name, desc->rows, desc->cols,
      desc->dataflow == accel::Dataflow::WeightStationary ? "weight-stationary"
                                                          : "output-stationary",
      desc->dmaBytesPerCycle, desc->dmaLatencyCycles);
  llvm::outs() << llvm::formatv("{0,-38} {1,12} {2,12} {3,12} {4,8} {5,9} "
                                "{6,9} {7,11}\n",
                                "layer", "cycles", "roofline", "bound",
                                "util", "of bound", "DRAM/min", "ld||cmp");
  std::mt19937 rng(1);
  for (const Layer &l : layers) {
    MLIRContext ctx(registry);
    ctx.loadAllAvailableDialects();
    ctx.getDiagEngine().registerHandler([](Diagnostic &d) {
      if (d.getSeverity() == DiagnosticSeverity::Error)
        llvm::errs() << d.str() << "\n";
      return success();
    });
    OwningOpRef<ModuleOp> module =
        parseSourceString<ModuleOp>(l.kh ? convModule(l) : gemmModule(l), &ctx);
    PassManager pm(&ctx);
    accel::AttachTargetPassOptions attach;
    attach.target = targetName;
    accel::PlacementPassOptions place;
    place.costModel = false;
    place.compiledOnly = true;
    accel::buildPlacementPipeline(pm, attach, place);
    accel::buildKernelPipeline(pm);
    if (!module || failed(pm.run(*module))) {
      llvm::errs() << l.name << ": compile failed\n";
      return 1;
    }
    accel::BinaryOp binary;
    module->walk([&](accel::BinaryOp op) { binary = op; });
    if (!binary) {
      llvm::outs() << llvm::formatv("{0,-38} not compiled to the ISA\n",
                                    l.name);
      continue;
    }
    StringRef data = binary.getData();
    auto program = accel::isa::readBinary(llvm::ArrayRef<uint8_t>(
        reinterpret_cast<const uint8_t *>(data.data()), data.size()));
    if (!program) {
      llvm::errs() << llvm::toString(program.takeError()) << "\n";
      return 1;
    }
    std::vector<uint8_t> dram(program->dramBytes);
    for (uint8_t &b : dram)
      b = uint8_t(rng());
    accel::sim::Simulator simulator(*desc);
    auto report = simulator.run(*program, dram);
    if (!report) {
      llvm::errs() << l.name << ": " << llvm::toString(report.takeError())
                   << "\n";
      return 1;
    }
    uint64_t macs = uint64_t(l.m) * l.k * l.n;
    uint64_t roofline = (macs + pes - 1) / pes;
    // Compulsory traffic: inputs and weights loaded once, results stored
    // once.  Load and store DMA are separate engines in the simulator, so
    // the transfer bound is the larger of the two.
    uint64_t loadBytes = uint64_t(l.inputBytes()) + uint64_t(l.k) * l.n;
    uint64_t storeBytes = uint64_t(l.m) * l.n;
    uint64_t minBytes = loadBytes + storeBytes;
    uint64_t dmaBound = uint64_t(
        std::ceil(std::max(loadBytes, storeBytes) / desc->dmaBytesPerCycle));
    uint64_t bound = std::max(roofline, dmaBound);
    uint64_t dramBytes = report->dramRead + report->dramWritten;
    // Cycles both the load and the systolic units were busy, at least.
    int64_t overlap =
        int64_t(report->busyCycles[unsigned(accel::sim::Unit::Load)] +
                report->busyCycles[unsigned(accel::sim::Unit::Systolic)]) -
        int64_t(report->totalCycles);
    llvm::outs() << llvm::formatv(
        "{0,-38} {1,12} {2,12} {3,12} {4,8:f3} {5,9:f3} {6,9:f2} {7,11}\n",
        l.name, report->totalCycles, roofline, bound, report->utilization,
        double(bound) / report->totalCycles, double(dramBytes) / minBytes,
        std::max<int64_t>(overlap, 0));
  }
  return 0;
}
