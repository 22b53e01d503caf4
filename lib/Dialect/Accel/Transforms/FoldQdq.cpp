//===- FoldQdq.cpp - accel-fold-qdq pass ----------------------------------===//
//
// This file implements the folding of quantization-aware-trained ("QDQ")
// graphs into quantized contractions.  An f32 accel.matmul or accel.conv2d
// whose operands come from accel.dequantize and whose result, possibly
// through accel.relu / accel.clamp, feeds an accel.quantize becomes one
// quantized contraction that produces the quantize's type, using only the
// scales already in the graph:
//
//   * the operands are the dequantize ops' quantized inputs;
//   * a constant f32 bias becomes i32 at scale s_in * s_w[c]
//     (docs/Numerics.md §1), rounded to nearest with ties to even and
//     saturated;
//   * relu and clamp run on the quantized result.  quantize is monotonic, so
//     quantize(max(x, c)) = max(quantize(x), quantize(c)): the folded clamp
//     gets storage bounds equal to the quantized f32 bounds, which makes the
//     activation exact.
//
// A chain that looks like QDQ (a dequantized operand) but cannot fold is left
// unchanged, with a remark on the contraction saying why.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

namespace accel {
#define GEN_PASS_DEF_FOLDQDQPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;
using mlir::quant::QuantizedType;
using mlir::quant::UniformQuantizedPerAxisType;
using mlir::quant::UniformQuantizedType;

namespace {

//===----------------------------------------------------------------------===//
// Numerics of the fold
//===----------------------------------------------------------------------===//

Type elementTypeOf(Value value) {
  return cast<ShapedType>(value.getType()).getElementType();
}

/// `i8`, `u8`, `i4`...: the storage type as the quant dialect spells it.
std::string storageString(QuantizedType type) {
  return (type.isSigned() ? "i" : "u") +
         std::to_string(type.getStorageTypeIntegralWidth());
}

/// A clamp bound (f64 attribute) rounded inward to f32, as the f32 clamp
/// computes it (docs/Numerics.md §5).
float toF32Inward(double bound, bool isLower) {
  APFloat value(bound);
  bool lost;
  value.convert(APFloat::IEEEsingle(),
                isLower ? APFloat::rmTowardPositive : APFloat::rmTowardNegative,
                &lost);
  return value.convertToFloat();
}

/// accel.quantize of one f32 value (docs/Numerics.md §3): x / s in f32 with
/// s rounded to f32, to nearest with ties to even, plus the zero point,
/// saturated to the storage range (infinities included).
int64_t quantizeF32(float x, UniformQuantizedType type) {
  APFloat q(x);
  q.divide(APFloat(float(type.getScale())), APFloat::rmNearestTiesToEven);
  q.roundToIntegral(APFloat::rmNearestTiesToEven);
  double value = double(q.convertToFloat()) + double(type.getZeroPoint());
  return int64_t(std::clamp<double>(value, type.getStorageTypeMin(),
                                    type.getStorageTypeMax()));
}

/// The storage bound accel.clamp derives from a real bound on `type`
/// (docs/Numerics.md §4: ceil(lo/s + zp) or floor(hi/s + zp), within the
/// storage range).  std::nullopt when bound/s is an integer only after
/// rounding: a double and an exact evaluation could then disagree.
std::optional<int64_t> clampStorageBound(double bound, bool isLower,
                                         UniformQuantizedType type) {
  int64_t qmin = type.getStorageTypeMin(), qmax = type.getStorageTypeMax();
  if (std::isinf(bound))
    return bound < 0 ? qmin : qmax;
  double s = type.getScale();
  double quotient = bound / s;
  bool exact = std::fma(quotient, s, -bound) == 0.0;
  // A non-integer quotient has the exact quotient's ceiling and floor: no
  // integer lies between a real and its nearest double.
  if (!exact && quotient == std::trunc(quotient))
    return std::nullopt;
  double q = (isLower ? std::ceil(quotient) : std::floor(quotient)) +
             double(type.getZeroPoint());
  return int64_t(std::clamp<double>(q, qmin, qmax));
}

/// A real bound for the quantized clamp whose storage bound is `q`: the
/// original when it already gives `q`, else the midpoint between `q` and its
/// outer neighbour, which bound/s + zp cannot round across an integer from.
double clampBoundFor(double original, bool isLower, int64_t q,
                     UniformQuantizedType type) {
  if (clampStorageBound(original, isLower, type) == std::optional<int64_t>(q))
    return original;
  double offset = isLower ? -0.5 : 0.5;
  return (double(q - type.getZeroPoint()) + offset) * type.getScale();
}

/// round(b / scale) to nearest with ties to even -- the rounding of
/// accel.quantize and ONNX QuantizeLinear -- in double, saturated to i32.
int32_t quantizeBiasElement(double b, double scale) {
  if (b == 0)
    return 0;
  APFloat q(b / scale);
  q.roundToIntegral(APFloat::rmNearestTiesToEven);
  return int32_t(std::clamp<double>(q.convertToDouble(), INT32_MIN,
                                    INT32_MAX));
}

//===----------------------------------------------------------------------===//
// Matching
//===----------------------------------------------------------------------===//

/// What the producers of an accel.quantize are, seen from the fold.
enum class ChainKind {
  /// Not a QDQ contraction (no dequantized operand): nothing to say.
  None,
  /// A QDQ contraction that cannot fold; `reason` says why.
  Blocked,
  /// Folds.
  Foldable,
};

/// A contraction chain ending in an accel.quantize, and what its fold needs.
struct QdqChain {
  Operation *contraction = nullptr;
  /// relu/clamp ops from the contraction to the quantize, in program order.
  SmallVector<Operation *> activations;
  /// Real bounds of the folded clamps, one entry per activation (unused for
  /// relu).
  SmallVector<std::pair<double, double>> clampBounds;
  DequantizeOp lhs, rhs;
  /// The i32 bias, when the contraction has one.
  std::optional<SmallVector<int32_t>> bias;
  /// The folded contraction's (and activations') result type.
  RankedTensorType resultType;
  std::string reason;
};

/// Dimension of the contraction's rhs (filter) that indexes output channels.
int64_t channelDim(Operation *contraction) {
  if (auto matmul = dyn_cast<MatmulOp>(contraction))
    return matmul.getRhs().getType().getRank() -
           (matmul.getTransposeRhs() ? 2 : 1);
  return 3;
}

/// Checks one quantized operand against what a quantized contraction takes
/// (AccelVerifiers.cpp); returns the reason it cannot, or "".
std::string checkOperandType(StringRef name, QuantizedType type) {
  if (!type.getExpressedType().isF32())
    return llvm::formatv("expected {0} quantized with expressed type f32, "
                         "found {1}",
                         name, type.getExpressedType())
        .str();
  unsigned width = type.getStorageTypeIntegralWidth();
  if (!(width == 8 || (width == 4 && type.isSigned())))
    return llvm::formatv("expected {0} storage i8, u8 or i4, found {1}", name,
                         storageString(type))
        .str();
  return "";
}

ChainKind analyzeChain(QuantizeOp quantize, QdqChain &chain) {
  auto none = [&](const Twine &why) {
    chain.reason = why.str();
    return ChainKind::None;
  };
  auto blocked = [&](const Twine &why) {
    chain.reason = why.str();
    return ChainKind::Blocked;
  };

  // quantize <- [clamp | relu]* <- matmul | conv2d.
  Value value = quantize.getInput();
  SmallVector<Operation *> activations;
  while (Operation *def = value.getDefiningOp()) {
    if (!isa<ReluOp, ClampOp>(def))
      break;
    activations.push_back(def);
    value = def->getOperand(0);
  }
  Operation *contraction = value.getDefiningOp();
  if (!contraction || !isa<MatmulOp, Conv2DOp>(contraction))
    return none("not the result of accel.matmul or accel.conv2d (through "
                "relu/clamp)");
  auto lhs = contraction->getOperand(0).getDefiningOp<DequantizeOp>();
  auto rhs = contraction->getOperand(1).getDefiningOp<DequantizeOp>();
  if (!lhs && !rhs)
    return none("no contraction operand comes from accel.dequantize");
  chain.contraction = contraction;
  chain.activations.assign(activations.rbegin(), activations.rend());
  chain.lhs = lhs;
  chain.rhs = rhs;
  bool isConv = isa<Conv2DOp>(contraction);
  StringRef lhsName = isConv ? "input" : "lhs";
  StringRef rhsName = isConv ? "filter" : "rhs";

  // Both operands dequantized, from types a quantized contraction takes.
  if (!lhs)
    return blocked(lhsName + " does not come from accel.dequantize");
  if (!rhs) {
    if (matchPattern(contraction->getOperand(1), m_Constant()))
      return blocked(rhsName + " is an f32 constant, not a dequantized "
                               "quantized weight (accel-quantize quantizes "
                               "constant weights)");
    return blocked(rhsName + " does not come from accel.dequantize");
  }
  auto lhsType = cast<QuantizedType>(elementTypeOf(lhs.getInput()));
  auto rhsType = cast<QuantizedType>(elementTypeOf(rhs.getInput()));
  for (auto [name, type] : {std::pair(lhsName, lhsType), {rhsName, rhsType}}) {
    std::string why = checkOperandType(name, type);
    if (!why.empty())
      return blocked(why);
  }
  if (!isa<UniformQuantizedType>(lhsType))
    return blocked(llvm::formatv("expected per-tensor quantized {0}, found {1}",
                                 lhsName, Type(lhsType)));
  auto rhsPerAxis = dyn_cast<UniformQuantizedPerAxisType>(rhsType);
  int64_t channels = channelDim(contraction);
  if (rhsPerAxis && rhsPerAxis.getQuantizedDimension() != channels)
    return blocked(llvm::formatv(
        "expected {0} quantized per tensor or along its output-channel "
        "dimension {1}, found dimension {2}: those scales do not factor out "
        "of the sum",
        rhsName, channels, rhsPerAxis.getQuantizedDimension()));

  // The result: the quantize's per-tensor type, replacing an f32 value
  // nothing else reads.
  Type resultElement = elementTypeOf(contraction->getResult(0));
  if (!resultElement.isF32())
    return blocked(llvm::formatv("expected an f32 result, found {0}",
                                 resultElement));
  auto outType = dyn_cast<UniformQuantizedType>(
      elementTypeOf(quantize.getResult()));
  if (!outType)
    return blocked(llvm::formatv("expected the accel.quantize to produce a "
                                 "per-tensor quantized type, found {0}",
                                 elementTypeOf(quantize.getResult())));
  if (outType.getStorageTypeIntegralWidth() > 32)
    return blocked(llvm::formatv("expected result storage no wider than the "
                                 "i32 accumulator, found {0}",
                                 storageString(outType)));
  chain.resultType =
      cast<RankedTensorType>(contraction->getResult(0).getType())
          .clone(outType);
  if (chain.resultType != quantize.getResult().getType())
    return blocked(llvm::formatv("the accel.quantize changes the shape: {0} "
                                 "-> {1}",
                                 contraction->getResult(0).getType(),
                                 quantize.getResult().getType()));
  if (!contraction->getResult(0).hasOneUse())
    return blocked("its f32 result has users besides the relu/clamp/quantize "
                   "chain");
  for (Operation *activation : chain.activations)
    if (!activation->getResult(0).hasOneUse())
      return blocked(llvm::formatv("the f32 result of {0} has users besides "
                                   "the accel.quantize",
                                   activation->getName()));

  // The bias, at scale s_lhs * s_rhs[c] with zero point 0.
  if (contraction->getNumOperands() > 2) {
    DenseElementsAttr values;
    if (!matchPattern(contraction->getOperand(2), m_Constant(&values)))
      return blocked(llvm::formatv(
          "bias is not a constant, so its i32 values at scale s_{0} * "
          "s_{1}[c] are unknown at compile time",
          lhsName, rhsName));
    SmallVector<double> weightScales;
    if (rhsPerAxis)
      llvm::append_range(weightScales, rhsPerAxis.getScales());
    else
      weightScales.push_back(cast<UniformQuantizedType>(rhsType).getScale());
    double inputScale = cast<UniformQuantizedType>(lhsType).getScale();
    SmallVector<int32_t> bias;
    for (auto [c, element] : llvm::enumerate(values.getValues<APFloat>())) {
      double b = element.convertToDouble();
      if (!std::isfinite(b))
        return blocked(llvm::formatv("bias element {0} is not finite", c));
      double weightScale = weightScales[weightScales.size() == 1 ? 0 : c];
      // The graph fixes the scales, so a bias too large for them cannot be
      // rescaled (accel-quantize grows the weight scale instead); folding
      // would saturate it and let the accumulator wrap.
      if (std::abs(b / (inputScale * weightScale)) > double(1 << 30))
        return blocked(llvm::formatv(
            "bias element {0} ({1}) needs more than 2^30 at scale s_{2} * "
            "s_{3}[c], leaving the i32 accumulator no headroom",
            c, b, lhsName, rhsName));
      bias.push_back(quantizeBiasElement(b, inputScale * weightScale));
    }
    chain.bias = std::move(bias);
  }

  // Clamp bounds that quantize like the f32 clamp's.
  for (Operation *activation : chain.activations) {
    auto clamp = dyn_cast<ClampOp>(activation);
    if (!clamp) {
      chain.clampBounds.push_back({0.0, 0.0});
      continue;
    }
    double lo = clamp.getMin().convertToDouble();
    double hi = clamp.getMax().convertToDouble();
    int64_t qlo = quantizeF32(toF32Inward(lo, /*isLower=*/true), outType);
    int64_t qhi = quantizeF32(toF32Inward(hi, /*isLower=*/false), outType);
    if (qlo > qhi)
      return blocked(llvm::formatv("clamp bounds [{0}, {1}] hold no f32 "
                                   "value",
                                   lo, hi));
    chain.clampBounds.push_back(
        {clampBoundFor(lo, /*isLower=*/true, qlo, outType),
         clampBoundFor(hi, /*isLower=*/false, qhi, outType)});
  }
  return ChainKind::Foldable;
}

//===----------------------------------------------------------------------===//
// Rewriting
//===----------------------------------------------------------------------===//

/// The discardable attributes of `from`, except a placement decided for the
/// f32 op.
void copyDiscardableAttrs(Operation *from, Operation *to) {
  for (NamedAttribute attr : from->getDiscardableAttrs())
    if (attr.getName() != AccelDialect::kPlacementAttrName)
      to->setAttr(attr.getName(), attr.getValue());
}

struct FoldQdqContraction : OpRewritePattern<QuantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(QuantizeOp quantize,
                                PatternRewriter &rewriter) const override {
    QdqChain chain;
    if (analyzeChain(quantize, chain) != ChainKind::Foldable)
      return rewriter.notifyMatchFailure(quantize, chain.reason);

    Operation *contraction = chain.contraction;
    Value oldBias = contraction->getNumOperands() > 2
                        ? contraction->getOperand(2)
                        : Value();
    Type i32 = rewriter.getI32Type();
    Value bias;
    if (chain.bias) {
      auto type = cast<RankedTensorType>(oldBias.getType()).clone(i32);
      bias = arith::ConstantOp::create(
          rewriter, oldBias.getLoc(),
          DenseElementsAttr::get(type, ArrayRef<int32_t>(*chain.bias)));
    }
    Value lhs = chain.lhs.getInput(), rhs = chain.rhs.getInput();
    Operation *folded;
    if (auto matmul = dyn_cast<MatmulOp>(contraction))
      folded = MatmulOp::create(rewriter, matmul.getLoc(), chain.resultType,
                                lhs, rhs, bias, i32, matmul.getTransposeLhs(),
                                matmul.getTransposeRhs());
    else {
      auto conv = cast<Conv2DOp>(contraction);
      folded = Conv2DOp::create(rewriter, conv.getLoc(), chain.resultType, lhs,
                                rhs, bias, i32, conv.getStrides(),
                                conv.getPadding(), conv.getDilations(),
                                conv.getGroups());
    }
    copyDiscardableAttrs(contraction, folded);

    Value result = folded->getResult(0);
    for (auto [activation, bounds] :
         llvm::zip_equal(chain.activations, chain.clampBounds)) {
      Operation *quantized;
      if (isa<ReluOp>(activation))
        quantized = ReluOp::create(rewriter, activation->getLoc(), result);
      else
        quantized = ClampOp::create(rewriter, activation->getLoc(), result,
                                    rewriter.getF64FloatAttr(bounds.first),
                                    rewriter.getF64FloatAttr(bounds.second));
      copyDiscardableAttrs(activation, quantized);
      result = quantized->getResult(0);
    }
    rewriter.replaceOp(quantize, result);

    // The f32 chain is dead now; so are the dequantize ops and the f32 bias
    // unless something else reads them.
    for (Operation *activation : llvm::reverse(chain.activations))
      rewriter.eraseOp(activation);
    rewriter.eraseOp(contraction);
    llvm::SetVector<Operation *> inputs;
    inputs.insert(chain.lhs);
    inputs.insert(chain.rhs);
    if (Operation *def = oldBias ? oldBias.getDefiningOp() : nullptr)
      inputs.insert(def);
    for (Operation *input : inputs)
      if (input->use_empty())
        rewriter.eraseOp(input);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct FoldQdqPass : public accel::impl::FoldQdqPassBase<FoldQdqPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldQdqContraction>(&getContext());
    // Only this fold: no folding, constant hoisting or region simplification
    // of unrelated IR.
    GreedyRewriteConfig config;
    config.enableFolding(false)
        .enableConstantCSE(false)
        .setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    if (failed(applyPatternsGreedily(func, std::move(patterns), config))) {
      func.emitError("accel-fold-qdq did not converge");
      return signalPassFailure();
    }

    // Remarks for what stayed, once each: a pattern may be tried more than
    // once, the IR below is final.
    llvm::DenseSet<Operation *> remarked;
    func.walk([&](QuantizeOp quantize) {
      QdqChain chain;
      if (analyzeChain(quantize, chain) != ChainKind::Blocked ||
          !remarked.insert(chain.contraction).second)
        return;
      chain.contraction->emitRemark()
          << "not folded into a quantized " << chain.contraction->getName()
          << ": " << chain.reason;
    });
  }
};

} // namespace
