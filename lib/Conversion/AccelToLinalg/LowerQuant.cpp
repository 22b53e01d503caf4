//===- LowerQuant.cpp - quantize, dequantize, requantize, cast ------------===//
//
// Precision changes are elementwise generics. Per-axis parameters enter as
// 1-D constant tensors read along the quantized dimension; requantization
// multipliers are computed here, at compile time, by the shared header.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"

using namespace mlir;

namespace accel {
namespace {

SmallVector<float> toF32(ArrayRef<double> values) {
  return SmallVector<float>(values.begin(), values.end());
}

SmallVector<int32_t> toI32(ArrayRef<int64_t> values) {
  return SmallVector<int32_t>(values.begin(), values.end());
}

struct QuantizeLowering : OpConversionPattern<QuantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getResult().getType());
    QuantInfo info = *getQuantInfo(type.getElementType());
    ElementwiseBuilder generic(
        rewriter, op.getLoc(),
        cast<RankedTensorType>(getTypeConverter()->convertType(type)));
    generic.addInput(adaptor.getInput());
    auto scale = generic.addFloatParam(toF32(info.scales), info.axis);
    auto zp = generic.addIntParam(toI32(info.zeroPoints), info.axis);
    rewriter.replaceOp(op, generic.build([&](const auto &body) {
      Value x = extToF32(body.b, body.loc, body.input(0));
      return emitQuantize(body.b, body.loc, x, body.param(scale),
                          body.param(zp), info);
    }));
    return success();
  }
};

struct DequantizeLowering : OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    auto type = cast<RankedTensorType>(op.getResult().getType());
    QuantInfo info = *getQuantInfo(inType.getElementType());
    ElementwiseBuilder generic(rewriter, op.getLoc(), type);
    generic.addInput(adaptor.getInput());
    auto scale = generic.addFloatParam(toF32(info.scales), info.axis);
    auto zp = generic.addIntParam(toI32(info.zeroPoints), info.axis);
    rewriter.replaceOp(op, generic.build([&](const auto &body) {
      Value x = emitDequantize(body.b, body.loc, body.input(0),
                               body.param(scale), body.param(zp), info);
      return truncFromF32(body.b, body.loc, x, type.getElementType());
    }));
    return success();
  }
};

struct RequantizeLowering : OpConversionPattern<RequantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    auto type = cast<RankedTensorType>(op.getResult().getType());
    QuantInfo in = *getQuantInfo(inType.getElementType());
    QuantInfo out = *getQuantInfo(type.getElementType());
    RequantParams params = computeRequantParams(in.scales, out.scales[0]);
    auto storage =
        cast<RankedTensorType>(getTypeConverter()->convertType(type));
    ElementwiseBuilder generic(rewriter, op.getLoc(), storage);
    generic.addInput(adaptor.getInput());
    auto zp = generic.addIntParam(toI32(in.zeroPoints), in.axis);
    auto multiplier = generic.addIntParam(params.multiplier, in.axis);
    auto left = generic.addIntParam(params.leftShift, in.axis);
    auto right = generic.addIntParam(params.rightShift, in.axis);
    rewriter.replaceOp(op, generic.build([&](const auto &body) {
      OpBuilder &b = body.b;
      // x = sat32(q - zp_in), exact in i64.
      Value q = castInt(b, body.loc, body.input(0), b.getI64Type(),
                        in.isSigned);
      Value zp64 = castInt(b, body.loc, body.param(zp), b.getI64Type(), true);
      Value x = arith::SubIOp::create(b, body.loc, q, zp64);
      x = clampSigned(b, body.loc, x, INT32_MIN, INT32_MAX);
      x = arith::TruncIOp::create(b, body.loc, b.getI32Type(), x);
      Value r = emitRequantize(b, body.loc, x, body.param(multiplier),
                               body.param(left), body.param(right),
                               out.zeroPoints[0], out.qmin, out.qmax);
      return castInt(b, body.loc, r, out.storageType, true);
    }));
    return success();
  }
};

struct CastLowering : OpConversionPattern<CastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(CastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getResult().getType());
    ElementwiseBuilder generic(rewriter, op.getLoc(), type);
    generic.addInput(adaptor.getInput());
    rewriter.replaceOp(op, generic.build([&](const auto &body) {
      // Through f32: widening is exact and f32 -> narrower rounds to nearest
      // even once, overflowing to infinity (f16, bf16).
      Value x = extToF32(body.b, body.loc, body.input(0));
      return truncFromF32(body.b, body.loc, x, type.getElementType());
    }));
    return success();
  }
};

/// quant.scast reinterprets storage integers as quantized values (or back);
/// after type conversion both sides are the same tensor.
struct StorageCastLowering : OpConversionPattern<quant::StorageCastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(quant::StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getResult().getType());
    if (type != adaptor.getInput().getType())
      return rewriter.notifyMatchFailure(op, "not a storage reinterpretation");
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

} // namespace

void populateQuantLowering(const TypeConverter &converter,
                           RewritePatternSet &patterns) {
  patterns.add<QuantizeLowering, DequantizeLowering, RequantizeLowering,
               CastLowering, StorageCastLowering>(converter,
                                                  patterns.getContext());
}

} // namespace accel
