//===- RequantizeLoweringTest.cpp - the CPU path's requantization IR ------===//
//
// The CPU path emits the requantization recipe as arith IR; the simulator
// calls include/accel/Numerics/Requantize.h. This test JIT-compiles
// accel.requantize for many per-channel scales and checks every element
// against the header, so the two implementations cannot drift apart.
//
//===----------------------------------------------------------------------===//
#include "accel/InitAccel.h"
#include "accel/Numerics/Requantize.h"
#include "accel/Runner/Runner.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/FormatVariadic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace mlir;

namespace {

struct Case {
  const char *storage; // result storage type
  int32_t qmin, qmax, zeroPoint;
};

void checkRequantize(const Case &c, uint64_t seed) {
  constexpr int rows = 64, channels = 48;
  std::mt19937_64 rng(seed);
  // Input scales span ~2^-30..2^10 of the output scale, hitting both shift
  // directions and the fixups.
  std::uniform_real_distribution<double> exponent(-30, 10);
  std::vector<double> scales(channels);
  std::string scaleList;
  for (int i = 0; i < channels; ++i) {
    scales[i] = 0.05 * std::pow(2.0, exponent(rng));
    scaleList += llvm::formatv("{0}{1:e}", i ? "," : "", scales[i]).str();
  }
  double outScale = 0.05;
  std::string source = llvm::formatv(
      "func.func @f(%x: tensor<{0}x{1}x!quant.uniform<i32:f32:1, {{{2}}>>) "
      "-> tensor<{0}x{1}x!quant.uniform<{3}:f32, {4:e}:{5}>> {{\n"
      "  %0 = accel.requantize %x : tensor<{0}x{1}x!quant.uniform<i32:f32:1, "
      "{{{2}}>> -> tensor<{0}x{1}x!quant.uniform<{3}:f32, {4:e}:{5}>>\n"
      "  return %0 : tensor<{0}x{1}x!quant.uniform<{3}:f32, {4:e}:{5}>>\n}\n",
      rows, channels, scaleList, c.storage, outScale, c.zeroPoint);

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  accel::registerAccelDialects(registry);
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &ctx);
  ASSERT_TRUE(module) << source;
  // Scales are printed in decimal: read them back from the parsed type, so
  // the reference uses exactly the compiler's doubles.
  auto func = *module->getOps<func::FuncOp>().begin();
  auto inType = cast<quant::UniformQuantizedPerAxisType>(
      cast<RankedTensorType>(func.getArgumentTypes()[0]).getElementType());
  auto outType = cast<quant::UniformQuantizedType>(
      cast<RankedTensorType>(func.getResultTypes()[0]).getElementType());
  std::vector<double> parsedScales(inType.getScales().begin(),
                                   inType.getScales().end());
  double parsedOut = outType.getScale();

  auto compiled =
      accel::CompiledModule::compile(*module, accel::CPUPipelineOptions());
  ASSERT_TRUE(bool(compiled)) << llvm::toString(compiled.takeError());

  std::vector<int32_t> input(rows * channels);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  std::uniform_int_distribution<int32_t> small(-5000, 5000);
  const int32_t edges[] = {0, 1, -1, INT32_MAX, INT32_MIN, 1 << 30,
                           -(1 << 30)};
  for (size_t i = 0; i < input.size(); ++i)
    input[i] = i < 7 * channels ? edges[i / channels]
                                : (i % 2 ? any(rng) : small(rng));
  std::vector<uint8_t> output(rows * channels);
  ASSERT_FALSE(bool((*compiled)->call("f", {input.data(), output.data()})));

  for (int r = 0; r < rows; ++r) {
    for (int ch = 0; ch < channels; ++ch) {
      auto qm = accel::numerics::quantizeMultiplier(parsedScales[ch] /
                                                    parsedOut);
      int32_t expected = accel::numerics::requantize(
          input[r * channels + ch], qm, c.zeroPoint, c.qmin, c.qmax);
      uint8_t byte = output[r * channels + ch];
      int32_t got = c.qmin < 0 ? int32_t(int8_t(byte)) : int32_t(byte);
      ASSERT_EQ(got, expected)
          << "row " << r << " channel " << ch << " x = "
          << input[r * channels + ch] << " scale ratio "
          << parsedScales[ch] / parsedOut;
    }
  }
}

TEST(RequantizeLowering, SignedOutputMatchesSharedHeader) {
  checkRequantize({"i8", -128, 127, -3}, 1);
}

TEST(RequantizeLowering, UnsignedOutputMatchesSharedHeader) {
  checkRequantize({"u8", 0, 255, 128}, 2);
}

} // namespace
