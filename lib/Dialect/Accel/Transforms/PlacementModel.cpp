//===- PlacementModel.cpp - legality and cost for accel-place -------------===//
//
// Cycle estimates (docs/Placement.md derives them):
//   weight-stationary  per (K-tile, N-tile): R cycles to preload weights,
//                      then M + R + C - 2 to stream M rows through the array
//                      (fill and drain);
//   output-stationary  per (M-tile, N-tile): K + R + C - 2;
//   vector ops         one row of C elements per cycle.
// DMA moves every operand and result once between DRAM and the scratchpad
// and overlaps compute (double buffering), so the accelerator's time is the
// larger of the two. The host link does not overlap: it is added.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/Transforms/Placement.h"

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;

namespace accel {

static int64_t tensorBytes(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return 0;
  std::optional<ElementKind> kind =
      classifyElementType(tensor.getElementType());
  int64_t bits = kind ? getStorageBits(*kind) : 32;
  return (tensor.getNumElements() * bits + 7) / 8;
}

/// The scales of a quantized element type (one per channel if per-axis).
static SmallVector<double> scalesOf(Type element) {
  if (auto q = dyn_cast<quant::UniformQuantizedType>(element))
    return {q.getScale()};
  if (auto q = dyn_cast<quant::UniformQuantizedPerAxisType>(element))
    return SmallVector<double>(q.getScales());
  return {};
}

static bool isPowerOfTwo(double ratio) {
  int exponent;
  return ratio > 0 && std::frexp(ratio, &exponent) == 0.5;
}

/// True when requantizing from `input` scales (times `weight` scales, for a
/// contraction) to the per-tensor `output` scale needs a multiplier.
static bool needsMultiplier(Type input, Type weight, Type output) {
  SmallVector<double> in = scalesOf(input), out = scalesOf(output);
  if (in.empty() || out.size() != 1)
    return false;
  SmallVector<double> w = weight ? scalesOf(weight) : SmallVector<double>{1.0};
  for (double s : in)
    for (double ws : w)
      if (!isPowerOfTwo(s * ws / out[0]))
        return true;
  return false;
}

static std::optional<ElementKind> kindOf(Value v) {
  return classifyElementType(cast<ShapedType>(v.getType()).getElementType());
}

OpWork describeWork(Operation *op) {
  OpWork work;
  if (!isa<AccelDialect>(op->getDialect()) || op->getNumResults() != 1)
    return work;
  for (Type t : op->getOperandTypes()) {
    work.operandBytes += tensorBytes(t);
    if (auto shaped = dyn_cast<ShapedType>(t))
      work.hasDynamicShape |= !shaped.hasStaticShape();
  }
  auto resultType = cast<ShapedType>(op->getResult(0).getType());
  work.hasDynamicShape |= !resultType.hasStaticShape();
  work.resultBytes = tensorBytes(resultType);
  work.elements =
      resultType.hasStaticShape() ? resultType.getNumElements() : 0;
  work.output = classifyElementType(resultType.getElementType());
  if (!op->getOperands().empty())
    work.input = kindOf(op->getOperand(0));

  if (isa<MatmulOp, Conv2DOp>(op))
    work.needsMultiplier =
        needsMultiplier(getElementTypeOrSelf(op->getOperand(0)),
                        getElementTypeOrSelf(op->getOperand(1)),
                        resultType.getElementType());
  else if (isa<RequantizeOp>(op))
    work.needsMultiplier =
        needsMultiplier(getElementTypeOrSelf(op->getOperand(0)), Type(),
                        resultType.getElementType());
  else if (auto pool = dyn_cast<AvgPool2DOp>(op)) {
    // A quantized average divides by the window: a multiply unless the
    // window is a power of two.
    int64_t window = pool.getWindow()[0] * pool.getWindow()[1];
    work.needsMultiplier =
        isa<quant::QuantizedType>(resultType.getElementType()) &&
        !llvm::isPowerOf2_64(uint64_t(window));
  }

  llvm::TypeSwitch<Operation *>(op)
      .Case([&](MatmulOp mm) {
        work.kind = OpKind::Matmul;
        work.rhsInput = kindOf(mm.getRhs());
        work.accumulator = classifyElementType(mm.getAccumulatorType());
        auto resultShape = resultType.getShape();
        int64_t batch = 1;
        for (int64_t d : resultShape.drop_back(2))
          batch *= d;
        work.n = mm.getN();
        work.k = mm.getK();
        // A shared 2-D rhs keeps its weights for every batch: one big M.
        if (cast<ShapedType>(mm.getRhs().getType()).getRank() == 2)
          work.m = batch * mm.getM();
        else {
          work.m = mm.getM();
          work.batches = batch;
        }
      })
      .Case([&](Conv2DOp conv) {
        work.kind =
            conv.isDepthwise() ? OpKind::DepthwiseConv2d : OpKind::Conv2d;
        work.groups = conv.getGroups();
        work.rhsInput = kindOf(conv.getFilter());
        work.accumulator = classifyElementType(conv.getAccumulatorType());
        auto filter = cast<ShapedType>(conv.getFilter().getType());
        auto shape = resultType.getShape();
        // Implicit GEMM per group: M = N*OH*OW, K = KH*KW*C/groups,
        // N = F/groups.
        work.m = shape[0] * shape[1] * shape[2];
        work.k = filter.getDimSize(0) * filter.getDimSize(1) *
                 filter.getDimSize(2);
        work.n = filter.getDimSize(3) / work.groups;
        work.batches = work.groups;
      })
      .Case([&](ReluOp) { work.kind = OpKind::Relu; })
      .Case([&](ClampOp) { work.kind = OpKind::Clamp; })
      .Case([&](AddOp) { work.kind = OpKind::Add; })
      .Case([&](SubOp) { work.kind = OpKind::Sub; })
      .Case([&](MulOp) { work.kind = OpKind::Mul; })
      .Case([&](MaxPool2DOp pool) {
        work.kind = OpKind::MaxPool2d;
        work.windowSize = pool.getWindow()[0] * pool.getWindow()[1];
      })
      .Case([&](AvgPool2DOp pool) {
        work.kind = OpKind::AvgPool2d;
        work.windowSize = pool.getWindow()[0] * pool.getWindow()[1];
      })
      // Quantize and requantize produce the array's storage type: that is
      // the kind the target must hold.
      .Case([&](QuantizeOp) {
        work.kind = OpKind::Quantize;
        work.input = work.output;
      })
      .Case([&](RequantizeOp) {
        work.kind = OpKind::Requantize;
        work.input = work.output;
      })
      .Case([&](DequantizeOp) { work.kind = OpKind::Dequantize; })
      .Case([&](CastOp) { work.kind = OpKind::Cast; });
  return work;
}

static std::string kindName(std::optional<ElementKind> kind) {
  return kind ? stringifyElementKind(*kind).str() : std::string("?");
}

std::optional<std::string> checkLegality(const OpWork &work,
                                         const TargetModel &target) {
  if (!work.kind)
    return std::string("not an accelerator operation");
  if (!target.hasAccelerator())
    return llvm::formatv("target '{0}' has no accelerator", target.getName())
        .str();
  if (work.hasDynamicShape)
    return std::string("dynamic shapes cannot be tiled for the accelerator");
  if (!target.supportsOp(*work.kind))
    return llvm::formatv("target '{0}' does not run '{1}'", target.getName(),
                         stringifyOpKind(*work.kind))
        .str();
  if (work.needsMultiplier &&
      target.getDesc().requantizer == Requantizer::Shift)
    return llvm::formatv("requantizing by a scale ratio (or averaging over "
                         "a window) that is not a power of two needs a "
                         "multiplier; target '{0}' can only shift",
                         target.getName())
        .str();
  if (work.kind == OpKind::Conv2d && work.groups > 1)
    return llvm::formatv("grouped convolution (groups = {0}) is not "
                         "supported by the accelerator path",
                         work.groups)
        .str();
  if (work.accumulator) {
    if (work.rhsInput != work.input)
      return llvm::formatv("mixed operand types {0} x {1} are not in any of "
                           "the target's type combinations",
                           kindName(work.input), kindName(work.rhsInput))
          .str();
    if (!work.input || !work.output ||
        !target.supportsTypes(*work.input, *work.accumulator, *work.output))
      return llvm::formatv("type combination ({0}, {1}, {2}) is not in the "
                           "target's types",
                           kindName(work.input), kindName(work.accumulator),
                           kindName(work.output))
          .str();
    return std::nullopt;
  }
  if (!work.input || !target.supportsInputType(*work.input))
    return llvm::formatv("element type {0} is not an input type of the "
                         "target",
                         kindName(work.input))
        .str();
  return std::nullopt;
}

/// Operand element types the ISA's matmul takes: same-signedness 8-bit
/// quantized (zero points in its signed 8-bit fields, one weight zero
/// point), signless integers, or one float type.
static std::optional<std::string> checkMatmulOperands(Type lhs, Type rhs) {
  auto zeroPoints = [](Type t) -> SmallVector<int64_t> {
    if (auto q = dyn_cast<quant::UniformQuantizedType>(t))
      return {q.getZeroPoint()};
    if (auto q = dyn_cast<quant::UniformQuantizedPerAxisType>(t))
      return SmallVector<int64_t>(q.getZeroPoints());
    return {0};
  };
  auto lq = dyn_cast<quant::QuantizedType>(lhs);
  auto rq = dyn_cast<quant::QuantizedType>(rhs);
  if (lq || rq) {
    if (!lq || !rq)
      return std::string("mixed quantized and plain operands");
    if (lq.getStorageTypeIntegralWidth() != 8 ||
        rq.getStorageTypeIntegralWidth() != 8)
      return std::string("operands narrower than 8 bits are not compiled by "
                         "the accelerator path yet");
    if (lq.isSigned() != rq.isSigned())
      return std::string("mixed signed and unsigned operands");
    SmallVector<int64_t> lz = zeroPoints(lhs), rz = zeroPoints(rhs);
    for (int64_t zp : {lz[0], rz[0]})
      if (zp < -128 || zp > 127)
        return llvm::formatv("zero point {0} does not fit the ISA's signed "
                             "8-bit field",
                             zp)
            .str();
    if (!llvm::all_equal(rz))
      return std::string("per-channel weight zero points that differ do not "
                         "fit the ISA's one weight zero point");
    return std::nullopt;
  }
  if (isa<IntegerType>(lhs) && lhs == rhs && lhs.getIntOrFloatBitWidth() >= 8)
    return std::nullopt;
  if (isa<FloatType>(lhs) && lhs == rhs)
    return std::nullopt;
  return std::string("these operand types are not compiled by the "
                     "accelerator path yet");
}

std::optional<std::string> checkCompilable(Operation *op) {
  auto element = [](Value v) { return getElementTypeOrSelf(v.getType()); };
  auto notYet = [&]() {
    return llvm::formatv("'{0}' is not compiled by the accelerator path yet",
                         op->getName().getStringRef())
        .str();
  };
  for (Type t : llvm::concat<const Type>(op->getOperandTypes(),
                                          op->getResultTypes()))
    if (auto shaped = dyn_cast<ShapedType>(t))
      if (shaped.hasRank() && llvm::is_contained(shaped.getShape(), 0))
        return std::string("zero-size tensors are not compiled by the "
                           "accelerator path");
  return llvm::TypeSwitch<Operation *, std::optional<std::string>>(op)
      .Case([&](MatmulOp mm) -> std::optional<std::string> {
        if (mm.getTransposeLhs() || mm.getTransposeRhs())
          return std::string("transposed matmul operands are not compiled "
                             "by the accelerator path yet");
        return checkMatmulOperands(element(mm.getLhs()), element(mm.getRhs()));
      })
      .Case([&](Conv2DOp conv) -> std::optional<std::string> {
        if (conv.getGroups() > 1)
          return std::string("grouped and depthwise convolutions are not "
                             "compiled by the accelerator path yet");
        return checkMatmulOperands(element(conv.getInput()),
                                   element(conv.getFilter()));
      })
      .Case([&](ReluOp relu) -> std::optional<std::string> {
        auto q = dyn_cast<quant::QuantizedType>(element(relu.getInput()));
        if (q && q.getStorageTypeIntegralWidth() < 8)
          return notYet() + " for i4 values";
        return std::nullopt;
      })
      .Case([&](ClampOp clamp) -> std::optional<std::string> {
        Type t = element(clamp.getInput());
        if (isa<FloatType>(t))
          return std::string("a float clamp is not compiled by the "
                             "accelerator path yet");
        if (cast<quant::QuantizedType>(t).getStorageTypeIntegralWidth() < 8)
          return notYet() + " for i4 values";
        return std::nullopt;
      })
      .Case<AddOp, SubOp, MulOp>([&](Operation *) -> std::optional<std::string> {
        if (isa<quant::QuantizedType>(element(op->getOperand(0))))
          return llvm::formatv("a quantized '{0}' is defined in real "
                               "arithmetic (docs/Numerics.md section 4), "
                               "which the accelerator's integer ALU cannot "
                               "reproduce",
                               op->getName().getStringRef())
              .str();
        return notYet();
      })
      .Case([&](RequantizeOp rq) -> std::optional<std::string> {
        // The store's requantizer multiplies x itself: the input must have
        // zero point 0 (raw accumulators), channels along the last axis.
        Type in = element(rq.getInput());
        auto rank = cast<RankedTensorType>(rq.getInput().getType()).getRank();
        if (auto q = dyn_cast<quant::UniformQuantizedType>(in)) {
          if (q.getZeroPoint() != 0)
            return std::string("requantizing an input with a non-zero zero "
                               "point is not compiled by the accelerator "
                               "path yet");
        } else if (auto q = dyn_cast<quant::UniformQuantizedPerAxisType>(in)) {
          if (llvm::any_of(q.getZeroPoints(), [](int64_t z) { return z; }) ||
              q.getQuantizedDimension() != rank - 1)
            return std::string("this per-channel requantize is not compiled "
                               "by the accelerator path yet");
        }
        if (!isa<quant::UniformQuantizedType>(element(rq.getResult())))
          return std::string("a per-channel requantize result is not "
                             "compiled by the accelerator path yet");
        return std::nullopt;
      })
      .Case<MaxPool2DOp, AvgPool2DOp, QuantizeOp, DequantizeOp,
            CastOp>([&](Operation *) -> std::optional<std::string> {
        return notYet();
      })
      .Default([](Operation *) { return std::nullopt; });
}

static uint64_t ceilDiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

OpCost estimateCost(const OpWork &work, const TargetModel &target,
                    const HostModel &host, uint64_t linkBytes) {
  OpCost cost;
  uint64_t rows = std::max<uint64_t>(target.getRows(), 1);
  uint64_t cols = std::max<uint64_t>(target.getCols(), 1);
  uint64_t dramBytes = work.operandBytes + work.resultBytes;
  if (work.accumulator) {
    uint64_t perBatch;
    if (target.getDataflow() == Dataflow::WeightStationary)
      perBatch = ceilDiv(work.k, rows) * ceilDiv(work.n, cols) *
                 (rows + work.m + rows + cols - 2);
    else
      perBatch = ceilDiv(work.m, rows) * ceilDiv(work.n, cols) *
                 (work.k + rows + cols - 2);
    cost.computeCycles = perBatch * work.batches;
    cost.hostSeconds = 2.0 * double(work.macs()) / (host.gflops * 1e9);
  } else {
    cost.computeCycles = ceilDiv(work.elements * work.windowSize, cols);
    cost.hostSeconds =
        double(dramBytes) * work.windowSize / (host.gbytesPerSecond * 1e9);
  }
  cost.dmaCycles = target.getDmaCycles(dramBytes);
  cost.acceleratorCycles = std::max(cost.computeCycles, cost.dmaCycles);
  cost.linkBytes = linkBytes;
  cost.linkCycles = linkBytes ? target.getHostLinkCycles(linkBytes) : 0;
  cost.acceleratorSeconds =
      target.cyclesToSeconds(cost.acceleratorCycles + cost.linkCycles);
  // Energy: every MAC, each operand written to and read from SRAM once,
  // DRAM traffic, and the host link.
  if (work.input && work.accumulator)
    cost.energyPJ += double(work.macs()) * target.getMacEnergyPJ(*work.input);
  cost.energyPJ += target.getSramWriteEnergyPJ(dramBytes) +
                   target.getSramReadEnergyPJ(dramBytes) +
                   target.getDramEnergyPJ(dramBytes) +
                   target.getHostLinkEnergyPJ(linkBytes);
  return cost;
}

PlacementSummary summarizePlacement(ModuleOp module, llvm::StringRef entry) {
  PlacementSummary summary;
  if (TargetAttr target = getTargetAttr(module))
    summary.targetName = target.getDesc().name;
  auto count = [&](Operation *op) {
    auto placement =
        op->getAttrOfType<StringAttr>(AccelDialect::kPlacementAttrName);
    if (!placement)
      return;
    if (placement.getValue() == "accelerator")
      ++summary.onAccelerator;
    else
      ++summary.onHost;
  };
  // Everything a call of `entry` can run: its body, the functions it calls
  // and the kernels it launches, each counted once.
  llvm::SmallPtrSet<Operation *, 8> visited;
  SmallVector<func::FuncOp> worklist;
  if (auto func = module.lookupSymbol<func::FuncOp>(entry))
    worklist.push_back(func);
  while (!worklist.empty()) {
    func::FuncOp func = worklist.pop_back_val();
    if (!visited.insert(func).second)
      continue;
    func.walk([&](Operation *op) {
      count(op);
      StringRef callee;
      if (auto launch = dyn_cast<LaunchOp>(op))
        callee = launch.getKernel();
      else if (auto call = dyn_cast<func::CallOp>(op))
        callee = call.getCallee();
      if (!callee.empty())
        if (auto target = module.lookupSymbol<func::FuncOp>(callee))
          worklist.push_back(target);
    });
  }
  return summary;
}

} // namespace accel
