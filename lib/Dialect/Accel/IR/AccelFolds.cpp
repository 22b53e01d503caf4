//===- AccelFolds.cpp - accel folders and canonicalizations ---------------===//
//
// This file implements the folds that remove provably redundant work:
// identity casts and requantizations, quantize(dequantize(x)) with equal
// parameters, round trips through a wider float, and nested relu/clamp.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/APFloat.h"

#include <cmath>

using namespace mlir;
using namespace accel;

//===----------------------------------------------------------------------===//
// relu / clamp
//===----------------------------------------------------------------------===//

OpFoldResult ReluOp::fold(FoldAdaptor) {
  // relu(relu(x)) == relu(x); relu(clamp(x, lo >= 0, hi)) == clamp(...).
  if (getInput().getDefiningOp<ReluOp>())
    return getInput();
  if (auto clamp = getInput().getDefiningOp<ClampOp>())
    if (clamp.getMin().convertToDouble() >= 0)
      return getInput();
  return {};
}

OpFoldResult ClampOp::fold(FoldAdaptor) {
  double lo = getMin().convertToDouble(), hi = getMax().convertToDouble();
  if (std::isinf(lo) && lo < 0 && std::isinf(hi) && hi > 0)
    return getInput();
  // An inner clamp whose range lies inside this one already did the work.
  if (auto inner = getInput().getDefiningOp<ClampOp>())
    if (inner.getMin().convertToDouble() >= lo &&
        inner.getMax().convertToDouble() <= hi)
      return getInput();
  return {};
}

namespace {
/// clamp(clamp(x, a, b), c, d) -> clamp(x, max(a, c), min(b, d)) when the
/// ranges overlap; clamp(relu(x), c, d) -> clamp(x, max(0, c), d).
struct MergeNestedClamps : OpRewritePattern<ClampOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ClampOp op,
                                PatternRewriter &rewriter) const override {
    double lo = op.getMin().convertToDouble();
    double hi = op.getMax().convertToDouble();
    Value source;
    double innerLo, innerHi;
    if (auto inner = op.getInput().getDefiningOp<ClampOp>()) {
      source = inner.getInput();
      innerLo = inner.getMin().convertToDouble();
      innerHi = inner.getMax().convertToDouble();
    } else if (auto relu = op.getInput().getDefiningOp<ReluOp>()) {
      source = relu.getInput();
      innerLo = 0.0;
      innerHi = INFINITY;
    } else {
      return rewriter.notifyMatchFailure(op, "input is not a clamp or relu");
    }
    double newLo = std::max(lo, innerLo), newHi = std::min(hi, innerHi);
    if (!(newLo <= newHi))
      return rewriter.notifyMatchFailure(op, "ranges do not overlap");
    rewriter.replaceOpWithNewOp<ClampOp>(op, op.getType(), source,
                                         rewriter.getF64FloatAttr(newLo),
                                         rewriter.getF64FloatAttr(newHi));
    return success();
  }
};

/// relu(clamp(x, a < 0, b)) -> clamp(x, 0, b).
struct FoldReluIntoClamp : OpRewritePattern<ReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReluOp op,
                                PatternRewriter &rewriter) const override {
    auto clamp = op.getInput().getDefiningOp<ClampOp>();
    if (!clamp)
      return rewriter.notifyMatchFailure(op, "input is not a clamp");
    double hi = clamp.getMax().convertToDouble();
    rewriter.replaceOpWithNewOp<ClampOp>(
        op, op.getType(), clamp.getInput(),
        rewriter.getF64FloatAttr(std::max(0.0, clamp.getMin().convertToDouble())),
        rewriter.getF64FloatAttr(std::max(0.0, hi)));
    return success();
  }
};
} // namespace

void ClampOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<MergeNestedClamps>(context);
}

void ReluOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<FoldReluIntoClamp>(context);
}

//===----------------------------------------------------------------------===//
// Precision changes
//===----------------------------------------------------------------------===//

OpFoldResult QuantizeOp::fold(FoldAdaptor) {
  // Dequantizing then quantizing with the same parameters is the identity.
  if (auto dequant = getInput().getDefiningOp<DequantizeOp>())
    if (dequant.getInput().getType() == getType())
      return dequant.getInput();
  return {};
}

OpFoldResult RequantizeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

OpFoldResult CastOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // cast(cast(x : A -> B) -> A) is x when every A value is exact in B.
  if (auto inner = getInput().getDefiningOp<CastOp>()) {
    Value source = inner.getInput();
    if (source.getType() != getType())
      return {};
    auto a = cast<FloatType>(getElementTypeOrSelf(source.getType()));
    auto b = cast<FloatType>(getElementTypeOrSelf(inner.getType()));
    if (llvm::APFloatBase::isRepresentableBy(a.getFloatSemantics(),
                                             b.getFloatSemantics()))
      return source;
  }
  return {};
}
