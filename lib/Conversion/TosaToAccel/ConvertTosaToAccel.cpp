//===- ConvertTosaToAccel.cpp - the convert-tosa-to-accel pass ------------===//
//
// This file implements convert-tosa-to-accel: rewrite patterns from TOSA
// contractions, elementwise ops, rescale and pooling to accel ops, applied
// in one walk so that every op accel cannot express stays TOSA (and later runs
// on the host through upstream tosa-to-linalg).
//
// TOSA's quantized ops carry plain integer tensors and zero-point operands,
// not scales. Contractions keep exact semantics without scales: zero point 0
// gives raw signless `i8` operands; any other zero point becomes a
// `!quant.uniform<i8:f32, 1.0:zp>` operand (via `quant.scast`) with a raw
// `i32` result, whose value does not depend on the scale. Ops whose result
// would depend on a scale (integer elementwise ops, integer avg_pool2d) are
// left unchanged.
//
//===----------------------------------------------------------------------===//
#include "accel/Conversion/Passes.h"

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <cmath>
#include <cstring>

namespace accel {
#define GEN_PASS_DEF_CONVERTTOSATOACCELPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

bool isAccelFloat(Type type) { return isa<Float32Type, Float16Type, BFloat16Type>(type); }

bool isSignlessInt(Type type, unsigned width) {
  return type.isSignlessInteger(width);
}

bool hasStaticShape(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return type && type.hasStaticShape();
}

/// The i8 quantized type with scale 1.0 used to carry a TOSA zero point.
quant::UniformQuantizedType unitScaleType(MLIRContext *ctx, int64_t zp) {
  return quant::UniformQuantizedType::get(
      quant::QuantizationFlags::Signed, IntegerType::get(ctx, 8),
      Float32Type::get(ctx), 1.0, zp, -128, 127);
}

/// `value` (an i8 tensor) as a quantized tensor with zero point `zp`.
Value castToQuant(PatternRewriter &rewriter, Location loc, Value value,
                  Type elementType) {
  auto type = cast<RankedTensorType>(value.getType());
  return quant::StorageCastOp::create(rewriter, loc,
                                      type.clone(elementType), value);
}

/// Permutes the dimensions of a constant: result dim i is input dim perm[i].
DenseElementsAttr permuteConstant(DenseElementsAttr attr,
                                  ArrayRef<int64_t> perm) {
  auto type = cast<RankedTensorType>(attr.getType());
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(type.getDimSize(p));
  auto resultType = type.clone(shape);
  if (attr.isSplat())
    return attr.resizeSplat(resultType);
  unsigned bits = type.getElementType().getIntOrFloatBitWidth();
  if (bits % 8 != 0)
    return {};
  size_t bytes = bits / 8;
  ArrayRef<char> raw = attr.getRawData();
  std::vector<char> out(raw.size());
  int64_t rank = type.getRank();
  SmallVector<int64_t> inStrides(rank, 1);
  for (int64_t i = rank - 2; i >= 0; --i)
    inStrides[i] = inStrides[i + 1] * type.getDimSize(i + 1);
  SmallVector<int64_t> index(rank, 0);
  for (int64_t linear = 0, e = type.getNumElements(); linear < e; ++linear) {
    int64_t source = 0;
    for (int64_t i = 0; i < rank; ++i)
      source += index[i] * inStrides[perm[i]];
    std::memcpy(&out[linear * bytes], &raw[source * bytes], bytes);
    for (int64_t i = rank - 1; i >= 0; --i) {
      if (++index[i] < shape[i])
        break;
      index[i] = 0;
    }
  }
  return DenseElementsAttr::getFromRawBuffer(resultType, out);
}

/// `value` with its dimensions permuted by `perm`: folded for constants,
/// else a linalg.transpose.
Value transpose(PatternRewriter &rewriter, Location loc, Value value,
                ArrayRef<int64_t> perm) {
  DenseElementsAttr attr;
  if (matchPattern(value, m_Constant(&attr)))
    if (DenseElementsAttr permuted = permuteConstant(attr, perm))
      return arith::ConstantOp::create(rewriter, loc, permuted);
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(type.getDimSize(p));
  Value empty = tensor::EmptyOp::create(rewriter, loc, shape,
                                        type.getElementType());
  return linalg::TransposeOp::create(rewriter, loc, value, empty, perm)
      .getResult()[0];
}

/// `value` reshaped to `shape` (same element order): folded for constants,
/// else a tensor.collapse_shape / tensor.expand_shape pair through the
/// rank-`collapsed.size()` shape.
Value reshapeDepthwiseFilter(PatternRewriter &rewriter, Location loc,
                             Value value) {
  // [KH, KW, C, M] -> [KH, KW, 1, C*M].
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape = {type.getDimSize(0), type.getDimSize(1), 1,
                                type.getDimSize(2) * type.getDimSize(3)};
  auto resultType = type.clone(shape);
  DenseElementsAttr attr;
  if (matchPattern(value, m_Constant(&attr)))
    return arith::ConstantOp::create(rewriter, loc, attr.reshape(resultType));
  SmallVector<ReassociationIndices> reassociation = {{0}, {1}, {2, 3}};
  Value collapsed =
      tensor::CollapseShapeOp::create(rewriter, loc, value, reassociation);
  return tensor::ExpandShapeOp::create(rewriter, loc, resultType, collapsed,
                                       reassociation);
}

/// True when `value` is a constant whose elements are all zero.
bool isZeroConstant(Value value) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return false;
  if (isa<FloatType>(attr.getElementType()))
    return llvm::all_of(attr.getValues<APFloat>(),
                        [](const APFloat &v) { return v.isZero(); });
  if (isa<IntegerType>(attr.getElementType()))
    return llvm::all_of(attr.getValues<APInt>(),
                        [](const APInt &v) { return v.isZero(); });
  return false;
}

/// The operand and accumulator types of a TOSA contraction, shared by
/// matmul and the convolutions: converts the operands (quantized ones with a
/// non-zero zero point to unit-scale quant types) and returns the accumulator
/// type, or a failure reason.
struct ContractionOperands {
  Value lhs, rhs;
  Type accumulator;
};

FailureOr<ContractionOperands>
prepareContraction(PatternRewriter &rewriter, Operation *op, Value lhs,
                   Value rhs, FailureOr<int64_t> lhsZp,
                   FailureOr<int64_t> rhsZp, Type resultElement,
                   std::string &reason) {
  Type lhsElement = getElementTypeOrSelf(lhs.getType());
  Type rhsElement = getElementTypeOrSelf(rhs.getType());
  if (!hasStaticShape(lhs) || !hasStaticShape(rhs)) {
    reason = "dynamic shapes are not converted";
    return failure();
  }
  if (isAccelFloat(lhsElement)) {
    if (lhsElement != rhsElement || !isAccelFloat(resultElement)) {
      reason = "mixed float operand types";
      return failure();
    }
    return ContractionOperands{lhs, rhs, rewriter.getF32Type()};
  }
  if (!isSignlessInt(lhsElement, 8) || !isSignlessInt(rhsElement, 8) ||
      !isSignlessInt(resultElement, 32)) {
    reason = "only f32/f16/bf16 and i8 x i8 -> i32 contractions convert";
    return failure();
  }
  if (failed(lhsZp) || failed(rhsZp)) {
    reason = "zero points are not constants";
    return failure();
  }
  if (*lhsZp == 0 && *rhsZp == 0)
    return ContractionOperands{lhs, rhs, rewriter.getI32Type()};
  // Raw i32 accumulators of (q - zp) products: exact for any scale, so the
  // unit scale carries only the zero point.
  MLIRContext *ctx = rewriter.getContext();
  Location loc = op->getLoc();
  return ContractionOperands{
      castToQuant(rewriter, loc, lhs, unitScaleType(ctx, *lhsZp)),
      castToQuant(rewriter, loc, rhs, unitScaleType(ctx, *rhsZp)),
      rewriter.getI32Type()};
}

/// The TOSA bias as an accel bias of `[F]` in the accumulator type, a null
/// Value when the bias is zero, or failure.
FailureOr<Value> convertBias(PatternRewriter &rewriter, Location loc,
                             Value bias, int64_t channels, Type accumulator,
                             std::string &reason) {
  if (isZeroConstant(bias))
    return Value();
  auto type = cast<RankedTensorType>(bias.getType());
  DenseElementsAttr attr;
  if (type.getDimSize(0) != channels) {
    if (!matchPattern(bias, m_Constant(&attr)) || !attr.isSplat()) {
      reason = "a broadcast ([1]) bias must be a splat constant";
      return failure();
    }
    type = type.clone({channels});
    bias = arith::ConstantOp::create(rewriter, loc, attr.resizeSplat(type));
  }
  if (type.getElementType() == accumulator)
    return bias;
  if (isAccelFloat(type.getElementType()) && accumulator.isF32())
    return Value(CastOp::create(rewriter, loc, type.clone(accumulator), bias));
  reason = "bias type does not match the accumulator";
  return failure();
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

struct MatMulPattern : OpRewritePattern<tosa::MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::MatMulOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    std::string reason;
    // Check before creating any op, so a failed match leaves no debris.
    {
      Type lhs = getElementTypeOrSelf(op.getA().getType());
      if (!isAccelFloat(lhs) && !(isSignlessInt(lhs, 8) &&
                                   (succeeded(op.getAZeroPoint()) &&
                                    succeeded(op.getBZeroPoint()))))
        return rewriter.notifyMatchFailure(
            op, "only f32/f16/bf16 and i8 operands with constant zero points "
                "convert");
    }
    FailureOr<ContractionOperands> operands = prepareContraction(
        rewriter, op, op.getA(), op.getB(), op.getAZeroPoint(),
        op.getBZeroPoint(), resultType.getElementType(), reason);
    if (failed(operands))
      return rewriter.notifyMatchFailure(op, reason);
    rewriter.replaceOpWithNewOp<MatmulOp>(
        op, resultType, operands->lhs, operands->rhs, /*bias=*/Value(),
        TypeAttr::get(operands->accumulator), UnitAttr(), UnitAttr());
    return success();
  }
};

/// Checks shared by conv2d and depthwise_conv2d before anything is created.
template <typename ConvOp>
LogicalResult checkConv(ConvOp op, std::string &reason) {
  Type input = getElementTypeOrSelf(op.getInput().getType());
  Type result = getElementTypeOrSelf(op.getType());
  if (!hasStaticShape(op.getInput()) || !hasStaticShape(op.getWeight()) ||
      !hasStaticShape(op.getBias()) || !hasStaticShape(op.getResult())) {
    reason = "dynamic shapes are not converted";
    return failure();
  }
  if (isAccelFloat(input)) {
    if (getElementTypeOrSelf(op.getWeight().getType()) != input ||
        !isAccelFloat(result)) {
      reason = "mixed float operand types";
      return failure();
    }
  } else if (!(isSignlessInt(input, 8) &&
               isSignlessInt(getElementTypeOrSelf(op.getWeight().getType()),
                             8) &&
               isSignlessInt(result, 32))) {
    reason = "only f32/f16/bf16 and i8 x i8 -> i32 convolutions convert";
    return failure();
  } else if (failed(op.getInputZeroPoint()) ||
             failed(op.getWeightZeroPoint())) {
    reason = "zero points are not constants";
    return failure();
  }
  int64_t channels = cast<RankedTensorType>(op.getType()).getDimSize(3);
  int64_t biasSize = cast<RankedTensorType>(op.getBias().getType()).getDimSize(0);
  if (biasSize != channels && !isZeroConstant(op.getBias())) {
    DenseElementsAttr attr;
    if (!matchPattern(op.getBias(), m_Constant(&attr)) || !attr.isSplat()) {
      reason = "a broadcast ([1]) bias must be a splat constant";
      return failure();
    }
  }
  return success();
}

template <typename ConvOp>
LogicalResult rewriteConv(ConvOp op, PatternRewriter &rewriter, Value filter,
                          int64_t groups) {
  Location loc = op.getLoc();
  auto resultType = cast<RankedTensorType>(op.getType());
  std::string reason;
  FailureOr<ContractionOperands> operands = prepareContraction(
      rewriter, op, op.getInput(), filter, op.getInputZeroPoint(),
      op.getWeightZeroPoint(), resultType.getElementType(), reason);
  if (failed(operands))
    return rewriter.notifyMatchFailure(op, reason);
  FailureOr<Value> bias =
      convertBias(rewriter, loc, op.getBias(), resultType.getDimSize(3),
                  operands->accumulator, reason);
  if (failed(bias))
    return rewriter.notifyMatchFailure(op, reason);
  rewriter.replaceOpWithNewOp<Conv2DOp>(
      op, resultType, operands->lhs, operands->rhs, *bias,
      TypeAttr::get(operands->accumulator),
      rewriter.getDenseI64ArrayAttr(op.getStride()),
      rewriter.getDenseI64ArrayAttr(op.getPad()),
      rewriter.getDenseI64ArrayAttr(op.getDilation()),
      rewriter.getI64IntegerAttr(groups));
  return success();
}

struct Conv2DPattern : OpRewritePattern<tosa::Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    if (failed(checkConv(op, reason)))
      return rewriter.notifyMatchFailure(op, reason);
    // TOSA's OHWI [F, KH, KW, C] filter becomes accel's HWCF [KH, KW, C, F].
    Value filter = transpose(rewriter, op.getLoc(), op.getWeight(),
                             {1, 2, 3, 0});
    return rewriteConv(op, rewriter, filter, /*groups=*/1);
  }
};

struct DepthwiseConv2DPattern : OpRewritePattern<tosa::DepthwiseConv2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::DepthwiseConv2DOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    if (failed(checkConv(op, reason)))
      return rewriter.notifyMatchFailure(op, reason);
    // [KH, KW, C, M] holds output channel c*M + m at [.., c, m], exactly the
    // order of a [KH, KW, 1, C*M] filter with groups = C.
    int64_t channels =
        cast<RankedTensorType>(op.getInput().getType()).getDimSize(3);
    Value filter = reshapeDepthwiseFilter(rewriter, op.getLoc(), op.getWeight());
    return rewriteConv(op, rewriter, filter, channels);
  }
};

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

LogicalResult checkFloatElementwise(Operation *op, std::string &reason) {
  SmallVector<Type> types = {op->getOperand(0).getType(),
                            op->getResult(0).getType()};
  if (op->getNumOperands() > 1) // binary ops (mul's shift is checked apart)
    types.push_back(op->getOperand(1).getType());
  for (Type type : types)
    if (!isa<RankedTensorType>(type) ||
        !isAccelFloat(getElementTypeOrSelf(type))) {
      reason = "accel elementwise ops take f32/f16/bf16 (or quantized) "
               "tensors; TOSA integer tensors carry no scales";
      return failure();
    }
  return success();
}

template <typename TosaOp, typename AccelOp>
struct BinaryPattern : OpRewritePattern<TosaOp> {
  using OpRewritePattern<TosaOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(TosaOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    if (failed(checkFloatElementwise(op, reason)))
      return rewriter.notifyMatchFailure(op, reason);
    if constexpr (std::is_same_v<TosaOp, tosa::MulOp>) {
      DenseElementsAttr attr;
      if (!matchPattern(op.getShift(), m_Constant(&attr)) ||
          !llvm::all_of(attr.getValues<APInt>(),
                        [](const APInt &v) { return v.isZero(); }))
        return rewriter.notifyMatchFailure(op, "only shift 0 converts");
    }
    rewriter.replaceOpWithNewOp<AccelOp>(op, op.getType(), op->getOperand(0),
                                         op->getOperand(1));
    return success();
  }
};

struct ClampPattern : OpRewritePattern<tosa::ClampOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::ClampOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    if (failed(checkFloatElementwise(op, reason)))
      return rewriter.notifyMatchFailure(op, reason);
    auto minAttr = dyn_cast<FloatAttr>(op.getMinValAttr());
    auto maxAttr = dyn_cast<FloatAttr>(op.getMaxValAttr());
    if (!minAttr || !maxAttr)
      return rewriter.notifyMatchFailure(op, "bounds are not floats");
    APFloat max = maxAttr.getValue();
    bool unbounded =
        (max.isInfinity() && !max.isNegative()) ||
        max.compare(APFloat::getLargest(max.getSemantics())) !=
            APFloat::cmpLessThan;
    if (minAttr.getValue().isZero() && unbounded) {
      rewriter.replaceOpWithNewOp<ReluOp>(op, op.getInput());
      return success();
    }
    double lo = minAttr.getValueAsDouble(), hi = maxAttr.getValueAsDouble();
    if (max.isInfinity() && !max.isNegative())
      hi = INFINITY;
    rewriter.replaceOpWithNewOp<ClampOp>(op, op.getInput(),
                                         rewriter.getF64FloatAttr(lo),
                                         rewriter.getF64FloatAttr(hi));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Rescale
//===----------------------------------------------------------------------===//

struct RescalePattern : OpRewritePattern<tosa::RescaleOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::RescaleOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType || !inputType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not converted");
    Type in = inputType.getElementType(), out = resultType.getElementType();
    if (op.getInputUnsigned() || op.getOutputUnsigned())
      return rewriter.notifyMatchFailure(op, "unsigned rescales stay TOSA");
    if (!(isSignlessInt(in, 8) || isSignlessInt(in, 16) ||
          isSignlessInt(in, 32)) ||
        !(isSignlessInt(out, 8) || isSignlessInt(out, 16)))
      return rewriter.notifyMatchFailure(
          op, "only i8/i16/i32 -> i8/i16 rescales convert");
    if (!op.getScale32())
      return rewriter.notifyMatchFailure(op, "only 32-bit multipliers convert");
    // accel's MBQM (docs/Numerics.md) equals TOSA's apply_scale_32 with
    // double_round for normalized multipliers and every shift in [2, 62];
    // SINGLE_ROUND differs from it only for shifts above 31.
    tosa::RoundingMode rounding = op.getRoundingMode();
    if (rounding == tosa::RoundingMode::INEXACT_ROUND)
      return rewriter.notifyMatchFailure(op, "INEXACT_ROUND stays TOSA");
    FailureOr<int64_t> inZp = op.getInputZeroPoint();
    FailureOr<int64_t> outZp = op.getOutputZeroPoint();
    if (failed(inZp) || failed(outZp))
      return rewriter.notifyMatchFailure(op, "zero points are not constants");
    DenseElementsAttr multipliers, shifts;
    if (!matchPattern(op.getMultiplier(), m_Constant(&multipliers)) ||
        !matchPattern(op.getShift(), m_Constant(&shifts)))
      return rewriter.notifyMatchFailure(op,
                                         "multiplier or shift not constant");
    // accel recomputes (m, shift) from scale_in / scale_out with frexp: it
    // reproduces them exactly when m is normalized to [2^30, 2^31).
    SmallVector<double> scales;
    for (auto [m, s] : llvm::zip(multipliers.getValues<APInt>(),
                                 shifts.getValues<APInt>())) {
      int64_t mult = m.getSExtValue(), shift = s.getSExtValue();
      if (mult < (int64_t(1) << 30) || shift < 2 || shift > 62)
        return rewriter.notifyMatchFailure(
            op, "multiplier is not normalized to [2^30, 2^31) or shift is "
                "outside [2, 62]");
      if (rounding == tosa::RoundingMode::SINGLE_ROUND && shift > 31)
        return rewriter.notifyMatchFailure(
            op, "SINGLE_ROUND with a shift above 31 rounds once, accel twice");
      scales.push_back(std::ldexp(double(mult), -int(shift)));
    }
    int64_t channels = inputType.getRank() ? inputType.getDimSize(
                                                 inputType.getRank() - 1)
                                           : 1;
    if (op.getPerChannel() && int64_t(scales.size()) != channels)
      return rewriter.notifyMatchFailure(op, "per-channel size mismatch");

    Type f32 = rewriter.getF32Type();
    auto storageRange = [](unsigned width, int64_t &lo, int64_t &hi) {
      lo = -(int64_t(1) << (width - 1));
      hi = (int64_t(1) << (width - 1)) - 1;
    };
    int64_t inMin, inMax, outMin, outMax;
    storageRange(in.getIntOrFloatBitWidth(), inMin, inMax);
    storageRange(out.getIntOrFloatBitWidth(), outMin, outMax);
    Type inQuant;
    if (op.getPerChannel() && inputType.getRank() > 0) {
      SmallVector<int64_t> zps(scales.size(), *inZp);
      inQuant = quant::UniformQuantizedPerAxisType::get(
          quant::QuantizationFlags::Signed, in, f32, scales, zps,
          inputType.getRank() - 1, inMin, inMax);
    } else {
      inQuant = quant::UniformQuantizedType::get(
          quant::QuantizationFlags::Signed, in, f32, scales.front(), *inZp,
          inMin, inMax);
    }
    Type outQuant = quant::UniformQuantizedType::get(
        quant::QuantizationFlags::Signed, out, f32, 1.0, *outZp, outMin,
        outMax);
    Location loc = op.getLoc();
    Value input = castToQuant(rewriter, loc, op.getInput(), inQuant);
    Value requantized = RequantizeOp::create(
        rewriter, loc, resultType.clone(outQuant), input);
    rewriter.replaceOpWithNewOp<quant::StorageCastOp>(op, resultType,
                                                      requantized);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

struct MaxPool2DPattern : OpRewritePattern<tosa::MaxPool2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::MaxPool2dOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!inputType.hasStaticShape() || !resultType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not converted");
    Type element = inputType.getElementType();
    Location loc = op.getLoc();
    auto window = rewriter.getDenseI64ArrayAttr(op.getKernel());
    auto strides = rewriter.getDenseI64ArrayAttr(op.getStride());
    auto padding = rewriter.getDenseI64ArrayAttr(op.getPad());
    if (isAccelFloat(element)) {
      rewriter.replaceOpWithNewOp<MaxPool2DOp>(op, resultType, op.getInput(),
                                               window, strides, padding);
      return success();
    }
    if (!isSignlessInt(element, 8))
      return rewriter.notifyMatchFailure(
          op, "only f32/f16/bf16 and i8 max pooling converts");
    // The maximum of stored values does not depend on the scale.
    Type quant = unitScaleType(rewriter.getContext(), 0);
    Value input = castToQuant(rewriter, loc, op.getInput(), quant);
    Value pooled = MaxPool2DOp::create(rewriter, loc, resultType.clone(quant),
                                       input, window, strides, padding);
    rewriter.replaceOpWithNewOp<quant::StorageCastOp>(op, resultType, pooled);
    return success();
  }
};

struct AvgPool2DPattern : OpRewritePattern<tosa::AvgPool2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::AvgPool2dOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!inputType.hasStaticShape() || !resultType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not converted");
    if (!isAccelFloat(inputType.getElementType()))
      return rewriter.notifyMatchFailure(
          op, "integer avg_pool2d rounds with TOSA's reciprocal multiplier, "
              "not accel's division");
    // TOSA divides by the number of input (non-padding) elements: accel's
    // default, without count_include_pad.
    rewriter.replaceOpWithNewOp<AvgPool2DOp>(
        op, resultType, op.getInput(),
        rewriter.getDenseI64ArrayAttr(op.getKernel()),
        rewriter.getDenseI64ArrayAttr(op.getStride()),
        rewriter.getDenseI64ArrayAttr(op.getPad()), UnitAttr());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct ConvertTosaToAccelPass
    : impl::ConvertTosaToAccelPassBase<ConvertTosaToAccelPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<MatMulPattern, Conv2DPattern, DepthwiseConv2DPattern,
                 BinaryPattern<tosa::AddOp, AddOp>,
                 BinaryPattern<tosa::SubOp, SubOp>,
                 BinaryPattern<tosa::MulOp, MulOp>, ClampPattern,
                 RescalePattern, MaxPool2DPattern, AvgPool2DPattern>(ctx);
    // One walk, no folding: ops that do not convert stay exactly as written.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
} // namespace accel
