//===- ConvertLinalgToAccel.cpp - the convert-linalg-to-accel pass --------===//
//
// This file implements convert-linalg-to-accel: rewrite patterns from linalg
// named contractions, convolutions and max pooling on tensors (and a relu
// `linalg.generic`) to accel ops. Producing `linalg.fill` inits and
// `tensor.pad` inputs are folded into the accel op when they mean "start from
// zero" and "pad with the neutral element". Everything else stays linalg.
//
//===----------------------------------------------------------------------===//
#include "accel/Conversion/Passes.h"

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace accel {
#define GEN_PASS_DEF_CONVERTLINALGTOACCELPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

bool isAccelFloat(Type type) {
  return isa<Float32Type, Float16Type, BFloat16Type>(type);
}

bool allStatic(ValueRange values) {
  return llvm::all_of(values, [](Value v) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    return type && type.hasStaticShape();
  });
}

/// The accumulator type of a contraction with these operand and result
/// element types, or null when accel has no such contraction: float
/// operands of one type accumulate in f32; signless i8 (or i4) operands give
/// raw accumulators of the result type (i32).
Type accumulatorFor(Type lhs, Type rhs, Type result) {
  if (isAccelFloat(lhs) && lhs == rhs && isAccelFloat(result))
    return Float32Type::get(lhs.getContext());
  if (lhs == rhs && (lhs.isSignlessInteger(8) || lhs.isSignlessInteger(4)) &&
      result.isSignlessInteger(32))
    return result;
  return {};
}

/// The scalar a `linalg.fill` producing `value` fills with, if any.
std::optional<Attribute> fillValue(Value value) {
  auto fill = value.getDefiningOp<linalg::FillOp>();
  if (!fill)
    return std::nullopt;
  Attribute attr;
  if (!matchPattern(fill.getInputs()[0], m_Constant(&attr)))
    return std::nullopt;
  return attr;
}

bool isZero(Attribute attr) {
  if (auto f = dyn_cast<FloatAttr>(attr))
    return f.getValue().isZero();
  if (auto i = dyn_cast<IntegerAttr>(attr))
    return i.getValue().isZero();
  return false;
}

/// -inf or the lowest finite float: the neutral element of max.
bool isLowest(Attribute attr) {
  auto f = dyn_cast<FloatAttr>(attr);
  if (!f)
    return false;
  APFloat v = f.getValue();
  return (v.isInfinity() && v.isNegative()) ||
         v == APFloat::getLargest(v.getSemantics(), /*Negative=*/true);
}

/// A `tensor.pad` producing an NHWC `value` that pads only H and W, with
/// static sizes and a constant value satisfying `isNeutral`: returns its
/// source and [top, bottom, left, right].
std::optional<std::pair<Value, SmallVector<int64_t>>>
matchSpatialPad(Value value, function_ref<bool(Attribute)> isNeutral) {
  auto pad = value.getDefiningOp<tensor::PadOp>();
  if (!pad)
    return std::nullopt;
  Value padValue = pad.getConstantPaddingValue();
  Attribute attr;
  if (!padValue || !matchPattern(padValue, m_Constant(&attr)) ||
      !isNeutral(attr))
    return std::nullopt;
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  if (low.size() != 4 || ShapedType::isDynamicShape(low) ||
      ShapedType::isDynamicShape(high) || low[0] || high[0] || low[3] ||
      high[3])
    return std::nullopt;
  return std::make_pair(pad.getSource(),
                        SmallVector<int64_t>{low[1], high[1], low[2], high[2]});
}

/// A convolution's zero padding folded into its `padding` attribute:
/// replaces `input` by the pad's source and returns [top, bottom, left,
/// right] (all 0 when `input` is not such a pad).
SmallVector<int64_t> foldZeroPad(Value &input) {
  auto pad = matchSpatialPad(input, isZero);
  if (!pad)
    return {0, 0, 0, 0};
  input = pad->first;
  return pad->second;
}

SmallVector<int64_t> toVector(DenseIntElementsAttr attr) {
  return llvm::to_vector(attr.getValues<int64_t>());
}

/// Replaces `op` by `result` plus its init: the init is dropped when it is a
/// zero fill, and added back with accel.add for floats otherwise. `result`
/// must not be created yet: `build` creates it once the init is checked.
LogicalResult
replaceWithInit(PatternRewriter &rewriter, Operation *op, Value init,
                function_ref<Value()> build) {
  std::optional<Attribute> fill = fillValue(init);
  bool zeroInit = fill && isZero(*fill);
  auto type = cast<RankedTensorType>(init.getType());
  if (!zeroInit && !isAccelFloat(type.getElementType()))
    return rewriter.notifyMatchFailure(
        op, "a non-zero integer init needs an integer accel.add, which accel "
            "does not have");
  Value result = build();
  if (!zeroInit)
    result = AddOp::create(rewriter, op->getLoc(), type, result, init);
  rewriter.replaceOp(op, result);
  return success();
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

/// The checks every named contraction shares (tensors, static shapes, element
/// types accel accumulates) and its accumulator type; a failure carries the
/// reason.
static FailureOr<Type> contractionAccumulator(linalg::LinalgOp op,
                                              PatternRewriter &rewriter) {
  if (!op.hasPureTensorSemantics())
    return rewriter.notifyMatchFailure(op, "not on tensors");
  if (!allStatic(op->getOperands()))
    return rewriter.notifyMatchFailure(op, "dynamic shapes");
  Value init = op.getDpsInits()[0];
  Type acc = accumulatorFor(
      getElementTypeOrSelf(op.getDpsInputs()[0].getType()),
      getElementTypeOrSelf(op.getDpsInputs()[1].getType()),
      getElementTypeOrSelf(init.getType()));
  if (!acc)
    return rewriter.notifyMatchFailure(
        op, "element types are not f32/f16/bf16 -> float or i8 -> i32");
  return acc;
}

template <typename LinalgOp>
struct MatmulPattern : OpRewritePattern<LinalgOp> {
  using OpRewritePattern<LinalgOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(LinalgOp op,
                                PatternRewriter &rewriter) const override {
    if (op.hasUserDefinedMaps())
      return rewriter.notifyMatchFailure(op, "user-defined indexing maps");
    if (op.getCast() != linalg::TypeFn::cast_signed)
      return rewriter.notifyMatchFailure(op, "unsigned casts");
    FailureOr<Type> acc = contractionAccumulator(op, rewriter);
    if (failed(acc))
      return failure();
    Value lhs = op.getInputs()[0], rhs = op.getInputs()[1];
    Value init = op.getOutputs()[0];
    auto resultType = cast<RankedTensorType>(init.getType());
    return replaceWithInit(rewriter, op, init, [&]() -> Value {
      return MatmulOp::create(rewriter, op.getLoc(), resultType, lhs, rhs,
                              /*bias=*/Value(), TypeAttr::get(*acc),
                              UnitAttr(), UnitAttr());
    });
  }
};

struct Conv2DPattern : OpRewritePattern<linalg::Conv2DNhwcHwcfOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::Conv2DNhwcHwcfOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<Type> acc = contractionAccumulator(op, rewriter);
    if (failed(acc))
      return failure();
    Value input = op.getInputs()[0], filter = op.getInputs()[1];
    Value init = op.getOutputs()[0];
    auto resultType = cast<RankedTensorType>(init.getType());
    SmallVector<int64_t> padding = foldZeroPad(input);
    return replaceWithInit(rewriter, op, init, [&]() -> Value {
      return Conv2DOp::create(
          rewriter, op.getLoc(), resultType, input, filter, /*bias=*/Value(),
          TypeAttr::get(*acc),
          rewriter.getDenseI64ArrayAttr(toVector(op.getStrides())),
          rewriter.getDenseI64ArrayAttr(padding),
          rewriter.getDenseI64ArrayAttr(toVector(op.getDilations())),
          rewriter.getI64IntegerAttr(1));
    });
  }
};

struct DepthwiseConv2DPattern
    : OpRewritePattern<linalg::DepthwiseConv2DNhwcHwcOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::DepthwiseConv2DNhwcHwcOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<Type> acc = contractionAccumulator(op, rewriter);
    if (failed(acc))
      return failure();
    Value input = op.getInputs()[0], filter = op.getInputs()[1];
    Value init = op.getOutputs()[0];
    auto resultType = cast<RankedTensorType>(init.getType());
    auto filterType = cast<RankedTensorType>(filter.getType());
    SmallVector<int64_t> padding = foldZeroPad(input);
    int64_t channels = filterType.getDimSize(2);
    return replaceWithInit(rewriter, op, init, [&]() -> Value {
      // [KH, KW, C] -> [KH, KW, 1, C]: one input channel per group.
      auto hwcf = filterType.clone({filterType.getDimSize(0),
                                    filterType.getDimSize(1), 1, channels});
      Value reshaped = tensor::ExpandShapeOp::create(
          rewriter, op.getLoc(), hwcf, filter,
          SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
      return Conv2DOp::create(
          rewriter, op.getLoc(), resultType, input, reshaped, /*bias=*/Value(),
          TypeAttr::get(*acc),
          rewriter.getDenseI64ArrayAttr(toVector(op.getStrides())),
          rewriter.getDenseI64ArrayAttr(padding),
          rewriter.getDenseI64ArrayAttr(toVector(op.getDilations())),
          rewriter.getI64IntegerAttr(channels));
    });
  }
};

//===----------------------------------------------------------------------===//
// Pooling and relu
//===----------------------------------------------------------------------===//

struct MaxPoolPattern : OpRewritePattern<linalg::PoolingNhwcMaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::PoolingNhwcMaxOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "not on tensors");
    if (!allStatic(op->getOperands()))
      return rewriter.notifyMatchFailure(op, "dynamic shapes");
    Value input = op.getInputs()[0];
    auto resultType = cast<RankedTensorType>(op.getOutputs()[0].getType());
    if (!isAccelFloat(resultType.getElementType()) ||
        getElementTypeOrSelf(input.getType()) != resultType.getElementType())
      return rewriter.notifyMatchFailure(
          op, "accel pools f32/f16/bf16 (integer pooling needs quant types)");
    if (getElementTypeOrSelf(op.getOutputs()[0].getType()) !=
        getElementTypeOrSelf(input.getType()))
      return rewriter.notifyMatchFailure(op, "mixed element types");
    if (op.getDilations().getValues<int64_t>()[0] != 1 ||
        op.getDilations().getValues<int64_t>()[1] != 1)
      return rewriter.notifyMatchFailure(op, "dilated windows");
    std::optional<Attribute> fill = fillValue(op.getOutputs()[0]);
    if (!fill || !isLowest(*fill))
      return rewriter.notifyMatchFailure(
          op, "the init is not a fill with -inf (or the lowest float)");
    auto windowType = cast<RankedTensorType>(op.getInputs()[1].getType());
    SmallVector<int64_t> window(windowType.getShape());
    SmallVector<int64_t> padding = {0, 0, 0, 0};
    if (auto pad = matchSpatialPad(input, isLowest)) {
      if (pad->second[0] >= window[0] || pad->second[1] >= window[0] ||
          pad->second[2] >= window[1] || pad->second[3] >= window[1])
        return rewriter.notifyMatchFailure(
            op, "padding as large as the window (accel needs every window to "
                "overlap the input)");
      input = pad->first;
      padding = pad->second;
    }
    rewriter.replaceOpWithNewOp<MaxPool2DOp>(
        op, resultType, input, rewriter.getDenseI64ArrayAttr(window),
        rewriter.getDenseI64ArrayAttr(toVector(op.getStrides())),
        rewriter.getDenseI64ArrayAttr(padding));
    return success();
  }
};

/// An elementwise `linalg.generic` whose body is `max(in, 0.0)`.
struct ReluGenericPattern : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 1 ||
        op.getNumDpsInits() != 1 || !op.isAllParallelLoops() ||
        !llvm::all_of(op.getIndexingMapsArray(),
                      [](AffineMap m) { return m.isIdentity(); }))
      return rewriter.notifyMatchFailure(
          op, "not a one-input elementwise generic with identity maps");
    Value input = op.getDpsInputs()[0];
    auto type = dyn_cast<RankedTensorType>(input.getType());
    if (!type || type != op.getResult(0).getType() ||
        !isAccelFloat(type.getElementType()))
      return rewriter.notifyMatchFailure(
          op, "input and result are not the same f32/f16/bf16 tensor type");
    Block &body = op.getRegion().front();
    auto yield = cast<linalg::YieldOp>(body.getTerminator());
    auto max = yield.getValues()[0].getDefiningOp<arith::MaximumFOp>();
    auto maxnum = yield.getValues()[0].getDefiningOp<arith::MaxNumFOp>();
    Operation *maxOp = max ? max.getOperation()
                           : (maxnum ? maxnum.getOperation() : nullptr);
    if (!maxOp)
      return rewriter.notifyMatchFailure(op, "body does not yield a max");
    Value arg = body.getArgument(0);
    Value a = maxOp->getOperand(0), b = maxOp->getOperand(1);
    if (b == arg)
      std::swap(a, b);
    FloatAttr zero;
    if (a != arg || !matchPattern(b, m_Constant(&zero)) ||
        !zero.getValue().isZero())
      return rewriter.notifyMatchFailure(op, "body is not max(in, 0)");
    rewriter.replaceOpWithNewOp<ReluOp>(op, input);
    return success();
  }
};

struct ConvertLinalgToAccelPass
    : impl::ConvertLinalgToAccelPassBase<ConvertLinalgToAccelPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<MatmulPattern<linalg::MatmulOp>,
                 MatmulPattern<linalg::BatchMatmulOp>, Conv2DPattern,
                 DepthwiseConv2DPattern, MaxPoolPattern, ReluGenericPattern>(
        ctx);
    // One walk, no folding: ops that do not convert stay exactly as written.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
} // namespace accel
