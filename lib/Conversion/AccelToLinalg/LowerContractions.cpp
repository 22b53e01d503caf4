//===- LowerContractions.cpp - accel.matmul / accel.conv2d to linalg -------===//
//
// Contractions become one linalg named op (or a generic for grouped
// convolutions) between two elementwise stages:
//   prologue  integer operands: q - zp widened to the accumulator type, once
//             per element (O(n^2) against the contraction's O(n^3)), so the
//             contraction is a same-typed product sum that needs no
//             zero-point correction terms and vectorizes like the f32 one;
//   epilogue  bias, then the conversion to the result type (rounding for
//             floats, fixed-point requantization for quantized results).
// Float operands go into the named op unchanged: its body extends them to the
// f32 accumulator, so each product is computed as the numerics contract says.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace accel {
namespace {

/// Integer operands are widened to the accumulator type with their zero
/// point subtracted (per axis along the quantized dimension). Floats pass
/// through: the named op extends them to the f32 accumulator itself.
Value prepareOperand(OpBuilder &b, Location loc, Value converted,
                     Type originalElement, Type accElement) {
  std::optional<QuantInfo> info = getQuantInfo(originalElement);
  if (!info)
    return converted;
  auto type = cast<RankedTensorType>(converted.getType());
  ElementwiseBuilder generic(b, loc, type.clone(accElement));
  generic.addInput(converted);
  SmallVector<int32_t> zeroPoints(info->zeroPoints.begin(),
                                  info->zeroPoints.end());
  auto zp = generic.addIntParam(zeroPoints, info->axis);
  const QuantInfo quant = *info;
  return generic.build([&](const ElementwiseBuilder::Body &body) {
    return emitSubZeroPoint(body.b, body.loc, body.input(0), body.param(zp),
                            quant, accElement);
  });
}

/// The combined input scale of each output channel: s_lhs * s_rhs[c].
SmallVector<double> productScales(const QuantInfo &lhs, const QuantInfo &rhs) {
  SmallVector<double> scales;
  for (double rhsScale : rhs.scales)
    scales.push_back(lhs.scales.front() * rhsScale);
  return scales;
}

/// bias add and conversion of the accumulator `acc` (channel dimension
/// `channelDim`) to `resultElement`, the original (possibly quantized) result
/// element type. Returns `acc` when there is nothing to do.
Value emitEpilogue(OpBuilder &b, Location loc, Value acc, Value bias,
                   int64_t channelDim, Type lhsElement, Type rhsElement,
                   Type resultElement, Type storageElement) {
  auto accType = cast<RankedTensorType>(acc.getType());
  Type accElement = accType.getElementType();
  if (!bias && resultElement == accElement)
    return acc;
  ElementwiseBuilder generic(b, loc, accType.clone(storageElement));
  generic.addInput(acc);
  if (bias)
    generic.addInput(bias, dimMap(b.getContext(), accType.getRank(),
                                  channelDim));
  // Quantized results: one fixed-point multiplier per output channel.
  std::optional<QuantInfo> resultInfo = getQuantInfo(resultElement);
  bool requantize = resultInfo && resultInfo->isQuantized;
  ElementwiseBuilder::Param multiplier, leftShift, rightShift;
  if (requantize) {
    RequantParams params = computeRequantParams(
        productScales(*getQuantInfo(lhsElement), *getQuantInfo(rhsElement)),
        resultInfo->scales.front());
    multiplier = generic.addIntParam(params.multiplier, channelDim);
    leftShift = generic.addIntParam(params.leftShift, channelDim);
    rightShift = generic.addIntParam(params.rightShift, channelDim);
  }
  return generic.build([&](const ElementwiseBuilder::Body &body) -> Value {
    OpBuilder &nb = body.b;
    Value value = body.input(0);
    if (bias) {
      if (isa<FloatType>(accElement))
        value = arith::AddFOp::create(nb, body.loc, value, body.input(1));
      else
        value = arith::AddIOp::create(nb, body.loc, value, body.input(1));
    }
    if (isa<FloatType>(accElement))
      return truncFromF32(nb, body.loc, value, storageElement);
    if (!requantize)
      return value;
    Value x = castInt(nb, body.loc, value, nb.getI32Type(), /*isSigned=*/true);
    Value q = emitRequantize(nb, body.loc, x, body.param(multiplier),
                             body.param(leftShift), body.param(rightShift),
                             resultInfo->zeroPoints.front(), resultInfo->qmin,
                             resultInfo->qmax);
    return castInt(nb, body.loc, q, storageElement, /*isSigned=*/true);
  });
}

/// A zero-filled accumulator tensor.
Value zeroAccumulator(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                      Type accElement) {
  Value empty = tensor::EmptyOp::create(b, loc, shape, accElement);
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(accElement));
  return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
}

/// Swaps the last two dimensions.
Value transposeLastTwo(OpBuilder &b, Location loc, Value x) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> perm = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  std::swap(perm[rank - 1], perm[rank - 2]);
  SmallVector<int64_t> shape(type.getShape());
  std::swap(shape[rank - 1], shape[rank - 2]);
  Value init = tensor::EmptyOp::create(b, loc, shape, type.getElementType());
  return linalg::TransposeOp::create(b, loc, x, init, perm).getResult()[0];
}

/// Collapses all leading dimensions of `x` except the last `keep` ones into
/// one; with `keep == 1`, [B..., M, K] becomes [B*...*M, K].
Value collapseLeading(OpBuilder &b, Location loc, Value x, int64_t keep) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  if (rank == keep + 1)
    return x;
  SmallVector<ReassociationIndices> groups(1);
  for (int64_t d = 0; d < rank - keep; ++d)
    groups[0].push_back(d);
  for (int64_t d = rank - keep; d < rank; ++d)
    groups.push_back({d});
  return tensor::CollapseShapeOp::create(b, loc, x, groups);
}

struct MatmulLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    auto storageType = cast<RankedTensorType>(
        getTypeConverter()->convertType(resultType));
    Type accElement = op.getAccumulatorType();

    Value lhs = prepareOperand(rewriter, loc, adaptor.getLhs(),
                               lhsType.getElementType(), accElement);
    Value rhs = prepareOperand(rewriter, loc, adaptor.getRhs(),
                               rhsType.getElementType(), accElement);
    if (op.getTransposeLhs())
      lhs = transposeLastTwo(rewriter, loc, lhs);
    if (op.getTransposeRhs())
      rhs = transposeLastTwo(rewriter, loc, rhs);

    int64_t m = op.getM(), n = op.getN();
    int64_t batch = 1;
    for (int64_t d : resultType.getShape().drop_back(2))
      batch *= d;
    Value acc;
    if (rhsType.getRank() == 2) {
      // A shared rhs: all batches form one [B*M, K] x [K, N] product.
      lhs = collapseLeading(rewriter, loc, lhs, 1);
      Value init = zeroAccumulator(rewriter, loc, {batch * m, n}, accElement);
      acc = linalg::MatmulOp::create(rewriter, loc, TypeRange{init.getType()},
                                     ValueRange{lhs, rhs}, ValueRange{init})
                .getResult(0);
    } else {
      lhs = collapseLeading(rewriter, loc, lhs, 2);
      rhs = collapseLeading(rewriter, loc, rhs, 2);
      Value init =
          zeroAccumulator(rewriter, loc, {batch, m, n}, accElement);
      acc = linalg::BatchMatmulOp::create(rewriter, loc,
                                          TypeRange{init.getType()},
                                          ValueRange{lhs, rhs},
                                          ValueRange{init})
                .getResult(0);
    }
    int64_t channelDim = cast<RankedTensorType>(acc.getType()).getRank() - 1;
    Value result = emitEpilogue(
        rewriter, loc, acc, adaptor.getBias(), channelDim,
        lhsType.getElementType(), rhsType.getElementType(),
        resultType.getElementType(), storageType.getElementType());
    // Restore the batch dimensions folded away above.
    int64_t rank = storageType.getRank();
    int64_t keptTrailing = rhsType.getRank() == 2 ? 1 : 2;
    if (cast<RankedTensorType>(result.getType()).getRank() != rank) {
      SmallVector<ReassociationIndices> groups(1);
      for (int64_t d = 0; d < rank - keptTrailing; ++d)
        groups[0].push_back(d);
      for (int64_t d = rank - keptTrailing; d < rank; ++d)
        groups.push_back({d});
      result = tensor::ExpandShapeOp::create(rewriter, loc, storageType,
                                             result, groups);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct Conv2DLowering : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto filterType = cast<RankedTensorType>(op.getFilter().getType());
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    auto storageType = cast<RankedTensorType>(
        getTypeConverter()->convertType(resultType));
    Type accElement = op.getAccumulatorType();

    Value input = prepareOperand(rewriter, loc, adaptor.getInput(),
                                 inputType.getElementType(), accElement);
    Value filter = prepareOperand(rewriter, loc, adaptor.getFilter(),
                                  filterType.getElementType(), accElement);
    // After the prologue a padded element is real zero: 0 for integers
    // (q - zp of the zero point), 0.0 for floats.
    Type preparedElement =
        cast<RankedTensorType>(input.getType()).getElementType();
    Value padValue = arith::ConstantOp::create(
        rewriter, loc, rewriter.getZeroAttr(preparedElement));
    input = padNHWC(rewriter, loc, input, op.getPadding(), padValue);

    Value acc;
    int64_t groups = op.getGroups();
    if (groups == 1) {
      acc = buildIm2ColConv(rewriter, loc, op, input, filter, accElement);
    } else {
      Value init = zeroAccumulator(rewriter, loc, resultType.getShape(),
                                   accElement);
      acc = buildGroupedConv(rewriter, loc, op, input, filter, init, groups);
    }
    Value result = emitEpilogue(
        rewriter, loc, acc, adaptor.getBias(), /*channelDim=*/3,
        inputType.getElementType(), filterType.getElementType(),
        resultType.getElementType(), storageType.getElementType());
    rewriter.replaceOp(op, result);
    return success();
  }

  /// A convolution as one GEMM: gather the input windows into an
  /// [N*OH*OW, KH*KW*C] matrix (im2col, O(KH*KW) copies of the input), view
  /// the filter as [KH*KW*C, F], multiply with linalg.matmul, and view the
  /// product as [N, OH, OW, F]. The GEMM then takes the CPU path's tuned
  /// contraction schedule.
  static Value buildIm2ColConv(OpBuilder &b, Location loc, Conv2DOp op,
                               Value input, Value filter, Type accElement) {
    auto inType = cast<RankedTensorType>(input.getType());
    auto filterType = cast<RankedTensorType>(filter.getType());
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    int64_t n = resultType.getDimSize(0), oh = resultType.getDimSize(1),
            ow = resultType.getDimSize(2), f = resultType.getDimSize(3);
    int64_t kh = filterType.getDimSize(0), kw = filterType.getDimSize(1),
            c = filterType.getDimSize(2);
    MLIRContext *ctx = b.getContext();
    AffineExpr dn, doh, dow, dkh, dkw, dc;
    bindDims(ctx, dn, doh, dow, dkh, dkw, dc);
    ArrayRef<int64_t> s = op.getStrides(), d = op.getDilations();
    auto gatherMap = AffineMap::get(
        6, 0, {dn, doh * s[0] + dkh * d[0], dow * s[1] + dkw * d[1], dc}, ctx);
    auto windowsType = RankedTensorType::get({n, oh, ow, kh, kw, c},
                                             inType.getElementType());
    Value empty = tensor::EmptyOp::create(b, loc, windowsType.getShape(),
                                          windowsType.getElementType());
    auto gather = linalg::GenericOp::create(
        b, loc, windowsType, ValueRange{input}, ValueRange{empty},
        ArrayRef<AffineMap>{gatherMap, identityMap(ctx, 6)},
        SmallVector<utils::IteratorType>(6, utils::IteratorType::parallel),
        [](OpBuilder &nb, Location nl, ValueRange args) {
          linalg::YieldOp::create(nb, nl, args[0]);
        });
    Value columns = tensor::CollapseShapeOp::create(
        b, loc, gather.getResult(0),
        SmallVector<ReassociationIndices>{{0, 1, 2}, {3, 4, 5}});
    Value weights = tensor::CollapseShapeOp::create(
        b, loc, filter, SmallVector<ReassociationIndices>{{0, 1, 2}, {3}});
    Value init = zeroAccumulator(b, loc, {n * oh * ow, f}, accElement);
    Value product =
        linalg::MatmulOp::create(b, loc, TypeRange{init.getType()},
                                 ValueRange{columns, weights}, ValueRange{init})
            .getResult(0);
    return tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get({n, oh, ow, f}, accElement), product,
        SmallVector<ReassociationIndices>{{0, 1, 2}, {3}});
  }

  /// One generic over (n, oh, ow, g, f, kh, kw, c) on views that split the
  /// channels into [G, C/G] and the filters into [G, F/G].
  static Value buildGroupedConv(OpBuilder &b, Location loc, Conv2DOp op,
                                Value input, Value filter, Value init,
                                int64_t groups) {
    auto inType = cast<RankedTensorType>(input.getType());
    auto filterType = cast<RankedTensorType>(filter.getType());
    auto accType = cast<RankedTensorType>(init.getType());
    int64_t c = inType.getDimSize(3), f = filterType.getDimSize(3);
    auto expandLast = [&](Value x, RankedTensorType type, int64_t size) {
      SmallVector<int64_t> shape(type.getShape().drop_back());
      shape.push_back(groups);
      shape.push_back(size / groups);
      return tensor::ExpandShapeOp::create(
          b, loc, type.clone(shape), x,
          SmallVector<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    };
    Value in5 = expandLast(input, inType, c);
    Value filter5 = expandLast(filter, filterType, f);
    Value acc5 = expandLast(init, accType, f);

    MLIRContext *ctx = b.getContext();
    AffineExpr n, oh, ow, g, fo, kh, kw, ci;
    bindDims(ctx, n, oh, ow, g, fo, kh, kw, ci);
    ArrayRef<int64_t> s = op.getStrides(), d = op.getDilations();
    auto inMap = AffineMap::get(
        8, 0, {n, oh * s[0] + kh * d[0], ow * s[1] + kw * d[1], g, ci}, ctx);
    auto filterMap = AffineMap::get(8, 0, {kh, kw, ci, g, fo}, ctx);
    auto outMap = AffineMap::get(8, 0, {n, oh, ow, g, fo}, ctx);
    using utils::IteratorType;
    SmallVector<IteratorType> iterators(5, IteratorType::parallel);
    iterators.append(3, IteratorType::reduction);
    Type accElement = accType.getElementType();
    auto generic = linalg::GenericOp::create(
        b, loc, acc5.getType(), ValueRange{in5, filter5}, ValueRange{acc5},
        ArrayRef<AffineMap>{inMap, filterMap, outMap}, iterators,
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value x = args[0], w = args[1];
          Value sum;
          if (isa<FloatType>(accElement)) {
            Value prod = arith::MulFOp::create(nb, nl, extToF32(nb, nl, x),
                                               extToF32(nb, nl, w));
            sum = arith::AddFOp::create(nb, nl, args[2], prod);
          } else {
            Value prod = arith::MulIOp::create(
                nb, nl, castInt(nb, nl, x, accElement, true),
                castInt(nb, nl, w, accElement, true));
            sum = arith::AddIOp::create(nb, nl, args[2], prod);
          }
          linalg::YieldOp::create(nb, nl, sum);
        });
    return tensor::CollapseShapeOp::create(
        b, loc, accType, generic.getResult(0),
        SmallVector<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
  }
};

} // namespace

void populateContractionLowering(const TypeConverter &converter,
                                 RewritePatternSet &patterns) {
  patterns.add<MatmulLowering, Conv2DLowering>(converter,
                                               patterns.getContext());
}

} // namespace accel
