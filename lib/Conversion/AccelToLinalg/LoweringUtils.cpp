//===- LoweringUtils.cpp - shared helpers of convert-accel-to-linalg ------===//
//
// The scalar arithmetic here mirrors include/accel/Numerics/Requantize.h
// operation by operation; the e2e tests compare both against an independent
// numpy model.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"

#include "accel/Numerics/Requantize.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;

namespace accel {

std::optional<QuantInfo> getQuantInfo(Type elementType) {
  QuantInfo info;
  if (auto intType = dyn_cast<IntegerType>(elementType)) {
    unsigned width = intType.getWidth();
    info.storageType = IntegerType::get(intType.getContext(), width);
    info.isSigned = true;
    info.qmin = -(int64_t(1) << (width - 1));
    info.qmax = (int64_t(1) << (width - 1)) - 1;
    info.scales = {1.0};
    info.zeroPoints = {0};
    return info;
  }
  auto quantType = dyn_cast<quant::QuantizedType>(elementType);
  if (!quantType)
    return std::nullopt;
  info.isQuantized = true;
  info.storageType = IntegerType::get(
      elementType.getContext(), quantType.getStorageTypeIntegralWidth());
  info.isSigned = quantType.isSigned();
  info.qmin = quantType.getStorageTypeMin();
  info.qmax = quantType.getStorageTypeMax();
  if (auto uniform = dyn_cast<quant::UniformQuantizedType>(quantType)) {
    info.scales = {uniform.getScale()};
    info.zeroPoints = {uniform.getZeroPoint()};
    return info;
  }
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(quantType)) {
    info.scales.assign(perAxis.getScales().begin(), perAxis.getScales().end());
    info.zeroPoints.assign(perAxis.getZeroPoints().begin(),
                           perAxis.getZeroPoints().end());
    info.axis = perAxis.getQuantizedDimension();
    return info;
  }
  return std::nullopt;
}

QuantToStorageTypeConverter::QuantToStorageTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](quant::QuantizedType type) -> Type {
    return IntegerType::get(type.getContext(),
                            type.getStorageTypeIntegralWidth());
  });
  addConversion([this](RankedTensorType type) -> Type {
    Type element = convertType(type.getElementType());
    return type.clone(element);
  });
}

//===----------------------------------------------------------------------===//
// ElementwiseBuilder
//===----------------------------------------------------------------------===//

AffineMap identityMap(MLIRContext *ctx, unsigned rank) {
  return AffineMap::getMultiDimIdentityMap(rank, ctx);
}

AffineMap dimMap(MLIRContext *ctx, unsigned rank, unsigned dim) {
  return AffineMap::get(rank, 0, getAffineDimExpr(dim, ctx));
}

Value ElementwiseBuilder::Body::param(const Param &p) const {
  if (p.inputIndex >= 0)
    return args[p.inputIndex];
  if (p.isFloat)
    return constF32(b, loc, p.uniformFloat);
  return constI32(b, loc, p.uniformInt);
}

unsigned ElementwiseBuilder::addInput(Value tensor, AffineMap map) {
  if (!map)
    map = identityMap(b.getContext(), outType.getRank());
  inputs.push_back(tensor);
  maps.push_back(map);
  return inputs.size() - 1;
}

ElementwiseBuilder::Param
ElementwiseBuilder::addIntParam(ArrayRef<int32_t> values, int64_t channelDim) {
  Param p;
  if (llvm::all_equal(values) || channelDim < 0) {
    p.uniformInt = values.front();
    return p;
  }
  auto type = RankedTensorType::get({int64_t(values.size())}, b.getI32Type());
  Value cst = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(type, values));
  p.inputIndex = addInput(
      cst, dimMap(b.getContext(), outType.getRank(), channelDim));
  return p;
}

ElementwiseBuilder::Param
ElementwiseBuilder::addFloatParam(ArrayRef<float> values, int64_t channelDim) {
  Param p;
  p.isFloat = true;
  if (llvm::all_equal(values) || channelDim < 0) {
    p.uniformFloat = values.front();
    return p;
  }
  auto type = RankedTensorType::get({int64_t(values.size())}, b.getF32Type());
  Value cst = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(type, values));
  p.inputIndex = addInput(
      cst, dimMap(b.getContext(), outType.getRank(), channelDim));
  return p;
}

Value ElementwiseBuilder::build(
    const std::function<Value(const Body &)> &body) {
  Value init = tensor::EmptyOp::create(b, loc, outType.getShape(),
                                       outType.getElementType());
  SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(identityMap(b.getContext(), outType.getRank()));
  SmallVector<utils::IteratorType> iterators(outType.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, outType, inputs, ValueRange{init}, allMaps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Body view{nested, nestedLoc, args.drop_back()};
        Value result = body(view);
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

//===----------------------------------------------------------------------===//
// Scalar helpers
//===----------------------------------------------------------------------===//

Value constI32(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIntOp::create(b, loc, b.getI32Type(), v);
}

Value constI64(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIntOp::create(b, loc, b.getI64Type(), v);
}

Value constF32(OpBuilder &b, Location loc, double v) {
  return arith::ConstantFloatOp::create(b, loc, b.getF32Type(),
                                        APFloat(static_cast<float>(v)));
}

Value castInt(OpBuilder &b, Location loc, Value v, Type to, bool isSigned) {
  unsigned from = v.getType().getIntOrFloatBitWidth();
  unsigned width = to.getIntOrFloatBitWidth();
  if (from == width)
    return v;
  if (from > width)
    return arith::TruncIOp::create(b, loc, to, v);
  if (isSigned)
    return arith::ExtSIOp::create(b, loc, to, v);
  return arith::ExtUIOp::create(b, loc, to, v);
}

Value clampSigned(OpBuilder &b, Location loc, Value v, int64_t lo,
                  int64_t hi) {
  Type type = v.getType();
  Value loV = arith::ConstantIntOp::create(b, loc, type, lo);
  Value hiV = arith::ConstantIntOp::create(b, loc, type, hi);
  Value r = arith::MaxSIOp::create(b, loc, v, loV);
  return arith::MinSIOp::create(b, loc, r, hiV);
}

Value extToF32(OpBuilder &b, Location loc, Value v) {
  if (v.getType().isF32())
    return v;
  return arith::ExtFOp::create(b, loc, b.getF32Type(), v);
}

Value truncFromF32(OpBuilder &b, Location loc, Value v, Type to) {
  if (to == v.getType())
    return v;
  return arith::TruncFOp::create(b, loc, to, v);
}

Value emitRequantize(OpBuilder &b, Location loc, Value x, Value multiplier,
                     Value leftShift, Value rightShift, int64_t zeroPoint,
                     int64_t qmin, int64_t qmax) {
  Type i64 = b.getI64Type();
  Type i32 = b.getI32Type();
  // sat32(x << left), computed exactly in i64 (left <= 30, |x| < 2^31).
  Value x64 = arith::ExtSIOp::create(b, loc, i64, x);
  Value left64 = arith::ExtSIOp::create(b, loc, i64, leftShift);
  Value shifted = arith::ShLIOp::create(b, loc, x64, left64);
  shifted = clampSigned(b, loc, shifted, INT32_MIN, INT32_MAX);
  // SRDHM: floor((x*m + 2^30) / 2^31). The multiplier is never negative, so
  // the x = m = INT32_MIN overflow of the C++ version cannot occur here.
  Value m64 = arith::ExtSIOp::create(b, loc, i64, multiplier);
  Value product = arith::MulIOp::create(b, loc, shifted, m64);
  product = arith::AddIOp::create(b, loc, product, constI64(b, loc, 1 << 30));
  Value high = arith::ShRSIOp::create(b, loc, product, constI64(b, loc, 31));
  Value high32 = arith::TruncIOp::create(b, loc, i32, high);
  // RDBPOT: (x >> n) + ((x & mask) > (mask >> 1) + (x < 0))
  Value one = constI32(b, loc, 1);
  Value zero = constI32(b, loc, 0);
  Value mask = arith::SubIOp::create(
      b, loc, arith::ShLIOp::create(b, loc, one, rightShift), one);
  Value remainder = arith::AndIOp::create(b, loc, high32, mask);
  Value isNegative = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                           high32, zero);
  Value threshold = arith::AddIOp::create(
      b, loc, arith::ShRSIOp::create(b, loc, mask, one),
      arith::ExtUIOp::create(b, loc, i32, isNegative));
  Value roundUp = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                        remainder, threshold);
  Value quotient = arith::AddIOp::create(
      b, loc, arith::ShRSIOp::create(b, loc, high32, rightShift),
      arith::ExtUIOp::create(b, loc, i32, roundUp));
  // Output stage: the zero point is added in i64 so it saturates, not wraps.
  Value out = arith::AddIOp::create(
      b, loc, arith::ExtSIOp::create(b, loc, i64, quotient),
      constI64(b, loc, zeroPoint));
  out = clampSigned(b, loc, out, qmin, qmax);
  return arith::TruncIOp::create(b, loc, i32, out);
}

/// Bounds of a clamp on a quantized tensor, per channel: the real bounds
/// rounded inward (ceil for min, floor for max) and intersected with the
/// storage range, per docs/Numerics.md §4.
void quantizedClampBounds(const QuantInfo &info, double lo, double hi,
                          SmallVectorImpl<int32_t> &los,
                          SmallVectorImpl<int32_t> &his) {
  for (size_t c = 0; c < info.scales.size(); ++c) {
    double s = info.scales[c];
    double zp = info.zeroPoints[c];
    double qlo = std::isinf(lo) ? (lo < 0 ? info.qmin : info.qmax)
                                : std::ceil(lo / s + zp);
    double qhi = std::isinf(hi) ? (hi < 0 ? info.qmin : info.qmax)
                                : std::floor(hi / s + zp);
    los.push_back(int32_t(std::clamp<double>(qlo, info.qmin, info.qmax)));
    his.push_back(int32_t(std::clamp<double>(qhi, info.qmin, info.qmax)));
  }
}

RequantParams computeRequantParams(ArrayRef<double> inScales,
                                   double outScale) {
  RequantParams params;
  for (double inScale : inScales) {
    numerics::QuantizedMultiplier qm =
        numerics::quantizeMultiplier(inScale / outScale);
    params.multiplier.push_back(qm.multiplier);
    params.leftShift.push_back(qm.leftShift());
    params.rightShift.push_back(qm.rightShift());
  }
  return params;
}

Value emitSubZeroPoint(OpBuilder &b, Location loc, Value q, Value zeroPoint,
                       const QuantInfo &info, Type to) {
  Value wide = castInt(b, loc, q, to, info.isSigned);
  Value zp = castInt(b, loc, zeroPoint, to, /*isSigned=*/true);
  return arith::SubIOp::create(b, loc, wide, zp);
}

Value emitDequantize(OpBuilder &b, Location loc, Value q, Value scale,
                     Value zeroPoint, const QuantInfo &info) {
  Value centered = emitSubZeroPoint(b, loc, q, zeroPoint, info,
                                    b.getI32Type());
  Value real = arith::SIToFPOp::create(b, loc, b.getF32Type(), centered);
  return arith::MulFOp::create(b, loc, real, scale);
}

Value emitQuantize(OpBuilder &b, Location loc, Value x, Value scale,
                   Value zeroPoint, const QuantInfo &info) {
  Value scaled = arith::DivFOp::create(b, loc, x, scale);
  Value rounded = math::RoundEvenOp::create(b, loc, scaled);
  Value shifted = arith::AddFOp::create(
      b, loc, rounded,
      arith::SIToFPOp::create(b, loc, b.getF32Type(), zeroPoint));
  // Clamp while still in f32 so the conversion below cannot overflow; the
  // bounds are the f32 values nearest inside [qmin, qmax]. maxnumf maps NaN
  // to qmin.
  float lo = float(info.qmin), hi = float(info.qmax);
  if (double(hi) > double(info.qmax))
    hi = std::nextafter(hi, 0.0f);
  Value clamped = arith::MaxNumFOp::create(b, loc, shifted,
                                           constF32(b, loc, lo));
  clamped = arith::MinNumFOp::create(b, loc, clamped, constF32(b, loc, hi));
  Value asInt = arith::FPToSIOp::create(b, loc, b.getI64Type(), clamped);
  return arith::TruncIOp::create(b, loc, info.storageType, asInt);
}

Value padNHWC(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> padding,
              Value padValue) {
  if (llvm::all_of(padding, [](int64_t p) { return p == 0; }))
    return x;
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> low = {0, padding[0], padding[2], 0};
  SmallVector<int64_t> high = {0, padding[1], padding[3], 0};
  SmallVector<int64_t> shape(type.getShape());
  shape[1] += padding[0] + padding[1];
  shape[2] += padding[2] + padding[3];
  auto padded = tensor::PadOp::create(
      b, loc, type.clone(shape), x, getAsIndexOpFoldResult(b.getContext(), low),
      getAsIndexOpFoldResult(b.getContext(), high), padValue);
  return padded.getResult();
}

LogicalResult checkCPUSupported(Operation *op) {
  auto check = [&](Type type) -> LogicalResult {
    auto shaped = dyn_cast<ShapedType>(type);
    if (!shaped)
      return success();
    if (!shaped.hasStaticShape())
      return op->emitOpError("has a dynamic shape ")
             << type << "; the CPU path supports static shapes only";
    if (llvm::is_contained(shaped.getShape(), 0))
      return op->emitOpError("has an empty tensor ")
             << type << "; the CPU path does not lower zero-size dimensions";
    Type element = shaped.getElementType();
    if (isa<FloatTF32Type, Float8E4M3FNType, Float8E5M2Type>(element))
      return op->emitOpError("uses element type ")
             << element
             << ", which the CPU path cannot run yet (supported floats: "
                "f32, f16, bf16)";
    return success();
  };
  for (Type type : op->getOperandTypes())
    if (failed(check(type)))
      return failure();
  for (Type type : op->getResultTypes())
    if (failed(check(type)))
      return failure();
  return success();
}

} // namespace accel
