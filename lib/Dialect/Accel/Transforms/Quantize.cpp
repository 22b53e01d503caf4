//===- Quantize.cpp - accel-quantize pass ---------------------------------===//
//
// This file implements post-training quantization: f32 contractions with
// constant weights become int8 contractions whose activation scales come
// from a calibration table (accel-calibrate) and whose weight scales come
// from the weights themselves.  docs/Quantization.md explains the choices.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/Transforms/Quantize.h"

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Dialect/Accel/Transforms/TensorNames.h"
#include "accel/Quantization/CalibrationTable.h"
#include "accel/Target/TargetModel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Matchers.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <limits>

namespace accel {
#define GEN_PASS_DEF_QUANTIZEPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
namespace calib = ::accel::quant;
using accel::QuantizeConfig;

namespace {

/// The smallest power of two not below `scale`: a shift-only requantizer
/// needs every ratio of scales to be a power of two, and rounding up never
/// clips more than the calibrated range.
double roundUpToPowerOfTwo(double scale) {
  return std::exp2(std::ceil(std::log2(scale)));
}

/// The smallest scale a quant type can hold: f32's smallest normal value.
/// Ranges below it (denormal weights, a threshold of 1e-44) are treated as
/// zero, for which any scale is exact.
constexpr double kMinScale = std::numeric_limits<float>::min();

/// Largest |bias| the i32 accumulator takes, leaving half of its range to
/// the products (TFLite keeps the same headroom).
constexpr double kMaxBias = double(1 << 30);

/// Rewrites one function; holds what every layer needs.
class FunctionQuantizer {
public:
  FunctionQuantizer(func::FuncOp func, const calib::CalibrationTable &table,
                    const QuantizeConfig &config, bool shiftOnly)
      : func(func), names(func), table(table), config(config),
        shiftOnly(shiftOnly) {}

  LogicalResult checkTableNames();
  LogicalResult run();

private:
  /// One contraction to rewrite, with the names of its tensors taken
  /// before any rewrite replaces the values they name.
  struct Layer {
    Operation *op;
    Operation *activation; // relu/clamp run on the quantized result
    std::string inputName, outputName;
  };

  FailureOr<mlir::quant::UniformQuantizedType>
  activationType(StringRef name, Operation *user, StringRef role);
  FailureOr<Value> quantizedInput(OpBuilder &builder, const Layer &layer);
  Value quantizeWeights(OpBuilder &builder, Operation *op, Value weights,
                        DenseElementsAttr values, int64_t axis,
                        DenseElementsAttr bias, double inputScale,
                        SmallVectorImpl<double> &scales);
  Value quantizeBias(OpBuilder &builder, Location loc, DenseElementsAttr bias,
                     double inputScale, ArrayRef<double> weightScales);
  LogicalResult rewrite(const Layer &layer);
  void rewriteOrderPreserving(Operation *op, StringRef name);

  func::FuncOp func;
  accel::TensorNames names;
  const calib::CalibrationTable &table;
  const QuantizeConfig &config;
  bool shiftOnly;
};

} // namespace

LogicalResult FunctionQuantizer::checkTableNames() {
  llvm::StringSet<> known;
  for (const auto &[value, name] : names.getNamed())
    known.insert(name);
  for (const calib::TensorCalibration &entry : table.tensors)
    if (!known.contains(entry.name))
      return func.emitError()
             << "calibration table entry '" << entry.name
             << "' names no tensor of @" << func.getSymName()
             << " (was the table written for another model?)";
  return success();
}

FailureOr<mlir::quant::UniformQuantizedType>
FunctionQuantizer::activationType(StringRef name, Operation *user,
                                  StringRef role) {
  const calib::TensorCalibration *entry =
      name.empty() ? nullptr : table.lookup(name);
  if (!entry)
    return user->emitError()
           << "no calibration entry for tensor '"
           << (name.empty() ? StringRef("<unnamed>") : name) << "' (" << role
           << " of '" << user->getName() << "'); the table has "
           << table.tensors.size() << " tensor(s)";
  auto method = std::string(calib::stringifyCalibrationMethod(config.method));
  auto threshold = entry->thresholds.find(method);
  if (threshold == entry->thresholds.end())
    return user->emitError() << "calibration entry '" << name
                             << "' has no '" << method << "' threshold";
  double limit = threshold->second;
  double scale = 1.0;
  int64_t zeroPoint = 0;
  if (config.symmetric) {
    if (limit / 127.0 >= kMinScale)
      scale = limit / 127.0;
    if (shiftOnly)
      scale = roundUpToPowerOfTwo(scale);
  } else {
    // The threshold clips both tails; the range always holds 0 so that a
    // real zero (padding, relu) is exact.
    double lo = std::min(0.0, std::max(entry->min, -limit));
    double hi = std::max(0.0, std::min(entry->max, limit));
    if ((hi - lo) / 255.0 >= kMinScale)
      scale = (hi - lo) / 255.0;
    if (shiftOnly)
      scale = roundUpToPowerOfTwo(scale);
    zeroPoint = std::clamp<int64_t>(std::llround(-128.0 - lo / scale), -128,
                                    127);
  }
  MLIRContext *ctx = user->getContext();
  return mlir::quant::UniformQuantizedType::get(
      mlir::quant::QuantizationFlags::Signed, IntegerType::get(ctx, 8),
      Float32Type::get(ctx), scale, zeroPoint, -128, 127);
}

/// The quantized form of a contraction's input: the quantized value behind
/// a dequantize (the previous layer's output) when there is one, so that
/// layers hand int8 tensors to each other, else a new accel.quantize.
FailureOr<Value> FunctionQuantizer::quantizedInput(OpBuilder &builder,
                                                   const Layer &layer) {
  Operation *op = layer.op;
  Value input = op->getOperand(0);
  auto type = activationType(layer.inputName, op, "input");
  if (failed(type))
    return failure();
  auto shaped = cast<RankedTensorType>(input.getType());
  auto wanted = RankedTensorType::get(shaped.getShape(), *type);
  if (auto dequantize = input.getDefiningOp<accel::DequantizeOp>()) {
    Value quantized = dequantize.getInput();
    if (quantized.getType() == wanted)
      return quantized;
    if (isa<mlir::quant::UniformQuantizedType>(
            getElementTypeOrSelf(quantized.getType())))
      return Value(accel::RequantizeOp::create(builder, op->getLoc(), wanted,
                                               quantized));
  }
  return Value(
      accel::QuantizeOp::create(builder, input.getLoc(), wanted, input));
}

/// Symmetric weights (zero point 0, levels ±(2^(bits-1) - 1)), one scale
/// per output channel along `axis` or one for the tensor.  A channel whose
/// bias would not fit the accumulator at scale input * weight gets a larger
/// weight scale instead (a channel whose weights decayed to almost nothing
/// but kept its bias would otherwise saturate, and wrap).
Value FunctionQuantizer::quantizeWeights(
    OpBuilder &builder, Operation *op, Value weights, DenseElementsAttr values,
    int64_t axis, DenseElementsAttr bias, double inputScale,
    SmallVectorImpl<double> &scales) {
  auto type = cast<RankedTensorType>(weights.getType());
  ArrayRef<int64_t> shape = type.getShape();
  int64_t channels = config.perChannel ? shape[axis] : 1;
  int64_t inner = 1;
  for (int64_t d = axis + 1; d < type.getRank(); ++d)
    inner *= shape[d];
  auto channelOf = [&](int64_t index) {
    return config.perChannel ? (index / inner) % shape[axis] : 0;
  };
  SmallVector<float> w(values.getValues<float>());
  SmallVector<double> absMax(channels, 0.0);
  for (auto [i, v] : llvm::enumerate(w))
    absMax[channelOf(i)] = std::max(absMax[channelOf(i)], double(std::abs(v)));
  int64_t levels = (int64_t(1) << (config.weightBits - 1)) - 1;
  SmallVector<double> biasMax(channels, 0.0);
  if (bias)
    for (auto [c, b] : llvm::enumerate(bias.getValues<float>()))
      biasMax[config.perChannel ? c : 0] =
          std::max(biasMax[config.perChannel ? c : 0], double(std::abs(b)));
  scales.clear();
  for (auto [m, b] : llvm::zip(absMax, biasMax)) {
    double scale = std::max(m / double(levels), b / (inputScale * kMaxBias));
    if (scale < kMinScale)
      scale = 1.0;
    scales.push_back(shiftOnly ? roundUpToPowerOfTwo(scale) : scale);
  }
  MLIRContext *ctx = builder.getContext();
  auto storage = IntegerType::get(ctx, config.weightBits);
  SmallVector<APInt> q;
  q.reserve(w.size());
  for (auto [i, v] : llvm::enumerate(w)) {
    double x = std::nearbyint(double(v) / scales[channelOf(i)]);
    q.push_back(APInt(config.weightBits,
                      uint64_t(std::clamp<int64_t>(int64_t(x), -levels, levels)),
                      /*isSigned=*/true));
  }
  auto storageType = RankedTensorType::get(shape, storage);
  Value raw = arith::ConstantOp::create(
      builder, op->getLoc(), DenseElementsAttr::get(storageType, q));
  auto f32 = Float32Type::get(ctx);
  int64_t qmin = -(int64_t(1) << (config.weightBits - 1));
  int64_t qmax = -qmin - 1;
  Type element;
  if (config.perChannel)
    element = mlir::quant::UniformQuantizedPerAxisType::get(
        mlir::quant::QuantizationFlags::Signed, storage, f32, scales,
        SmallVector<int64_t>(channels, 0), int32_t(axis), qmin, qmax);
  else
    element = mlir::quant::UniformQuantizedType::get(
        mlir::quant::QuantizationFlags::Signed, storage, f32, scales[0], 0,
        qmin, qmax);
  return mlir::quant::StorageCastOp::create(
      builder, op->getLoc(), RankedTensorType::get(shape, element), raw);
}

/// The bias in i32 at scale input * weight (per channel), as TFLite does.
Value FunctionQuantizer::quantizeBias(OpBuilder &builder, Location loc,
                                      DenseElementsAttr bias,
                                      double inputScale,
                                      ArrayRef<double> weightScales) {
  SmallVector<int32_t> q;
  for (auto [c, b] : llvm::enumerate(bias.getValues<float>())) {
    double scale = inputScale * weightScales[weightScales.size() == 1 ? 0 : c];
    double x = std::nearbyint(double(b) / scale);
    q.push_back(int32_t(std::clamp<double>(x, INT32_MIN, INT32_MAX)));
  }
  auto type = RankedTensorType::get({int64_t(q.size())},
                                    builder.getIntegerType(32));
  return arith::ConstantOp::create(builder, loc,
                                   DenseElementsAttr::get(type, ArrayRef(q)));
}

/// The activation that may follow a contraction and run on its quantized
/// result (its range is what the contraction's output is quantized to).
static Operation *foldableActivation(Value result) {
  if (!result.hasOneUse())
    return nullptr;
  Operation *user = *result.getUsers().begin();
  return isa<accel::ReluOp, accel::ClampOp>(user) ? user : nullptr;
}

LogicalResult FunctionQuantizer::rewrite(const Layer &layer) {
  Operation *op = layer.op;
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
  int64_t rank = cast<RankedTensorType>(rhs.getType()).getRank();
  int64_t axis = rank - 1;
  if (auto matmul = dyn_cast<accel::MatmulOp>(op))
    if (matmul.getTransposeRhs())
      axis = rank - 2;
  DenseElementsAttr weights, biasValues;
  matchPattern(rhs, m_Constant(&weights));
  if (bias)
    matchPattern(bias, m_Constant(&biasValues));

  Value result = op->getResult(0);
  Operation *activation = layer.activation;
  Value output = activation ? activation->getResult(0) : result;
  OpBuilder builder(op);
  FailureOr<Value> input = quantizedInput(builder, layer);
  if (failed(input))
    return failure();
  auto outputType = activationType(layer.outputName,
                                   activation ? activation : op, "output");
  if (failed(outputType))
    return failure();
  auto inputType = cast<mlir::quant::UniformQuantizedType>(
      getElementTypeOrSelf((*input).getType()));
  SmallVector<double> weightScales;
  Value quantizedWeights =
      quantizeWeights(builder, op, rhs, weights, axis, biasValues,
                      inputType.getScale(), weightScales);

  Value quantizedBias;
  if (bias)
    quantizedBias = quantizeBias(builder, op->getLoc(), biasValues,
                                 inputType.getScale(), weightScales);
  Operation *quantized = builder.clone(*op);
  quantized->setOperand(0, *input);
  quantized->setOperand(1, quantizedWeights);
  if (bias)
    quantized->setOperand(2, quantizedBias);
  quantized->setAttr("accumulator_type",
                     TypeAttr::get(builder.getIntegerType(32)));
  // Placement decides again for the int8 op.
  quantized->removeAttr(accel::AccelDialect::kPlacementAttrName);
  auto resultShape = cast<RankedTensorType>(result.getType()).getShape();
  auto quantizedType = RankedTensorType::get(resultShape, *outputType);
  quantized->getResult(0).setType(quantizedType);
  Value last = quantized->getResult(0);
  if (activation) {
    builder.setInsertionPoint(activation);
    Operation *newActivation = builder.clone(*activation);
    newActivation->setOperand(0, last);
    newActivation->getResult(0).setType(quantizedType);
    last = newActivation->getResult(0);
  }
  // The f32 view keeps the layer's tensor name, so that the quantized model
  // names it as the f32 model does (the drift report pairs them by name).
  Location viewLoc = output.getLoc();
  if (!layer.outputName.empty())
    viewLoc = NameLoc::get(builder.getStringAttr(layer.outputName), viewLoc);
  Value real = accel::DequantizeOp::create(builder, viewLoc, output.getType(),
                                           last);
  output.replaceAllUsesWith(real);
  if (activation)
    activation->erase();
  op->erase();
  // The input's own dequantize is dead once every consumer took the int8
  // value behind it, as are the f32 weights.
  for (Value old : {lhs, rhs, bias})
    if (Operation *def = old ? old.getDefiningOp() : nullptr)
      if (def->use_empty() &&
          (isa<arith::ConstantOp>(def) ||
           (isa<accel::DequantizeOp>(def) && !config.keepDequantized)))
        def->erase();
  return success();
}

/// Ops that commute with dequantization (max(q) dequantizes to the max of
/// the reals, since scales are positive), so they run on int8 values
/// exactly, with the input's own type: pooling and activations between
/// layers then keep the model in int8.
static bool isOrderPreserving(Operation *op) {
  if (!isa<accel::MaxPool2DOp, accel::ReluOp, accel::ClampOp>(op))
    return false;
  return accel::isCalibratable(op->getOperand(0)) &&
         accel::isCalibratable(op->getResult(0));
}

void FunctionQuantizer::rewriteOrderPreserving(Operation *op, StringRef name) {
  auto dequantize = op->getOperand(0).getDefiningOp<accel::DequantizeOp>();
  if (!dequantize)
    return; // An f32 input from elsewhere: the op stays f32.
  Value quantized = dequantize.getInput();
  if (!isa<mlir::quant::UniformQuantizedType>(
          getElementTypeOrSelf(quantized.getType())))
    return;
  OpBuilder builder(op);
  Operation *onInt8 = builder.clone(*op);
  onInt8->setOperand(0, quantized);
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  onInt8->getResult(0).setType(
      resultType.clone(getElementTypeOrSelf(quantized.getType())));
  onInt8->removeAttr(accel::AccelDialect::kPlacementAttrName);
  Location viewLoc = op->getLoc();
  if (!name.empty())
    viewLoc = NameLoc::get(builder.getStringAttr(name), viewLoc);
  Value real = accel::DequantizeOp::create(builder, viewLoc, resultType,
                                           onInt8->getResult(0));
  op->getResult(0).replaceAllUsesWith(real);
  op->erase();
  if (dequantize->use_empty() && !config.keepDequantized)
    dequantize->erase();
}

/// f32 contractions (static, non-empty shapes).
static bool isF32Contraction(Operation *op) {
  if (!isa<accel::MatmulOp, accel::Conv2DOp>(op))
    return false;
  for (Value v : {op->getOperand(0), op->getOperand(1), Value(op->getResult(0))}) {
    if (!accel::isCalibratable(v))
      return false;
    auto type = cast<RankedTensorType>(v.getType());
    if (!type.hasStaticShape() || type.getNumElements() == 0)
      return false;
  }
  return true;
}

/// Weights (and bias, if any) whose values the pass can read: dense
/// constants, not resources or poison.
static bool hasDenseWeights(Operation *op) {
  DenseElementsAttr values;
  if (!matchPattern(op->getOperand(1), m_Constant(&values)))
    return false;
  return op->getNumOperands() < 3 ||
         matchPattern(op->getOperand(2), m_Constant(&values));
}

LogicalResult FunctionQuantizer::run() {
  // Contractions (with the activation they absorb) and order-preserving ops,
  // in program order, so each sees its producer already in int8.
  SmallVector<Layer> steps;
  llvm::SmallPtrSet<Operation *, 8> absorbed;
  func.walk([&](Operation *op) {
    if (isOrderPreserving(op) && !absorbed.contains(op)) {
      steps.push_back({op, nullptr, "", names.lookup(op->getResult(0)).str()});
      return;
    }
    if (!isF32Contraction(op))
      return;
    if (!hasDenseWeights(op)) {
      op->emitRemark("kept in f32: accel-quantize needs weights and bias "
                     "that are dense constants");
      return;
    }
    Operation *activation = foldableActivation(op->getResult(0));
    if (activation)
      absorbed.insert(activation);
    Value output = activation ? activation->getResult(0) : op->getResult(0);
    steps.push_back({op, activation, names.lookup(op->getOperand(0)).str(),
                     names.lookup(output).str()});
  });
  for (const Layer &step : steps) {
    if (isOrderPreserving(step.op) && !isF32Contraction(step.op)) {
      rewriteOrderPreserving(step.op, step.outputName);
      continue;
    }
    if (failed(rewrite(step)))
      return failure();
  }
  return success();
}

LogicalResult accel::quantizeModule(ModuleOp module,
                                    const calib::CalibrationTable &table,
                                    const QuantizeConfig &config) {
  if (config.weightBits != 8 && config.weightBits != 4)
    return module.emitError() << "expected weight-bits 8 or 4, found "
                              << config.weightBits;
  bool shiftOnly = false;
  if (TargetAttr target = getTargetAttr(module)) {
    TargetModel model(target.getDesc());
    shiftOnly = model.hasAccelerator() &&
                target.getDesc().requantizer == Requantizer::Shift;
    if (config.weightBits == 4 && model.hasAccelerator() &&
        !model.supportsInputType(ElementKind::I4))
      return module.emitError()
             << "weight-bits=4 needs a target that runs i4; target '"
             << target.getDesc().name << "' does not";
  }
  auto func = module.lookupSymbol<func::FuncOp>(table.entry);
  if (!func || func.isExternal())
    return module.emitError()
           << "the calibration table is for @" << table.entry
           << ", which this module does not define";
  FunctionQuantizer quantizer(func, table, config, shiftOnly);
  if (failed(quantizer.checkTableNames()))
    return failure();
  return quantizer.run();
}

namespace {
struct QuantizePass : public accel::impl::QuantizePassBase<QuantizePass> {
  using QuantizePassBase::QuantizePassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    QuantizeConfig config;
    std::optional<calib::CalibrationMethod> parsed =
        calib::symbolizeCalibrationMethod(method);
    if (!parsed) {
      module.emitError() << "unknown calibration method '" << method
                         << "' (expected minmax, percentile, entropy or mse)";
      return signalPassFailure();
    }
    config.method = *parsed;
    if (scheme != "symmetric" && scheme != "asymmetric") {
      module.emitError() << "unknown scheme '" << scheme
                         << "' (expected symmetric or asymmetric)";
      return signalPassFailure();
    }
    config.symmetric = scheme == "symmetric";
    config.perChannel = perChannel;
    config.weightBits = weightBits;
    if (table.empty()) {
      module.emitError() << "accel-quantize needs a calibration table "
                            "(option 'table')";
      return signalPassFailure();
    }
    llvm::Expected<calib::CalibrationTable> loaded =
        calib::readCalibrationTable(table);
    if (!loaded) {
      module.emitError() << llvm::toString(loaded.takeError());
      return signalPassFailure();
    }
    if (failed(accel::quantizeModule(module, *loaded, config)))
      signalPassFailure();
  }
};
} // namespace
