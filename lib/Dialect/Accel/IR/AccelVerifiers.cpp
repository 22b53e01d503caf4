//===- AccelVerifiers.cpp - accel op verifiers ----------------------------===//
//
// This file implements the checks ODS traits cannot express: contraction
// shapes and element-type rules, convolution and pooling geometry, and the
// quantization parameters of each operand.  Every message says what was
// expected and what was found.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace accel;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

static bool isAccelFloat(Type type) {
  auto kind = classifyElementType(type);
  return kind && isFloatKind(*kind);
}

static std::string dimString(int64_t dim) {
  return ShapedType::isDynamic(dim) ? std::string("?") : std::to_string(dim);
}

/// Two sizes agree when equal or when either is dynamic.
static bool dimsAgree(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

static std::string arrayString(ArrayRef<int64_t> values) {
  std::string s = "[";
  llvm::raw_string_ostream os(s);
  llvm::interleaveComma(values, os);
  os << "]";
  return s;
}

/// A per-axis quantized tensor's axis must exist and carry one scale per
/// element of that dimension.
static LogicalResult verifyQuantParams(Operation *op, StringRef name,
                                       Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return success();
  auto quantType = dyn_cast<quant::QuantizedType>(tensor.getElementType());
  if (!quantType)
    return success();
  // Every bound on accumulator width assumes zero points the storage holds.
  SmallVector<int64_t> zeroPoints;
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(quantType))
    zeroPoints.push_back(perTensor.getZeroPoint());
  else if (auto perAxis =
               dyn_cast<quant::UniformQuantizedPerAxisType>(quantType))
    llvm::append_range(zeroPoints, perAxis.getZeroPoints());
  for (int64_t zp : zeroPoints)
    if (zp < quantType.getStorageTypeMin() || zp > quantType.getStorageTypeMax())
      return op->emitOpError()
             << "expected " << name << "'s zero point within its storage "
             << "range [" << quantType.getStorageTypeMin() << ", "
             << quantType.getStorageTypeMax() << "], found " << zp;
  auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(quantType);
  if (!perAxis)
    return success();
  int64_t axis = perAxis.getQuantizedDimension();
  if (axis >= tensor.getRank())
    return op->emitOpError()
           << "expected " << name << "'s quantized dimension to be below its "
           << "rank " << tensor.getRank() << ", found " << axis;
  int64_t size = tensor.getDimSize(axis);
  int64_t scales = perAxis.getScales().size();
  if (!ShapedType::isDynamic(size) && size != scales)
    return op->emitOpError()
           << "expected " << name << " to have " << size
           << " per-channel scales (the size of dimension " << axis
           << "), found " << scales;
  return success();
}

static LogicalResult verifyAllQuantParams(Operation *op) {
  for (auto [index, operand] : llvm::enumerate(op->getOperands()))
    if (failed(verifyQuantParams(op, llvm::formatv("operand #{0}", index).str(),
                                 operand.getType())))
      return failure();
  for (Value result : op->getResults())
    if (failed(verifyQuantParams(op, "the result", result.getType())))
      return failure();
  return success();
}

/// `i8`, `u8`, `i4`...: the storage type as the quant dialect spells it.
static std::string storageString(quant::QuantizedType type) {
  return (type.isSigned() ? "i" : "u") +
         std::to_string(type.getStorageTypeIntegralWidth());
}

static Type getElementType(Value value) {
  return cast<ShapedType>(value.getType()).getElementType();
}

//===----------------------------------------------------------------------===//
// Contraction element types (accel.matmul, accel.conv2d)
//===----------------------------------------------------------------------===//

namespace {
/// The element types of one contraction, named for the messages.
struct ContractionTypes {
  StringRef lhsName, rhsName;
  Type lhs, rhs, accumulator, result;
  Value bias;
  /// Dimension of `rhs` that indexes output channels, for per-channel rhs.
  int64_t rhsChannelDim;
};
} // namespace

static LogicalResult verifyFloatContraction(Operation *op,
                                            const ContractionTypes &t) {
  auto lhsKind = *classifyElementType(t.lhs);
  auto rhsKind = *classifyElementType(t.rhs);
  bool bothFp8 = getStorageBits(lhsKind) == 8 && getStorageBits(rhsKind) == 8;
  if (t.lhs != t.rhs && !bothFp8)
    return op->emitOpError() << "expected " << t.lhsName << " and "
                             << t.rhsName << " of one float type, found "
                             << t.lhs << " and " << t.rhs;
  // Float products and sums are f32 (docs/Numerics.md): narrower
  // accumulators overflow (448^2 > f16's max) or lose the products' bits.
  if (!t.accumulator.isF32())
    return op->emitOpError() << "expected an f32 accumulator for " << t.lhs
                             << " operands, found " << t.accumulator;
  if (!isAccelFloat(t.result))
    return op->emitOpError() << "expected a float result element type, found "
                             << t.result;
  return success();
}

/// Signless-integer accumulators must hold a product of the operand widths.
static LogicalResult verifyIntegerAccumulator(Operation *op,
                                              const ContractionTypes &t,
                                              unsigned lhsBits,
                                              unsigned rhsBits,
                                              bool zeroPointAdjusted) {
  auto acc = dyn_cast<IntegerType>(t.accumulator);
  if (!acc || !acc.isSignless())
    return op->emitOpError()
           << "expected a signless integer accumulator for integer operands, "
              "found "
           << t.accumulator;
  // A signed n-bit x m-bit product fits n+m signed bits.  With zero points
  // subtracted each factor spans 2^n - 1 values either side of zero, so the
  // product needs one bit more (e.g. (127 - -128)^2 = 65025 > 2^15).
  unsigned needed = lhsBits + rhsBits + (zeroPointAdjusted ? 1 : 0);
  if (acc.getWidth() < needed)
    return op->emitOpError()
           << "expected an accumulator of at least " << needed << " bits for "
           << lhsBits << "-bit x " << rhsBits << "-bit "
           << (zeroPointAdjusted ? "zero-point-adjusted " : "")
           << "products, found " << t.accumulator;
  return success();
}

static LogicalResult verifyQuantOperand(Operation *op, StringRef name,
                                        quant::QuantizedType type) {
  unsigned width = type.getStorageTypeIntegralWidth();
  bool ok = width == 4 ? type.isSigned() : width == 8;
  if (!ok)
    return op->emitOpError() << "expected " << name
                             << " quantized storage i8, u8 or i4, found "
                             << storageString(type);
  if (!type.getExpressedType().isF32())
    return op->emitOpError() << "expected " << name
                             << " quantized with expressed type f32, found "
                             << type.getExpressedType();
  return success();
}

static LogicalResult verifyQuantContraction(Operation *op,
                                            const ContractionTypes &t) {
  auto lhs = cast<quant::QuantizedType>(t.lhs);
  auto rhs = cast<quant::QuantizedType>(t.rhs);
  if (failed(verifyQuantOperand(op, t.lhsName, lhs)) ||
      failed(verifyQuantOperand(op, t.rhsName, rhs)))
    return failure();
  if (isa<quant::UniformQuantizedPerAxisType>(lhs))
    return op->emitOpError() << "expected per-tensor quantized " << t.lhsName
                             << ", found per-axis " << t.lhs;
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(rhs))
    if (perAxis.getQuantizedDimension() != t.rhsChannelDim)
      return op->emitOpError()
             << "expected per-channel " << t.rhsName
             << " quantized along its output-channel dimension "
             << t.rhsChannelDim << ", found dimension "
             << perAxis.getQuantizedDimension();
  if (failed(verifyIntegerAccumulator(
          op, t, lhs.getStorageTypeIntegralWidth(),
          rhs.getStorageTypeIntegralWidth(), /*zeroPointAdjusted=*/true)))
    return failure();
  if (t.result == t.accumulator)
    return success();
  auto result = dyn_cast<quant::UniformQuantizedType>(t.result);
  if (!result)
    return op->emitOpError()
           << "expected the result element type to be the accumulator type "
           << t.accumulator << " or a per-tensor !quant.uniform, found "
           << t.result;
  if (result.getStorageTypeIntegralWidth() >
      cast<IntegerType>(t.accumulator).getWidth())
    return op->emitOpError() << "expected quantized result storage no wider "
                             << "than the accumulator " << t.accumulator
                             << ", found " << result.getStorageType();
  if (!result.getExpressedType().isF32())
    return op->emitOpError() << "expected the result quantized with expressed "
                                "type f32, found "
                             << result.getExpressedType();
  return success();
}

static LogicalResult verifyContractionTypes(Operation *op,
                                            const ContractionTypes &t) {
  if (!classifyElementType(t.accumulator) ||
      isa<quant::QuantizedType>(t.accumulator))
    return op->emitOpError() << "expected a signless integer (i4 to i32) or "
                                "f32 accumulator, found "
                             << t.accumulator;
  bool lhsQuant = isa<quant::QuantizedType>(t.lhs);
  bool rhsQuant = isa<quant::QuantizedType>(t.rhs);
  if (lhsQuant != rhsQuant)
    return op->emitOpError() << "expected " << t.lhsName << " and "
                             << t.rhsName
                             << " both quantized or both not, found " << t.lhs
                             << " and " << t.rhs;
  if (isAccelFloat(t.lhs) != isAccelFloat(t.rhs))
    return op->emitOpError() << "expected " << t.lhsName << " and "
                             << t.rhsName
                             << " both float or both integer, found " << t.lhs
                             << " and " << t.rhs;
  LogicalResult result = success();
  if (lhsQuant) {
    result = verifyQuantContraction(op, t);
  } else if (isAccelFloat(t.lhs)) {
    result = verifyFloatContraction(op, t);
  } else {
    result = verifyIntegerAccumulator(op, t, t.lhs.getIntOrFloatBitWidth(),
                                      t.rhs.getIntOrFloatBitWidth(),
                                      /*zeroPointAdjusted=*/false);
    if (succeeded(result) && t.result != t.accumulator)
      return op->emitOpError()
             << "expected the result element type of an integer contraction "
                "to be the accumulator type "
             << t.accumulator << ", found " << t.result;
  }
  if (failed(result))
    return failure();
  if (t.bias && getElementType(t.bias) != t.accumulator)
    return op->emitOpError() << "expected bias elements of the accumulator "
                             << "type " << t.accumulator << ", found "
                             << getElementType(t.bias);
  return success();
}

/// Bias is one value per output channel.
static LogicalResult verifyBiasShape(Operation *op, Value bias,
                                     int64_t channels) {
  if (!bias)
    return success();
  auto type = cast<RankedTensorType>(bias.getType());
  if (type.getRank() != 1 || !dimsAgree(type.getDimSize(0), channels))
    return op->emitOpError() << "expected bias of shape [" << dimString(channels)
                             << "], found " << type;
  return success();
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

int64_t MatmulOp::getM() {
  auto type = getLhs().getType();
  return type.getDimSize(type.getRank() - (getTransposeLhs() ? 1 : 2));
}
int64_t MatmulOp::getK() {
  auto type = getLhs().getType();
  return type.getDimSize(type.getRank() - (getTransposeLhs() ? 2 : 1));
}
int64_t MatmulOp::getN() {
  auto type = getRhs().getType();
  return type.getDimSize(type.getRank() - (getTransposeRhs() ? 2 : 1));
}

LogicalResult MatmulOp::verify() {
  auto lhsType = getLhs().getType(), rhsType = getRhs().getType();
  auto resultType = getResult().getType();
  int64_t rank = lhsType.getRank();
  if (rank < 2)
    return emitOpError() << "expected lhs of rank >= 2, found " << lhsType;
  if (rhsType.getRank() != rank && rhsType.getRank() != 2)
    return emitOpError() << "expected rhs of rank " << rank
                         << " (batched) or 2 (shared), found " << rhsType;
  if (resultType.getRank() != rank)
    return emitOpError() << "expected result of rank " << rank << ", found "
                         << resultType;
  for (int64_t b = 0; b < rank - 2; ++b) {
    int64_t lhsB = lhsType.getDimSize(b);
    if (rhsType.getRank() == rank && !dimsAgree(lhsB, rhsType.getDimSize(b)))
      return emitOpError() << "expected lhs and rhs batch dimension " << b
                           << " to agree, found " << dimString(lhsB) << " and "
                           << dimString(rhsType.getDimSize(b));
    if (!dimsAgree(lhsB, resultType.getDimSize(b)))
      return emitOpError() << "expected result batch dimension " << b << " of "
                           << dimString(lhsB) << ", found "
                           << dimString(resultType.getDimSize(b));
  }
  int64_t rhsRank = rhsType.getRank();
  int64_t rhsK =
      rhsType.getDimSize(rhsRank - (getTransposeRhs() ? 1 : 2));
  if (!dimsAgree(getK(), rhsK))
    return emitOpError() << "expected lhs and rhs to agree on the reduction "
                            "size K, found "
                         << dimString(getK()) << " and " << dimString(rhsK);
  int64_t resM = resultType.getDimSize(rank - 2);
  int64_t resN = resultType.getDimSize(rank - 1);
  if (!dimsAgree(getM(), resM) || !dimsAgree(getN(), resN))
    return emitOpError() << "expected result [..., " << dimString(getM())
                         << ", " << dimString(getN()) << "], found "
                         << resultType;
  if (failed(verifyBiasShape(*this, getBias(), getN())))
    return failure();
  ContractionTypes types{"lhs",
                         "rhs",
                         lhsType.getElementType(),
                         rhsType.getElementType(),
                         getAccumulatorType(),
                         resultType.getElementType(),
                         getBias(),
                         rhsRank - (getTransposeRhs() ? 2 : 1)};
  if (failed(verifyAllQuantParams(*this)))
    return failure();
  return verifyContractionTypes(*this, types);
}

//===----------------------------------------------------------------------===//
// Window geometry (accel.conv2d and pooling)
//===----------------------------------------------------------------------===//

static LogicalResult verifyPositive(Operation *op, StringRef name,
                                    ArrayRef<int64_t> values, size_t count) {
  if (values.size() != count || llvm::any_of(values, [](int64_t v) {
        return v <= 0;
      }))
    return op->emitOpError() << "expected " << name << " of " << count
                             << " positive values, found "
                             << arrayString(values);
  return success();
}

static LogicalResult verifyPadding(Operation *op, ArrayRef<int64_t> padding) {
  if (padding.size() != 4 ||
      llvm::any_of(padding, [](int64_t v) { return v < 0; }))
    return op->emitOpError() << "expected padding of 4 non-negative values "
                                "[top, bottom, left, right], found "
                             << arrayString(padding);
  return success();
}

/// Checks one spatial output size: (in + pads - dilation*(k-1) - 1)/stride+1.
static LogicalResult verifyOutputSize(Operation *op, StringRef axis,
                                      int64_t in, int64_t k, int64_t padLo,
                                      int64_t padHi, int64_t stride,
                                      int64_t dilation, int64_t out) {
  if (ShapedType::isDynamic(in) || ShapedType::isDynamic(k))
    return success();
  int64_t span = in + padLo + padHi - dilation * (k - 1) - 1;
  if (span < 0)
    return op->emitOpError()
           << "expected the window to fit the padded input along " << axis
           << ": window " << k << " (dilation " << dilation
           << ") over input " << in << " with padding " << padLo << "+"
           << padHi;
  int64_t expected = span / stride + 1;
  if (!dimsAgree(expected, out))
    return op->emitOpError() << "expected output " << axis << " of "
                             << expected << ", found " << dimString(out);
  return success();
}

//===----------------------------------------------------------------------===//
// Conv2DOp
//===----------------------------------------------------------------------===//

bool Conv2DOp::isDepthwise() {
  int64_t channels = getInput().getType().getDimSize(3);
  return getGroups() > 1 && channels == getGroups();
}

LogicalResult Conv2DOp::verify() {
  auto inType = getInput().getType(), filterType = getFilter().getType();
  auto resultType = getResult().getType();
  if (failed(verifyPositive(*this, "strides", getStrides(), 2)) ||
      failed(verifyPositive(*this, "dilations", getDilations(), 2)) ||
      failed(verifyPadding(*this, getPadding())))
    return failure();
  int64_t groups = getGroups();
  if (groups <= 0)
    return emitOpError() << "expected groups >= 1, found " << groups;
  int64_t c = inType.getDimSize(3), f = filterType.getDimSize(3);
  if (!ShapedType::isDynamic(c) && c % groups != 0)
    return emitOpError() << "expected input channels (" << c
                         << ") divisible by groups (" << groups << ")";
  if (!ShapedType::isDynamic(f) && f % groups != 0)
    return emitOpError() << "expected filter output channels (" << f
                         << ") divisible by groups (" << groups << ")";
  if (!ShapedType::isDynamic(c) &&
      !dimsAgree(filterType.getDimSize(2), c / groups))
    return emitOpError() << "expected filter dimension 2 to be input channels "
                         << "/ groups = " << c / groups << ", found "
                         << dimString(filterType.getDimSize(2));
  if (!dimsAgree(inType.getDimSize(0), resultType.getDimSize(0)))
    return emitOpError() << "expected result batch "
                         << dimString(inType.getDimSize(0)) << ", found "
                         << dimString(resultType.getDimSize(0));
  if (!dimsAgree(f, resultType.getDimSize(3)))
    return emitOpError() << "expected result channels equal to the filter's "
                         << dimString(f) << ", found "
                         << dimString(resultType.getDimSize(3));
  ArrayRef<int64_t> s = getStrides(), d = getDilations(), p = getPadding();
  if (failed(verifyOutputSize(*this, "height", inType.getDimSize(1),
                              filterType.getDimSize(0), p[0], p[1], s[0], d[0],
                              resultType.getDimSize(1))) ||
      failed(verifyOutputSize(*this, "width", inType.getDimSize(2),
                              filterType.getDimSize(1), p[2], p[3], s[1], d[1],
                              resultType.getDimSize(2))))
    return failure();
  if (failed(verifyBiasShape(*this, getBias(), f)) ||
      failed(verifyAllQuantParams(*this)))
    return failure();
  ContractionTypes types{"input",
                         "filter",
                         inType.getElementType(),
                         filterType.getElementType(),
                         getAccumulatorType(),
                         resultType.getElementType(),
                         getBias(),
                         /*rhsChannelDim=*/3};
  return verifyContractionTypes(*this, types);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

template <typename PoolOp>
static LogicalResult verifyPool(PoolOp op) {
  ArrayRef<int64_t> window = op.getWindow(), s = op.getStrides(),
                    p = op.getPadding();
  if (failed(verifyPositive(op, "window", window, 2)) ||
      failed(verifyPositive(op, "strides", s, 2)) ||
      failed(verifyPadding(op, p)))
    return failure();
  if (p[0] >= window[0] || p[1] >= window[0] || p[2] >= window[1] ||
      p[3] >= window[1])
    return op.emitOpError() << "expected each padding smaller than the window "
                            << arrayString(window) << ", found "
                            << arrayString(p);
  auto inType = op.getInput().getType(), resultType = op.getResult().getType();
  if (inType.getElementType() != resultType.getElementType())
    return op.emitOpError() << "expected result element type "
                            << inType.getElementType() << ", found "
                            << resultType.getElementType();
  // A window mixes rows and columns, so only channels may carry their own
  // scale and zero point.
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(
          inType.getElementType()))
    if (perAxis.getQuantizedDimension() != 3)
      return op.emitOpError()
             << "expected per-axis quantization along the channel dimension "
                "3, found dimension "
             << perAxis.getQuantizedDimension();
  for (int64_t dim : {0, 3})
    if (!dimsAgree(inType.getDimSize(dim), resultType.getDimSize(dim)))
      return op.emitOpError()
             << "expected result dimension " << dim << " of "
             << dimString(inType.getDimSize(dim)) << ", found "
             << dimString(resultType.getDimSize(dim));
  if (failed(verifyOutputSize(op, "height", inType.getDimSize(1), window[0],
                              p[0], p[1], s[0], 1, resultType.getDimSize(1))) ||
      failed(verifyOutputSize(op, "width", inType.getDimSize(2), window[1],
                              p[2], p[3], s[1], 1, resultType.getDimSize(2))))
    return failure();
  return verifyAllQuantParams(op);
}

LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }
LogicalResult AvgPool2DOp::verify() { return verifyPool(*this); }

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

LogicalResult ReluOp::verify() { return verifyAllQuantParams(*this); }

LogicalResult ClampOp::verify() {
  double lo = getMin().convertToDouble(), hi = getMax().convertToDouble();
  if (!(lo <= hi))
    return emitOpError() << "expected min <= max, found min " << lo
                         << " and max " << hi;
  return verifyAllQuantParams(*this);
}

/// Binary elementwise ops: one float type throughout, or per-tensor quantized
/// operands and result sharing a storage type.
static LogicalResult verifyBinary(Operation *op) {
  Type lhs = getElementType(op->getOperand(0));
  Type rhs = getElementType(op->getOperand(1));
  Type result = getElementType(op->getResult(0));
  auto lq = dyn_cast<quant::QuantizedType>(lhs);
  auto rq = dyn_cast<quant::QuantizedType>(rhs);
  auto resq = dyn_cast<quant::QuantizedType>(result);
  SmallVector<int64_t> broadcast;
  auto shapeOf = [&](Value v) {
    return cast<ShapedType>(v.getType()).getShape();
  };
  if (OpTrait::util::getBroadcastedShape(shapeOf(op->getOperand(0)),
                                         shapeOf(op->getOperand(1)),
                                         broadcast)) {
    ArrayRef<int64_t> resultShape = shapeOf(op->getResult(0));
    bool agrees = resultShape.size() == broadcast.size() &&
                  llvm::all_of(llvm::zip(resultShape, broadcast), [](auto p) {
                    return dimsAgree(std::get<0>(p), std::get<1>(p));
                  });
    if (!agrees)
      return op->emitOpError()
             << "expected the result to have the broadcast shape "
             << arrayString(broadcast) << ", found "
             << op->getResult(0).getType();
  }
  if (!lq && !rq && !resq) {
    if (lhs != rhs || lhs != result)
      return op->emitOpError() << "expected one element type for operands "
                                  "and result, found "
                               << lhs << ", " << rhs << " and " << result;
    return success();
  }
  if (!lq || !rq || !resq)
    return op->emitOpError() << "expected operands and result all quantized "
                                "or all float, found "
                             << lhs << ", " << rhs << " and " << result;
  for (auto [name, type] : {std::pair<StringRef, quant::QuantizedType>{
                                "lhs", lq},
                            {"rhs", rq},
                            {"result", resq}}) {
    if (!isa<quant::UniformQuantizedType>(type))
      return op->emitOpError() << "expected per-tensor quantized " << name
                               << ", found " << Type(type);
    if (storageString(type) != storageString(lq))
      return op->emitOpError() << "expected " << name << " storage "
                               << storageString(lq) << " like lhs, found "
                               << storageString(type);
    if (type.getExpressedType() != lq.getExpressedType())
      return op->emitOpError() << "expected " << name << " expressed type "
                               << lq.getExpressedType() << " like lhs, found "
                               << type.getExpressedType();
  }
  return success();
}

LogicalResult AddOp::verify() { return verifyBinary(*this); }
LogicalResult SubOp::verify() { return verifyBinary(*this); }
LogicalResult MulOp::verify() { return verifyBinary(*this); }

//===----------------------------------------------------------------------===//
// Precision changes
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  auto quant = cast<quant::QuantizedType>(getElementType(getResult()));
  Type in = getElementType(getInput());
  if (in != quant.getExpressedType())
    return emitOpError() << "expected operand elements of the result's "
                         << "expressed type " << quant.getExpressedType()
                         << ", found " << in;
  return verifyAllQuantParams(*this);
}

LogicalResult DequantizeOp::verify() {
  auto quant = cast<quant::QuantizedType>(getElementType(getInput()));
  Type out = getElementType(getResult());
  if (out != quant.getExpressedType())
    return emitOpError() << "expected result elements of the operand's "
                         << "expressed type " << quant.getExpressedType()
                         << ", found " << out;
  return verifyAllQuantParams(*this);
}

LogicalResult RequantizeOp::verify() {
  auto in = cast<quant::QuantizedType>(getElementType(getInput()));
  auto out = cast<quant::QuantizedType>(getElementType(getResult()));
  if (in.getExpressedType() != out.getExpressedType())
    return emitOpError() << "expected operand and result with one expressed "
                         << "type, found " << in.getExpressedType() << " and "
                         << out.getExpressedType();
  if (!isa<quant::UniformQuantizedType>(out))
    return emitOpError() << "expected a per-tensor quantized result, found "
                         << Type(out);
  return verifyAllQuantParams(*this);
}

//===----------------------------------------------------------------------===//
// LaunchOp
//===----------------------------------------------------------------------===//

LogicalResult LaunchOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  Operation *callee =
      symbolTable.lookupNearestSymbolFrom(*this, getKernelAttr());
  FunctionType type;
  if (auto binary = llvm::dyn_cast_or_null<BinaryOp>(callee)) {
    type = binary.getFunctionType();
  } else if (auto kernel = llvm::dyn_cast_or_null<func::FuncOp>(callee)) {
    if (!kernel->hasAttr(AccelDialect::kKernelAttrName))
      return emitOpError("expected @")
             << getKernel() << " to be an accelerator kernel (a func.func with '"
             << AccelDialect::kKernelAttrName << "'), found a plain function";
    // A kernel being compiled to the ISA keeps its tensor-level signature.
    if (auto original = kernel->getAttrOfType<TypeAttr>(
            AccelDialect::kKernelTypeAttrName))
      type = llvm::cast<FunctionType>(original.getValue());
    else
      type = kernel.getFunctionType();
  } else {
    return emitOpError("expected '")
           << getKernel() << "' to name a func.func or accel.binary, found "
           << (callee ? "'" + callee->getName().getStringRef().str() + "'"
                      : std::string("none"));
  }
  if (TypeRange(type.getInputs()) != TypeRange(getArgs().getTypes()) ||
      TypeRange(type.getResults()) != TypeRange(getResults().getTypes()))
    return emitOpError("expected operand and result types ")
           << type << " of @" << getKernel() << ", found "
           << FunctionType::get(getContext(), getArgs().getTypes(),
                                getResults().getTypes());
  return success();
}
