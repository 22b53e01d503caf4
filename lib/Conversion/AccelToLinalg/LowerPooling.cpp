//===- LowerPooling.cpp - max_pool2d / avg_pool2d to linalg ---------------===//
//
// Both pools pad explicitly (tensor.pad) and then run linalg's NHWC pooling
// ops: max with a pad value that never wins, sum followed by an elementwise
// division. Without count_include_pad the divisor of each output position
// is the number of real input elements in its window, computed at compile
// time (shapes are static) into a constant [OH, OW] tensor.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;

namespace accel {
namespace {

/// Number of unpadded input elements in each window, row-major [OH, OW].
SmallVector<int32_t> windowCounts(int64_t h, int64_t w, int64_t oh,
                                  int64_t ow, ArrayRef<int64_t> window,
                                  ArrayRef<int64_t> strides,
                                  ArrayRef<int64_t> padding) {
  auto overlap = [](int64_t start, int64_t size, int64_t limit) {
    int64_t lo = std::max<int64_t>(start, 0);
    int64_t hi = std::min<int64_t>(start + size, limit);
    return std::max<int64_t>(hi - lo, 0);
  };
  SmallVector<int32_t> counts;
  for (int64_t y = 0; y < oh; ++y)
    for (int64_t x = 0; x < ow; ++x)
      counts.push_back(
          int32_t(overlap(y * strides[0] - padding[0], window[0], h) *
                  overlap(x * strides[1] - padding[2], window[1], w)));
  return counts;
}

/// Runs a linalg NHWC pooling op `PoolOp` over `input` into a tensor of
/// `outShape` and `element`, initialised with `init`.
template <typename PoolOp>
Value pool(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> outShape,
           Type element, TypedAttr init, ArrayRef<int64_t> window,
           ArrayRef<int64_t> strides) {
  Value empty = tensor::EmptyOp::create(b, loc, outShape, element);
  Value initValue = arith::ConstantOp::create(b, loc, init);
  Value acc = linalg::FillOp::create(b, loc, initValue, empty).getResult(0);
  Value windowShape = tensor::EmptyOp::create(b, loc, window, element);
  return PoolOp::create(
             b, loc, TypeRange{acc.getType()}, ValueRange{input, windowShape},
             ValueRange{acc},
             ArrayRef<NamedAttribute>{
                 b.getNamedAttr("strides", b.getI64TensorAttr(strides)),
                 b.getNamedAttr("dilations", b.getI64TensorAttr({1, 1}))})
      .getResult(0);
}

struct MaxPoolLowering : OpConversionPattern<MaxPool2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MaxPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getResult().getType());
    Type element = type.getElementType();
    Value input = adaptor.getInput();
    Value result;
    if (isa<FloatType>(element)) {
      // Max is exact in f32, where every narrower float widens exactly (and
      // CPUs compare natively); -inf never wins.
      Type f32 = rewriter.getF32Type();
      auto inStorage = cast<RankedTensorType>(input.getType());
      ElementwiseBuilder widen(rewriter, loc, inStorage.clone(f32));
      widen.addInput(input);
      input = widen.build([&](const auto &body) {
        return extToF32(body.b, body.loc, body.input(0));
      });
      auto lowest = rewriter.getF32FloatAttr(-INFINITY);
      Value pad = arith::ConstantOp::create(rewriter, loc, lowest);
      input = padNHWC(rewriter, loc, input, op.getPadding(), pad);
      Value max = pool<linalg::PoolingNhwcMaxOp>(rewriter, loc, input,
                                                 type.getShape(), f32, lowest,
                                                 op.getWindow(),
                                                 op.getStrides());
      ElementwiseBuilder narrow(rewriter, loc, type);
      narrow.addInput(max);
      result = narrow.build([&](const auto &body) {
        return truncFromF32(body.b, body.loc, body.input(0), element);
      });
    } else {
      // Quantized: the maximum of stored integers (monotonic since s > 0);
      // the storage minimum never wins.
      QuantInfo info = *getQuantInfo(element);
      auto lowest = rewriter.getIntegerAttr(info.storageType, info.qmin);
      Value pad = arith::ConstantOp::create(rewriter, loc, lowest);
      input = padNHWC(rewriter, loc, input, op.getPadding(), pad);
      if (info.isSigned)
        result = pool<linalg::PoolingNhwcMaxOp>(
            rewriter, loc, input, type.getShape(), info.storageType, lowest,
            op.getWindow(), op.getStrides());
      else
        result = pool<linalg::PoolingNhwcMaxUnsignedOp>(
            rewriter, loc, input, type.getShape(), info.storageType, lowest,
            op.getWindow(), op.getStrides());
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct AvgPoolLowering : OpConversionPattern<AvgPool2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AvgPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    auto type = cast<RankedTensorType>(op.getResult().getType());
    auto storage =
        cast<RankedTensorType>(getTypeConverter()->convertType(type));
    Type element = type.getElementType();
    ArrayRef<int64_t> window = op.getWindow();
    bool isFloat = isa<FloatType>(element);
    std::optional<QuantInfo> info = getQuantInfo(element);

    // Widen to the summation type: f32 for floats, i32 for stored integers.
    Type sumType = isFloat ? Type(rewriter.getF32Type())
                           : Type(rewriter.getI32Type());
    auto inStorage = cast<RankedTensorType>(adaptor.getInput().getType());
    ElementwiseBuilder widen(rewriter, loc, inStorage.clone(sumType));
    widen.addInput(adaptor.getInput());
    Value wide = widen.build([&](const auto &body) -> Value {
      if (isFloat)
        return extToF32(body.b, body.loc, body.input(0));
      return castInt(body.b, body.loc, body.input(0), sumType,
                     info->isSigned);
    });
    // Padding adds 0 to the sum. Counted padded elements are real zero,
    // that is the zero point of their channel for quantized inputs: the
    // epilogue adds (window - real elements) * zp[c] to the sum.
    Value pad = arith::ConstantOp::create(rewriter, loc,
                                          rewriter.getZeroAttr(sumType));
    wide = padNHWC(rewriter, loc, wide, op.getPadding(), pad);
    Value sum = pool<linalg::PoolingNhwcSumOp>(
        rewriter, loc, wide, type.getShape(), sumType,
        rewriter.getZeroAttr(sumType), window, op.getStrides());

    int64_t windowSize = window[0] * window[1];
    SmallVector<int32_t> counts = windowCounts(
        inType.getDimSize(1), inType.getDimSize(2), type.getDimSize(1),
        type.getDimSize(2), window, op.getStrides(), op.getPadding());
    MLIRContext *ctx = rewriter.getContext();
    auto spatialMap = AffineMap::get(
        4, 0, {getAffineDimExpr(1, ctx), getAffineDimExpr(2, ctx)}, ctx);
    auto countTable = [&](ArrayRef<int32_t> values) {
      auto tableType = RankedTensorType::get(
          {type.getDimSize(1), type.getDimSize(2)}, rewriter.getI32Type());
      return arith::ConstantOp::create(
          rewriter, loc, DenseElementsAttr::get(tableType, values));
    };
    ElementwiseBuilder divide(rewriter, loc, storage);
    divide.addInput(sum);
    ElementwiseBuilder::Param count, padded, zeroPoint;
    if (op.getCountIncludePad())
      count = divide.addIntParam({int32_t(windowSize)}, -1);
    else
      count.inputIndex = divide.addInput(countTable(counts), spatialMap);
    bool addPadding = !isFloat && op.getCountIncludePad() &&
                      llvm::any_of(counts, [&](int32_t c) {
                        return c != windowSize;
                      });
    if (addPadding) {
      SmallVector<int32_t> paddedCounts;
      for (int32_t c : counts)
        paddedCounts.push_back(int32_t(windowSize) - c);
      padded.inputIndex =
          divide.addInput(countTable(paddedCounts), spatialMap);
      SmallVector<int32_t> zeroPoints(info->zeroPoints.begin(),
                                      info->zeroPoints.end());
      zeroPoint = divide.addIntParam(zeroPoints, info->axis);
    }
    rewriter.replaceOp(op, divide.build([&](const auto &body) -> Value {
      OpBuilder &b = body.b;
      Value n = body.param(count);
      Value s = body.input(0);
      if (addPadding)
        s = arith::AddIOp::create(
            b, body.loc, s,
            arith::MulIOp::create(b, body.loc, body.param(padded),
                                  body.param(zeroPoint)));
      if (isFloat) {
        Value mean = arith::DivFOp::create(
            b, body.loc, s, arith::SIToFPOp::create(b, body.loc,
                                                    b.getF32Type(), n));
        return truncFromF32(b, body.loc, mean, element);
      }
      // round(s / n), ties away from zero: (s +- n/2) / n, truncating.
      Value half = arith::DivSIOp::create(b, body.loc, n, constI32(b, body.loc, 2));
      Value nonNegative = arith::CmpIOp::create(
          b, body.loc, arith::CmpIPredicate::sge, s, constI32(b, body.loc, 0));
      Value biased = arith::SelectOp::create(
          b, body.loc, nonNegative, arith::AddIOp::create(b, body.loc, s, half),
          arith::SubIOp::create(b, body.loc, s, half));
      Value mean = arith::DivSIOp::create(b, body.loc, biased, n);
      mean = clampSigned(b, body.loc, mean, info->qmin, info->qmax);
      return castInt(b, body.loc, mean, info->storageType, true);
    }));
    return success();
  }
};

} // namespace

void populatePoolingLowering(const TypeConverter &converter,
                             RewritePatternSet &patterns) {
  patterns.add<MaxPoolLowering, AvgPoolLowering>(converter,
                                                 patterns.getContext());
}

} // namespace accel
