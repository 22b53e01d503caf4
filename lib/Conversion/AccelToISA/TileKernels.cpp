//===- TileKernels.cpp - Kernels to DMA and SRAM tile ops ------------------===//
//
// accel-tile-kernels: rewrites each outlined kernel from tensor-level accel
// ops into loop nests of accel.dma_load / accel.tile_matmul / accel.dma_store
// on SRAM memrefs, with tile sizes scored by a model of the target's array
// and DMA engine.  docs/AcceleratorPath.md describes the loop nest.
//
//===----------------------------------------------------------------------===//
#include "TileModel.h"

#include "../AccelToLinalg/LoweringUtils.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/Placement.h"
#include "accel/Numerics/Requantize.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"

namespace accel {
#define GEN_PASS_DEF_TILEKERNELSPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

/// The storage element type a DRAM memref of `type` holds: quantized types
/// become their storage integer, unsigned storage as `ui8` so the ISA load
/// knows to zero-extend.
Type storageElement(Type type) {
  auto info = getQuantInfo(type);
  if (info && info->isQuantized)
    return IntegerType::get(type.getContext(), info->bitWidth(),
                            info->isSigned ? IntegerType::Signless
                                           : IntegerType::Unsigned);
  return type;
}

MemRefType dramType(Type tensorType) {
  auto t = llvm::cast<RankedTensorType>(tensorType);
  return MemRefType::get(t.getShape(), storageElement(t.getElementType()));
}

MemRefType sramType(ArrayRef<int64_t> shape, Type element, MemorySpace space) {
  MLIRContext *ctx = element.getContext();
  return MemRefType::get(
      shape, element, MemRefLayoutAttrInterface(),
      IntegerAttr::get(IntegerType::get(ctx, 64), static_cast<int64_t>(space)));
}

/// A contraction (accel.matmul or accel.conv2d) and the ops folded into its
/// store.
struct Chain {
  /// Null for a standalone activation, which streams DRAM -> accumulator
  /// -> DRAM and applies itself in the store.
  Operation *contraction;
  Operation *activation = nullptr; // accel.relu or accel.clamp
  Value result() const {
    return (activation ? activation : contraction)->getResult(0);
  }
  Type accumulatorType() const {
    if (auto mm = dyn_cast<MatmulOp>(contraction))
      return mm.getAccumulatorType();
    return cast<Conv2DOp>(contraction).getAccumulatorType();
  }
};

/// A contraction as the tile model sees it: the matrix multiplication of
/// one batch entry (a convolution's pixels x taps*channels x filters).
TileProblem problemFor(Operation *op) {
  auto bytes = [](Type t) {
    return std::max(1u, storageElement(getElementTypeOrSelf(t))
                                .getIntOrFloatBitWidth() /
                            8);
  };
  auto res = llvm::cast<RankedTensorType>(op->getResult(0).getType());
  if (auto mm = dyn_cast<MatmulOp>(op)) {
    auto lhs = llvm::cast<RankedTensorType>(mm.getLhs().getType());
    int64_t K = lhs.getShape().back();
    int64_t N = res.getShape().back();
    int64_t M = lhs.getDimSize(lhs.getRank() - 2);
    // A shared 2-D rhs folds the batch into M.
    if (llvm::cast<RankedTensorType>(mm.getRhs().getType()).getRank() == 2)
      M = lhs.getNumElements() / K;
    return {M, N, K, bytes(lhs), bytes(res), bool(mm.getBias())};
  }
  auto conv = cast<Conv2DOp>(op);
  ArrayRef<int64_t> f = conv.getFilter().getType().getShape(),
                    o = res.getShape();
  return {o[0] * o[1] * o[2], f[3], f[0] * f[1] * f[2],
          bytes(conv.getInput().getType()), bytes(res), bool(conv.getBias()),
          f[2], o[2]};
}

/// Why `kernel` cannot be tiled yet, or "" when it can.  Fills `chains`.
std::string analyzeKernel(func::FuncOp kernel, SmallVectorImpl<Chain> &chains,
                          const TargetDesc &desc) {
  if (desc.kind != TargetKind::Systolic)
    return "the target has no accelerator";
  llvm::DenseMap<Operation *, unsigned> chainOf;
  for (Operation &op : kernel.getBody().front()) {
    if (llvm::isa<func::ReturnOp, arith::ConstantOp>(op))
      continue;
    // The per-op rules are placement's (so placement keeps such ops on the
    // host); what follows are the structural ones.
    if (std::optional<std::string> why = checkCompilable(&op))
      return *why;
    if (auto mm = dyn_cast<MatmulOp>(op)) {
      auto lhs = llvm::cast<RankedTensorType>(mm.getLhs().getType());
      auto rhs = llvm::cast<RankedTensorType>(mm.getRhs().getType());

      if (!lhs.hasStaticShape() || !rhs.hasStaticShape())
        return "dynamic shapes";
      if (!chooseTiles(problemFor(mm), desc))
        return "no SRAM tile of this matmul fits the target";
      chainOf[mm] = chains.size();
      chains.push_back({mm});
      continue;
    }
    if (auto conv = dyn_cast<Conv2DOp>(op)) {
      if (!conv.getInput().getType().hasStaticShape() ||
          !conv.getFilter().getType().hasStaticShape())
        return "dynamic shapes";
      if (!chooseTiles(problemFor(conv), desc))
        return "no SRAM tile of this convolution fits the target (one tap "
               "of input channels must fit)";
      chainOf[conv] = chains.size();
      chains.push_back({conv});
      continue;
    }
    if (llvm::isa<RequantizeOp>(op)) { // on its own: through the accumulator
      chainOf[&op] = chains.size();
      chains.push_back({nullptr, &op});
      continue;
    }
    if (llvm::isa<ReluOp, ClampOp>(op)) {
      Operation *def = op.getOperand(0).getDefiningOp();
      auto it = def ? chainOf.find(def) : chainOf.end();
      bool folds = it != chainOf.end() && def->getResult(0).hasOneUse() &&
                   chains[it->second].contraction &&
                   !chains[it->second].activation;
      Type element = getElementTypeOrSelf(op.getResult(0).getType());
      if (!llvm::cast<RankedTensorType>(op.getResult(0).getType())
               .hasStaticShape())
        return "dynamic shapes";
      if (folds) {
        chains[it->second].activation = &op;
        chainOf[&op] = it->second;
      } else { // on its own: through the accumulator
        auto info = getQuantInfo(element);
        auto shaped = llvm::cast<RankedTensorType>(op.getResult(0).getType());
        if (info && info->isPerAxis() && info->axis != shaped.getRank() - 1)
          return "per-channel parameters along a dimension other than the "
                 "last";
        chainOf[&op] = chains.size();
        chains.push_back({nullptr, &op});
      }
      continue;
    }
    return "'" + op.getName().getStringRef().str() +
           "' is not compiled by the accelerator path";
  }
  // Every kernel result must be produced here, once.
  auto ret = cast<func::ReturnOp>(kernel.getBody().front().getTerminator());
  llvm::SmallPtrSet<Value, 4> returned;
  for (Value v : ret.getOperands()) {
    if (!v.getDefiningOp() || llvm::isa<arith::ConstantOp>(v.getDefiningOp()))
      return "a kernel result that is an argument or a constant";
    if (!returned.insert(v).second)
      return "a value returned twice";
  }
  return "";
}

/// Emits `scf.for %iv = lb to ub step step` and calls `body(iv)` inside.
void buildFor(OpBuilder &b, Location loc, int64_t lb, int64_t ub, int64_t step,
              function_ref<void(OpBuilder &, Value)> body) {
  auto c = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  auto loop = scf::ForOp::create(b, loc, c(lb), c(ub), c(step));
  OpBuilder inner = OpBuilder::atBlockBegin(loop.getBody());
  body(inner, loop.getInductionVar());
}

/// min(tile, size - iv) as an index value (a constant when it folds).
OpFoldResult tailSize(OpBuilder &b, Location loc, Value iv, int64_t tile,
                      int64_t size) {
  if (size % tile == 0)
    return b.getIndexAttr(tile);
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx);
  auto map = AffineMap::get(1, 0, {getAffineConstantExpr(tile, ctx), size - d0},
                            ctx);
  return affine::AffineMinOp::create(b, loc, map, ValueRange{iv}).getResult();
}

Value subview2D(OpBuilder &b, Location loc, Value source,
                ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes) {
  SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
  return memref::SubViewOp::create(b, loc, source, offsets, sizes, strides);
}

/// `v` with all but its last `keep` dimensions merged into one (a view:
/// the tiler's memrefs are dense).  Returns `v` when there is nothing to
/// merge.
Value collapseLeading(OpBuilder &b, Location loc, Value v, int64_t keep) {
  int64_t rank = llvm::cast<MemRefType>(v.getType()).getRank();
  if (rank <= keep + 1)
    return v;
  SmallVector<ReassociationIndices> groups(1);
  for (int64_t d = 0; d < rank; ++d) {
    if (d > rank - keep - 1)
      groups.emplace_back();
    groups.back().push_back(d);
  }
  return memref::CollapseShapeOp::create(b, loc, v, groups);
}

class KernelTiler {
public:
  KernelTiler(func::FuncOp kernel, const TargetDesc &desc,
              std::optional<TileChoice> forced)
      : kernel(kernel), desc(desc), forced(forced) {}

  LogicalResult run(ArrayRef<Chain> chains);

private:
  Value memrefFor(Value tensor) const { return memrefs.lookup(tensor); }
  Value materializeConstant(OpBuilder &b, arith::ConstantOp cst);
  Value materializeConstant(OpBuilder &b, Location loc, ElementsAttr attr,
                            RankedTensorType type);
  LogicalResult emitChain(OpBuilder &b, const Chain &chain, Value out);
  /// relu, clamp or requantize on its own: DRAM -> accumulator -> DRAM,
  /// the store applying it.
  LogicalResult emitActivation(OpBuilder &b, Operation *op, Value out);

  func::FuncOp kernel;
  const TargetDesc &desc;
  std::optional<TileChoice> forced;
  llvm::DenseMap<Value, Value> memrefs;
  unsigned numGlobals = 0;
};

Value KernelTiler::materializeConstant(OpBuilder &b, arith::ConstantOp cst) {
  return materializeConstant(b, cst.getLoc(),
                             llvm::cast<ElementsAttr>(cst.getValue()),
                             llvm::cast<RankedTensorType>(cst.getType()));
}

Value KernelTiler::materializeConstant(OpBuilder &b, Location loc,
                                       ElementsAttr attr,
                                       RankedTensorType type) {
  MemRefType memType = dramType(type);
  auto module = kernel->getParentOfType<ModuleOp>();
  std::string name =
      (kernel.getSymName() + "_cst" + llvm::Twine(numGlobals++)).str();
  OpBuilder mb = OpBuilder::atBlockBegin(module.getBody());
  auto global = memref::GlobalOp::create(
      mb, loc, name, mb.getStringAttr("private"), memType, attr,
      /*constant=*/true, /*alignment=*/IntegerAttr());
  SymbolTable(module).insert(global);
  return memref::GetGlobalOp::create(b, loc, memType, global.getSymName());
}

LogicalResult KernelTiler::run(ArrayRef<Chain> chains) {
  FunctionType oldType = kernel.getFunctionType();
  Block &oldBody = kernel.getBody().front();
  auto ret = cast<func::ReturnOp>(oldBody.getTerminator());

  // The new signature: arguments, then one out-parameter per result.
  SmallVector<Type> inputs;
  for (Type t : oldType.getInputs())
    inputs.push_back(dramType(t));
  for (Type t : oldType.getResults())
    inputs.push_back(dramType(t));
  auto *newBody = new Block();
  kernel.getBody().push_back(newBody);
  SmallVector<Location> locs(inputs.size(), kernel.getLoc());
  newBody->addArguments(inputs, locs);
  for (auto [i, arg] : llvm::enumerate(oldBody.getArguments()))
    memrefs[arg] = newBody->getArgument(i);
  llvm::DenseMap<Value, Value> outParam;
  for (auto [i, v] : llvm::enumerate(ret.getOperands()))
    outParam[v] = newBody->getArgument(oldType.getNumInputs() + i);

  OpBuilder b = OpBuilder::atBlockBegin(newBody);
  for (Operation &op : oldBody.without_terminator())
    if (auto cst = dyn_cast<arith::ConstantOp>(op))
      memrefs[cst.getResult()] = materializeConstant(b, cst);
  for (const Chain &chain : chains) {
    Value result = chain.result();
    Value out = outParam.lookup(result);
    if (!out) // an intermediate: DRAM scratch
      out = memref::AllocOp::create(b, result.getLoc(),
                                    dramType(result.getType()));
    memrefs[result] = out;
    if (failed(chain.contraction
                   ? emitChain(b, chain, out)
                   : emitActivation(b, chain.activation, out)))
      return failure();
  }
  func::ReturnOp::create(b, kernel.getLoc());

  kernel->setAttr(AccelDialect::kKernelTypeAttrName, TypeAttr::get(oldType));
  kernel.setType(FunctionType::get(kernel.getContext(), inputs, {}));
  oldBody.dropAllDefinedValueUses();
  oldBody.erase();
  return success();
}

LogicalResult KernelTiler::emitActivation(OpBuilder &b, Operation *op,
                                          Value out) {
  Location loc = op->getLoc();
  Value in = memrefFor(op->getOperand(0));
  if (!in)
    return op->emitOpError("has an operand the tiler did not materialize");
  auto type = llvm::cast<RankedTensorType>(op->getResult(0).getType());
  Type element = type.getElementType();
  // As a [rows, cols] matrix over the last dimension.
  int64_t cols = type.getRank() ? type.getShape().back() : 1;
  int64_t rows = type.getNumElements() / std::max<int64_t>(cols, 1);
  auto as2D = [&](Value v) -> Value {
    auto t = llvm::cast<MemRefType>(v.getType());
    if (t.getRank() == 2)
      return v;
    if (t.getRank() < 2)
      return memref::ExpandShapeOp::create(
          b, loc, MemRefType::get({rows, cols}, t.getElementType()), v,
          t.getRank() ? ArrayRef<ReassociationIndices>{{0, 1}}
                      : ArrayRef<ReassociationIndices>{});
    return collapseLeading(b, loc, v, 1);
  };
  in = as2D(in);
  out = as2D(out);
  // The store does the work: relu raises the lower bound, clamp narrows
  // both.  Quantized values stay in the stored domain: an identity
  // requantization entry (2^30 * 2^(1-31) = 1) with zero point 0, clamped
  // to [zero point, qmax] for relu.
  SmallVector<Attribute> requant;
  StringRef activation = "relu";
  std::optional<double> lo, hi;
  auto info = getQuantInfo(element);
  bool quantized = info && info->isQuantized;
  if (auto rq = dyn_cast<RequantizeOp>(op)) {
    // x * (s_in / s_out) + zp_out, clamped to the result's storage range by
    // the store; the input's zero point is 0 (checkCompilable).
    auto in = getQuantInfo(getElementTypeOrSelf(rq.getInput().getType()));
    auto out = getQuantInfo(element);
    for (double s : in->scales) {
      numerics::QuantizedMultiplier qm =
          numerics::quantizeMultiplier(s / out->scales[0]);
      requant.push_back(b.getI64ArrayAttr(
          {qm.multiplier, qm.exponent, out->zeroPoints[0]}));
    }
    if (llvm::all_equal(requant))
      requant.resize(1);
    activation = "none";
  } else if (quantized) {
    activation = "clamp";
    SmallVector<int32_t> los, his;
    if (llvm::isa<ReluOp>(op)) {
      for (int64_t zp : info->zeroPoints) {
        los.push_back(int32_t(zp));
        his.push_back(int32_t(info->qmax));
      }
    } else {
      auto clamp = cast<ClampOp>(op);
      quantizedClampBounds(*info, clamp.getMin().convertToDouble(),
                           clamp.getMax().convertToDouble(), los, his);
    }
    // Bounds that round past each other clamp everything to hi, as
    // min(max(x, lo), hi) does.
    for (auto [l, h] : llvm::zip(los, his))
      l = std::min(l, h);
    // One entry per channel (along the columns) with its own bounds.
    for (auto [l, h] : llvm::zip(los, his))
      requant.push_back(
          b.getI64ArrayAttr({int64_t(1) << 30, 1, 0, int64_t(l), int64_t(h)}));
    lo = los[0];
    hi = his[0];
  } else if (auto clamp = dyn_cast<ClampOp>(op)) {
    activation = "clamp";
    lo = clamp.getMin().convertToDouble();
    hi = clamp.getMax().convertToDouble();
  }
  Type accElement = llvm::isa<FloatType>(element)
                        ? Type(b.getF32Type())
                        : Type(b.getI32Type());
  // Two accumulator tiles of Rt x Ct.
  int64_t Ct = std::min<int64_t>(cols, 1024);
  int64_t Rt = std::clamp<int64_t>(
      int64_t(desc.accumulatorBytes) / (2 * 4 * Ct), 1, std::min<int64_t>(rows, 4096));
  buildFor(b, loc, 0, rows, Rt, [&](OpBuilder &br, Value r0) {
    OpFoldResult rt = tailSize(br, loc, r0, Rt, rows);
    // A column loop only when a row does not fit: the accumulator tile is
    // then double-buffered across whichever loop is innermost.
    auto body = [&](OpBuilder &bc, Value c0) {
      OpFoldResult ct = tailSize(bc, loc, c0, Ct, cols);
      Value acc = memref::AllocOp::create(
          bc, loc, sramType({Rt, Ct}, accElement, MemorySpace::Accumulator));
      Value tile = subview2D(bc, loc, acc, {bc.getIndexAttr(0),
                                            bc.getIndexAttr(0)},
                             {rt, ct});
      DmaLoadOp::create(bc, loc, subview2D(bc, loc, in, {r0, c0}, {rt, ct}),
                        tile, /*broadcast=*/false);
      DmaStoreOp::create(
          bc, loc, tile, subview2D(bc, loc, out, {r0, c0}, {rt, ct}),
          requant.size() > 1 ? c0 : Value(),
          requant.empty() ? ArrayAttr() : bc.getArrayAttr(requant),
          bc.getStringAttr(activation),
          lo ? bc.getF64FloatAttr(*lo) : FloatAttr(),
          hi ? bc.getF64FloatAttr(*hi) : FloatAttr());
    };
    if (Ct == cols)
      body(br, arith::ConstantIndexOp::create(br, loc, 0));
    else
      buildFor(br, loc, 0, cols, Ct, body);
  });
  return success();
}

LogicalResult KernelTiler::emitChain(OpBuilder &b, const Chain &chain,
                                     Value out) {
  Operation *op = chain.contraction;
  Location loc = op->getLoc();
  auto mm = dyn_cast<MatmulOp>(op);
  auto conv = dyn_cast<Conv2DOp>(op);
  Value lhsTensor = mm ? mm.getLhs() : conv.getInput();
  Value rhsTensor = mm ? mm.getRhs() : conv.getFilter();
  Value biasTensor = mm ? mm.getBias() : conv.getBias();
  auto lhsT = llvm::cast<RankedTensorType>(lhsTensor.getType());
  auto rhsT = llvm::cast<RankedTensorType>(rhsTensor.getType());
  auto resT = llvm::cast<RankedTensorType>(op->getResult(0).getType());
  Value lhs = memrefFor(lhsTensor), rhs = memrefFor(rhsTensor);
  Value bias = biasTensor ? memrefFor(biasTensor) : Value();
  if (!lhs || !rhs || (biasTensor && !bias))
    return op->emitOpError("has an operand the tiler did not materialize");
  // As a matrix multiplication (problemFor): conv2d's output pixels are
  // the rows, its taps times input channels the reduction, its filters the
  // columns.  Batched matmuls: batch dimensions collapse into one; a shared
  // 2-D rhs (or a single batch entry) folds the batch into M, a batched rhs
  // becomes a loop over the batch.
  TileProblem problem = problemFor(op);
  const int64_t M = problem.m, K = problem.k, N = problem.n;
  const int64_t channels = problem.convChannels;
  int64_t batch = 1;
  if (conv) {
    rhs = collapseLeading(b, loc, rhs, 1);
    out = collapseLeading(b, loc, out, 1);
  } else if (lhsT.getNumElements() == M * K) { // no batch, or one entry
    lhs = collapseLeading(b, loc, lhs, 1);
    rhs = collapseLeading(b, loc, rhs, 1);
    out = collapseLeading(b, loc, out, 1);
  } else {
    batch = lhsT.getNumElements() / (M * K);
    lhs = collapseLeading(b, loc, lhs, 2);
    rhs = collapseLeading(b, loc, rhs, 2);
    out = collapseLeading(b, loc, out, 2);
  }

  Type opElement = storageElement(lhsT.getElementType());
  Type accElement = chain.accumulatorType();
  auto li = getQuantInfo(lhsT.getElementType());
  auto ri = getQuantInfo(rhsT.getElementType());
  int64_t lhsZp = li && li->isQuantized ? li->zeroPoints[0] : 0;
  int64_t rhsZp = ri && ri->isQuantized ? ri->zeroPoints[0] : 0;

  // The store's requantization entries and activation.
  SmallVector<Attribute> requant;
  auto oi = getQuantInfo(resT.getElementType());
  if (oi && oi->isQuantized) {
    for (double rs : ri->scales) {
      numerics::QuantizedMultiplier qm =
          numerics::quantizeMultiplier(li->scales[0] * rs / oi->scales[0]);
      requant.push_back(b.getI64ArrayAttr(
          {qm.multiplier, qm.exponent, oi->zeroPoints[0]}));
    }
    // One entry when all channels agree.
    if (llvm::all_equal(requant))
      requant.resize(1);
  }
  StringRef activation = "none";
  std::optional<double> lo, hi;
  if (chain.activation && llvm::isa<ReluOp>(chain.activation)) {
    activation = "relu";
  } else if (auto clamp = dyn_cast_or_null<ClampOp>(chain.activation)) {
    activation = "clamp";
    lo = clamp.getMin().convertToDouble();
    hi = clamp.getMax().convertToDouble();
    if (oi && oi->isQuantized) { // bounds in the stored integer domain
      SmallVector<int32_t> los, his;
      quantizedClampBounds(*oi, *lo, *hi, los, his);
      lo = std::min(los[0], his[0]); // past each other: everything is hi
      hi = his[0];
    }
  }

  std::optional<TileChoice> choice =
      forced ? std::optional<TileChoice>(*forced) : chooseTiles(problem, desc);
  if (!choice)
    return op->emitOpError() << "does not fit the target's SRAM even in the "
                               "smallest tile (scratchpad "
                            << desc.scratchpadBytes << " B, accumulator "
                            << desc.accumulatorBytes << " B)";
  int64_t Mt = std::min(choice->mt, M), Nt = std::min(choice->nt, N),
          Kt = std::min(choice->kt, K);
  auto idx = [&](int64_t v) -> OpFoldResult { return b.getIndexAttr(v); };
  auto spType = [&](int64_t r, int64_t c) {
    return sramType({r, c}, opElement, MemorySpace::Scratchpad);
  };

  // The lhs tile rows m0.., columns k0..: a strided DMA for a matmul, an
  // im2col gather for a convolution (padding reads a row of zero points).
  Value padRow;
  if (conv) {
    auto li = getQuantInfo(lhsT.getElementType());
    auto rowType = RankedTensorType::get({1, channels}, opElement);
    Attribute zero =
        llvm::isa<FloatType>(opElement)
            ? Attribute(b.getFloatAttr(opElement, 0.0))
            : Attribute(b.getIntegerAttr(
                  opElement, li && li->isQuantized ? li->zeroPoints[0] : 0));
    padRow = materializeConstant(
        b, loc, DenseElementsAttr::get(rowType, zero), rowType);
  }
  auto loadLhs = [&](OpBuilder &lb, Value dst, Value m0, Value k0,
                     OpFoldResult mt, OpFoldResult kt) {
    if (!conv) {
      DmaLoadOp::create(lb, loc, subview2D(lb, loc, lhs, {m0, k0}, {mt, kt}),
                        dst, /*broadcast=*/false);
      return;
    }
    ArrayRef<int64_t> f = rhsT.getShape();
    DmaIm2colOp::create(lb, loc, lhs, dst, padRow, m0, k0,
                        lb.getDenseI64ArrayAttr({f[0], f[1]}),
                        conv.getStrides(), conv.getDilations(),
                        conv.getPadding(),
                        lb.getDenseI64ArrayAttr({resT.getDimSize(1),
                                                 resT.getDimSize(2)}));
  };

  // One 2-D problem per batch entry: lhs, rhs and out become rank-reduced
  // views of entry `i` (the loop nest below captures them by reference).
  auto emitNest = [&](OpBuilder &b) {
  buildFor(b, loc, 0, M, Mt, [&](OpBuilder &bm, Value m0) {
    OpFoldResult mt = tailSize(bm, loc, m0, Mt, M);
    Value panel;
    if (choice->panel) {
      // Every use goes through one view, so the buffer has a single user
      // in the m loop and accel-double-buffer rotates it per m tile.
      panel = subview2D(bm, loc, memref::AllocOp::create(bm, loc, spType(Mt, K)),
                        {idx(0), idx(0)}, {mt, idx(K)});
      buildFor(bm, loc, 0, K, Kt, [&](OpBuilder &bk, Value k0) {
        OpFoldResult kt = tailSize(bk, loc, k0, Kt, K);
        loadLhs(bk, subview2D(bk, loc, panel, {idx(0), k0}, {mt, kt}), m0,
                k0, mt, kt);
      });
    }
    buildFor(bm, loc, 0, N, Nt, [&](OpBuilder &bn, Value n0) {
      OpFoldResult nt = tailSize(bn, loc, n0, Nt, N);
      Value acc = memref::AllocOp::create(
          bn, loc, sramType({Mt, Nt}, accElement, MemorySpace::Accumulator));
      Value accTile = subview2D(bn, loc, acc, {idx(0), idx(0)}, {mt, nt});
      if (bias) {
        auto biasT = llvm::cast<MemRefType>(bias.getType());
        Value bias2D = memref::ExpandShapeOp::create(
            bn, loc, MemRefType::get({1, N}, biasT.getElementType()), bias,
            ArrayRef<ReassociationIndices>{{0, 1}});
        Value src = subview2D(bn, loc, bias2D, {idx(0), n0}, {idx(1), nt});
        DmaLoadOp::create(bn, loc, src, accTile, /*broadcast=*/true);
      }
      // One k step: operands into the scratchpad, then the tile matmul.
      // The first step overwrites the accumulator unless a bias is there.
      buildFor(bn, loc, 0, K, Kt, [&](OpBuilder &bk, Value k0) {
        OpFoldResult kt = tailSize(bk, loc, k0, Kt, K);
        Value a;
        if (panel) {
          a = subview2D(bk, loc, panel, {idx(0), k0}, {mt, kt});
        } else {
          Value buf = memref::AllocOp::create(bk, loc, spType(Mt, Kt));
          a = subview2D(bk, loc, buf, {idx(0), idx(0)}, {mt, kt});
          loadLhs(bk, a, m0, k0, mt, kt);
        }
        Value bufB = memref::AllocOp::create(bk, loc, spType(Kt, Nt));
        Value w = subview2D(bk, loc, bufB, {idx(0), idx(0)}, {kt, nt});
        DmaLoadOp::create(bk, loc, subview2D(bk, loc, rhs, {k0, n0}, {kt, nt}),
                          w, false);
        Value accumulate =
            bias ? Value(arith::ConstantIntOp::create(bk, loc, 1, 1))
                 : Value(arith::CmpIOp::create(
                       bk, loc, arith::CmpIPredicate::ne, k0,
                       arith::ConstantIndexOp::create(bk, loc, 0)));
        TileMatmulOp::create(bk, loc, a, w, accTile, accumulate, lhsZp, rhsZp);
      });
      Value dst = subview2D(bn, loc, out, {m0, n0}, {mt, nt});
      auto store = DmaStoreOp::create(
          bn, loc, accTile, dst, requant.size() > 1 ? n0 : Value(),
          requant.empty() ? ArrayAttr() : bn.getArrayAttr(requant),
          bn.getStringAttr(activation),
          lo ? bn.getF64FloatAttr(*lo) : FloatAttr(),
          hi ? bn.getF64FloatAttr(*hi) : FloatAttr());
      (void)store;
    });
  });
  };
  if (batch == 1) {
    emitNest(b);
    return success();
  }
  Value lhs3 = lhs, rhs3 = rhs, out3 = out;
  buildFor(b, loc, 0, batch, 1, [&](OpBuilder &bb, Value i) {
    auto entry = [&](Value v) -> Value {
      auto t = llvm::cast<MemRefType>(v.getType());
      SmallVector<OpFoldResult> offsets = {i, bb.getIndexAttr(0),
                                           bb.getIndexAttr(0)};
      SmallVector<OpFoldResult> sizes = {bb.getIndexAttr(1),
                                         bb.getIndexAttr(t.getDimSize(1)),
                                         bb.getIndexAttr(t.getDimSize(2))};
      SmallVector<OpFoldResult> strides(3, bb.getIndexAttr(1));
      auto type = memref::SubViewOp::inferRankReducedResultType(
          {t.getDimSize(1), t.getDimSize(2)}, t, offsets, sizes, strides);
      return memref::SubViewOp::create(bb, loc, llvm::cast<MemRefType>(type),
                                       v, offsets, sizes, strides);
    };
    lhs = entry(lhs3);
    rhs = entry(rhs3);
    out = entry(out3);
    emitNest(bb);
  });
  return success();
}

struct TileKernelsPass : impl::TileKernelsPassBase<TileKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    TargetAttr target = getTargetAttr(module);
    if (!target) {
      module.emitError("accel-tile-kernels needs a target: run "
                       "accel-attach-target first");
      return signalPassFailure();
    }
    std::optional<TileChoice> forced;
    if (!tileSizes.empty()) {
      SmallVector<StringRef> parts;
      StringRef(tileSizes).split(parts, 'x');
      int64_t v[3];
      if (parts.size() != 3 || parts[0].getAsInteger(10, v[0]) ||
          parts[1].getAsInteger(10, v[1]) || parts[2].getAsInteger(10, v[2]) ||
          v[0] < 1 || v[1] < 1 || v[2] < 1) {
        module.emitError() << "tile-sizes: expected 'MtxNtxKt' with positive "
                              "integers, found '"
                           << tileSizes << "'";
        return signalPassFailure();
      }
      forced = TileChoice{v[0], v[1], v[2], false};
    }
    const TargetDesc &desc = target.getDesc();
    SmallVector<func::FuncOp> kernels;
    module.walk([&](func::FuncOp f) {
      if (f->hasAttr(AccelDialect::kKernelAttrName) &&
          !f->hasAttr(AccelDialect::kKernelTypeAttrName) && !f.isExternal())
        kernels.push_back(f);
    });
    for (func::FuncOp kernel : kernels) {
      SmallVector<Chain> chains;
      std::string why = analyzeKernel(kernel, chains, desc);
      if (!why.empty()) {
        InFlightDiagnostic diag =
            fallback ? kernel.emitRemark() : kernel.emitError();
        diag << "kernel @" << kernel.getSymName()
             << " is not compiled to the ISA (" << why << ")"
             << (fallback ? "; it runs on the CPU path" : "");
        if (!fallback)
          return signalPassFailure();
        continue;
      }
      if (failed(KernelTiler(kernel, desc, forced).run(chains)))
        return signalPassFailure();
    }
  }
};

} // namespace
} // namespace accel
