//===- LowerElementwise.cpp - relu, clamp, add, sub, mul to linalg --------===//
//
// Floats narrower than f32 are computed in f32 and rounded once (exact for
// relu and clamp). Quantized relu and clamp compare stored integers against
// bounds quantized at compile time; quantized add/sub/mul follow their
// real-valued definition: dequantize in f32, operate, quantize.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;

namespace accel {
namespace {

/// Integer max/min honouring the storage signedness.
Value intMax(OpBuilder &b, Location loc, Value x, Value y, bool isSigned) {
  if (isSigned)
    return arith::MaxSIOp::create(b, loc, x, y);
  return arith::MaxUIOp::create(b, loc, x, y);
}
Value intMin(OpBuilder &b, Location loc, Value x, Value y, bool isSigned) {
  if (isSigned)
    return arith::MinSIOp::create(b, loc, x, y);
  return arith::MinUIOp::create(b, loc, x, y);
}

/// Lowers relu and clamp: relu is clamp(0, +inf).
template <typename OpTy>
struct ClampLikeLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpConversionPattern<OpTy>::OpAdaptor;

  static std::pair<double, double> bounds(OpTy op) {
    if constexpr (std::is_same_v<OpTy, ClampOp>)
      return {op.getMin().convertToDouble(), op.getMax().convertToDouble()};
    return {0.0, INFINITY};
  }

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getResult().getType());
    auto storage = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(type));
    auto [lo, hi] = bounds(op);
    ElementwiseBuilder generic(rewriter, loc, storage);
    generic.addInput(adaptor.getInput());
    Type element = type.getElementType();
    if (auto floatType = dyn_cast<FloatType>(element)) {
      // Bounds rounded inward into the element type, then compared in f32
      // (exact: every element-type value is an f32 value).
      auto inward = [&](double v, llvm::RoundingMode mode) {
        APFloat value(v);
        bool lost;
        value.convert(floatType.getFloatSemantics(), mode, &lost);
        return value.convertToDouble();
      };
      double flo = inward(lo, llvm::RoundingMode::TowardPositive);
      double fhi = inward(hi, llvm::RoundingMode::TowardNegative);
      rewriter.replaceOp(op, generic.build([&](const auto &body) -> Value {
        Value x = extToF32(body.b, body.loc, body.input(0));
        if (!std::isinf(flo) || flo > 0)
          x = arith::MaximumFOp::create(body.b, body.loc, x,
                                        constF32(body.b, body.loc, flo));
        if (!std::isinf(fhi) || fhi < 0)
          x = arith::MinimumFOp::create(body.b, body.loc, x,
                                        constF32(body.b, body.loc, fhi));
        return truncFromF32(body.b, body.loc, x, element);
      }));
      return success();
    }
    QuantInfo info = *getQuantInfo(element);
    SmallVector<int32_t> los, his;
    quantizedClampBounds(info, lo, hi, los, his);
    auto loParam = generic.addIntParam(los, info.axis);
    auto hiParam = generic.addIntParam(his, info.axis);
    Type storageElement = storage.getElementType();
    rewriter.replaceOp(op, generic.build([&](const auto &body) -> Value {
      OpBuilder &b = body.b;
      Value loV = castInt(b, body.loc, body.param(loParam), storageElement,
                          true);
      Value hiV = castInt(b, body.loc, body.param(hiParam), storageElement,
                          true);
      Value x = intMax(b, body.loc, body.input(0), loV, info.isSigned);
      return intMin(b, body.loc, x, hiV, info.isSigned);
    }));
    return success();
  }
};

/// NumPy broadcasting as an indexing map: operand dimension i aligns with
/// output dimension i + (outRank - rank); size-1 dimensions that broadcast
/// read index 0.
AffineMap broadcastMap(MLIRContext *ctx, RankedTensorType operand,
                       RankedTensorType out) {
  int64_t offset = out.getRank() - operand.getRank();
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < operand.getRank(); ++i) {
    if (operand.getDimSize(i) == 1 && out.getDimSize(i + offset) != 1)
      exprs.push_back(getAffineConstantExpr(0, ctx));
    else
      exprs.push_back(getAffineDimExpr(i + offset, ctx));
  }
  return AffineMap::get(out.getRank(), 0, exprs, ctx);
}

template <typename OpTy>
struct BinaryLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpConversionPattern<OpTy>::OpAdaptor;

  static Value apply(OpBuilder &b, Location loc, Value x, Value y) {
    if constexpr (std::is_same_v<OpTy, AddOp>)
      return arith::AddFOp::create(b, loc, x, y);
    else if constexpr (std::is_same_v<OpTy, SubOp>)
      return arith::SubFOp::create(b, loc, x, y);
    else
      return arith::MulFOp::create(b, loc, x, y);
  }

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
    auto type = cast<RankedTensorType>(op.getResult().getType());
    auto storage = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(type));
    MLIRContext *ctx = rewriter.getContext();
    ElementwiseBuilder generic(rewriter, loc, storage);
    generic.addInput(adaptor.getLhs(), broadcastMap(ctx, lhsType, type));
    generic.addInput(adaptor.getRhs(), broadcastMap(ctx, rhsType, type));
    Type element = type.getElementType();
    std::optional<QuantInfo> lhsInfo = getQuantInfo(lhsType.getElementType());
    std::optional<QuantInfo> rhsInfo = getQuantInfo(rhsType.getElementType());
    std::optional<QuantInfo> outInfo = getQuantInfo(element);
    rewriter.replaceOp(op, generic.build([&](const auto &body) -> Value {
      OpBuilder &b = body.b;
      if (!outInfo) {
        Value r = apply(b, body.loc, extToF32(b, body.loc, body.input(0)),
                        extToF32(b, body.loc, body.input(1)));
        return truncFromF32(b, body.loc, r, element);
      }
      auto scale = [&](const QuantInfo &info) {
        return constF32(b, body.loc, info.scales[0]);
      };
      auto zeroPoint = [&](const QuantInfo &info) {
        return constI32(b, body.loc, info.zeroPoints[0]);
      };
      Value x = emitDequantize(b, body.loc, body.input(0), scale(*lhsInfo),
                               zeroPoint(*lhsInfo), *lhsInfo);
      Value y = emitDequantize(b, body.loc, body.input(1), scale(*rhsInfo),
                               zeroPoint(*rhsInfo), *rhsInfo);
      Value r = apply(b, body.loc, x, y);
      return emitQuantize(b, body.loc, r, scale(*outInfo),
                          zeroPoint(*outInfo), *outInfo);
    }));
    return success();
  }
};

} // namespace

void populateElementwiseLowering(const TypeConverter &converter,
                                 RewritePatternSet &patterns) {
  patterns.add<ClampLikeLowering<ReluOp>, ClampLikeLowering<ClampOp>,
               BinaryLowering<AddOp>, BinaryLowering<SubOp>,
               BinaryLowering<MulOp>>(converter, patterns.getContext());
}

} // namespace accel
