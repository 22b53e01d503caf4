//===- LowerToIsa.cpp - Tiled kernels to ISA ops ---------------------------===//
//
// accel-lower-to-isa: lays out a tiled kernel's DRAM, then walks its loop
// nests (constant trip counts) binding every index to a number and every
// memref to a concrete strided view, and emits one accel.isa.* op per
// instruction.  The result is straight-line code with concrete addresses,
// the level at which tokens are inserted and the binary is encoded.
//
//===----------------------------------------------------------------------===//
#include "IsaUtils.h"

#include "accel/Conversion/Passes.h"
#include "accel/ISA/Binary.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"

namespace accel {
#define GEN_PASS_DEF_LOWERTOISAPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

/// A concrete strided view of DRAM or an SRAM: element (i, j) is at byte
/// base + (offset + i*strides[0] + j*strides[1]) * elementBytes.
struct View {
  MemorySpace space = MemorySpace::Dram;
  uint64_t base = 0;
  ElementKind kind = ElementKind::I8;
  unsigned elementBytes = 1;
  int64_t offset = 0;
  SmallVector<int64_t> sizes, strides;

  uint64_t address() const { return base + offset * elementBytes; }
  uint64_t rowBytes() const { return strides[0] * elementBytes; }
};

class IsaEmitter {
public:
  IsaEmitter(func::FuncOp kernel, const TargetDesc &desc)
      : kernel(kernel), desc(desc), builder(kernel.getContext()) {}

  LogicalResult run();

private:
  LogicalResult layOutDram();
  LogicalResult walk(Block &block);
  LogicalResult visit(Operation *op);
  FailureOr<int64_t> intOf(Value v, Operation *user);
  FailureOr<View> viewOf(Value v, Operation *user);
  FailureOr<View> rootView(Value v, MemRefType type, uint64_t base);
  LogicalResult checkRows(Operation *op, const View &v, StringRef what);

  LogicalResult emitLoad(DmaLoadOp op);
  LogicalResult emitStore(DmaStoreOp op);
  LogicalResult emitMatmul(TileMatmulOp op);
  LogicalResult emitIm2col(DmaIm2colOp op);
  void emit(StringRef mnemonic, ArrayRef<std::pair<StringRef, int64_t>> fields);
  uint64_t qparamIndex(ArrayAttr requant, std::optional<double> lo,
                       std::optional<double> hi, bool isFloat);

  func::FuncOp kernel;
  const TargetDesc &desc;
  OpBuilder builder;
  llvm::DenseMap<Value, int64_t> ints;
  llvm::DenseMap<Value, View> views;
  llvm::DenseMap<Operation *, uint64_t> dramOffsetOf; // allocs, get_globals
  llvm::StringMap<uint64_t> globalOffset;
  SmallVector<Attribute> bindings, constants;
  SmallVector<isa::QParam> qparams;
  std::map<std::string, uint64_t> qparamGroups;
  uint64_t dramBytes = 0;
  struct Pending {
    StringRef mnemonic;
    SmallVector<NamedAttribute> fields;
    Location loc;
  };
  std::vector<Pending> pending;
  Location currentLoc = builder.getUnknownLoc();
};

uint64_t align(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

FailureOr<View> IsaEmitter::rootView(Value v, MemRefType type, uint64_t base) {
  std::optional<ElementKind> kind = elementKindOf(type.getElementType());
  if (!kind || !type.hasStaticShape())
    return emitError(v.getLoc()) << "has a memref " << type
                                 << " the ISA cannot address";
  View view;
  view.space = getMemorySpace(type);
  view.base = base;
  view.kind = *kind;
  view.elementBytes = getStorageBits(*kind) / 8;
  auto [strides, offset] = type.getStridesAndOffset();
  view.offset = offset;
  view.sizes.assign(type.getShape().begin(), type.getShape().end());
  view.strides.assign(strides.begin(), strides.end());
  return view;
}

LogicalResult IsaEmitter::layOutDram() {
  // Bindings: arguments, then out-parameters (named by the tensor-level
  // signature's arguments and results).
  auto original = llvm::cast<FunctionType>(
      kernel->getAttrOfType<TypeAttr>(AccelDialect::kKernelTypeAttrName)
          .getValue());
  unsigned numInputs = original.getNumInputs();
  for (BlockArgument arg : kernel.getArguments()) {
    auto type = llvm::dyn_cast<MemRefType>(arg.getType());
    if (!type)
      return kernel.emitError() << "has argument #" << arg.getArgNumber()
                                << " of type " << arg.getType()
                                << "; a tiled kernel takes only memrefs";
    dramBytes = align(dramBytes, 64);
    FailureOr<View> view = rootView(arg, type, dramBytes);
    if (failed(view))
      return failure();
    views[arg] = *view;
    bool isOutput = arg.getArgNumber() >= numInputs;
    std::string name =
        isOutput ? "result" + std::to_string(arg.getArgNumber() - numInputs)
                 : "arg" + std::to_string(arg.getArgNumber());
    Builder b(kernel.getContext());
    bindings.push_back(b.getDictionaryAttr({
        b.getNamedAttr("name", b.getStringAttr(name)),
        b.getNamedAttr("output", b.getBoolAttr(isOutput)),
        b.getNamedAttr("dtype",
                       b.getStringAttr(stringifyElementKind(view->kind))),
        b.getNamedAttr("shape", b.getDenseI64ArrayAttr(type.getShape())),
        b.getNamedAttr("offset", b.getI64IntegerAttr(dramBytes)),
    }));
    dramBytes += type.getNumElements() * view->elementBytes;
  }
  // Constants and DRAM scratch, in program order.
  WalkResult result = kernel.walk([&](Operation *op) {
    if (auto get = dyn_cast<memref::GetGlobalOp>(op)) {
      auto it = globalOffset.find(get.getName());
      if (it == globalOffset.end()) {
        dramBytes = align(dramBytes, 64);
        it = globalOffset.insert({get.getName(), dramBytes}).first;
        Builder b(kernel.getContext());
        constants.push_back(b.getDictionaryAttr({
            b.getNamedAttr("global", get.getNameAttr()),
            b.getNamedAttr("offset", b.getI64IntegerAttr(dramBytes)),
        }));
        dramBytes += get.getType().getNumElements() *
                     std::max(1u, get.getType().getElementTypeBitWidth() / 8);
      }
      dramOffsetOf[op] = it->second;
    } else if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      if (getMemorySpace(alloc.getType()) != MemorySpace::Dram)
        return WalkResult::advance();
      dramBytes = align(dramBytes, 64);
      dramOffsetOf[op] = dramBytes;
      dramBytes += alloc.getType().getNumElements() *
                   std::max(1u, alloc.getType().getElementTypeBitWidth() / 8);
    }
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    return failure();
  if (dramBytes > isa::kMaxDramBytes)
    return kernel.emitError() << "needs " << dramBytes
                              << " bytes of DRAM; a program may address at "
                                 "most "
                              << isa::kMaxDramBytes;
  return success();
}

FailureOr<int64_t> IsaEmitter::intOf(Value v, Operation *user) {
  auto it = ints.find(v);
  if (it != ints.end())
    return it->second;
  return user->emitOpError() << "uses an index the ISA lowering cannot "
                                "evaluate to a constant";
}

FailureOr<View> IsaEmitter::viewOf(Value v, Operation *user) {
  auto it = views.find(v);
  if (it != views.end())
    return it->second;
  return user->emitOpError() << "uses a memref the ISA lowering cannot "
                                "resolve to an address";
}

LogicalResult IsaEmitter::walk(Block &block) {
  for (Operation &op : block)
    if (failed(visit(&op)))
      return failure();
  return success();
}

LogicalResult IsaEmitter::visit(Operation *op) {
  currentLoc = op->getLoc();
  if (auto cst = dyn_cast<arith::ConstantOp>(op)) {
    if (auto i = llvm::dyn_cast<IntegerAttr>(cst.getValue()))
      ints[cst.getResult()] = i.getInt();
    return success();
  }
  if (llvm::isa<arith::AddIOp, arith::SubIOp, arith::MulIOp, arith::DivSIOp,
          arith::RemSIOp, arith::DivUIOp, arith::RemUIOp>(op)) {
    FailureOr<int64_t> a = intOf(op->getOperand(0), op),
                       b = intOf(op->getOperand(1), op);
    if (failed(a) || failed(b))
      return failure();
    int64_t r = 0;
    if (llvm::isa<arith::AddIOp>(op))
      r = *a + *b;
    else if (llvm::isa<arith::SubIOp>(op))
      r = *a - *b;
    else if (llvm::isa<arith::MulIOp>(op))
      r = *a * *b;
    else if (*b == 0)
      return op->emitOpError("divides by zero");
    else if (llvm::isa<arith::DivSIOp, arith::DivUIOp>(op))
      r = *a / *b;
    else
      r = *a % *b;
    ints[op->getResult(0)] = r;
    return success();
  }
  if (auto cmp = dyn_cast<arith::CmpIOp>(op)) {
    FailureOr<int64_t> a = intOf(cmp.getLhs(), op), b = intOf(cmp.getRhs(), op);
    if (failed(a) || failed(b))
      return failure();
    bool r = false;
    switch (cmp.getPredicate()) {
    case arith::CmpIPredicate::eq: r = *a == *b; break;
    case arith::CmpIPredicate::ne: r = *a != *b; break;
    case arith::CmpIPredicate::slt: r = *a < *b; break;
    case arith::CmpIPredicate::sle: r = *a <= *b; break;
    case arith::CmpIPredicate::sgt: r = *a > *b; break;
    case arith::CmpIPredicate::sge: r = *a >= *b; break;
    default:
      return op->emitOpError("has a predicate the ISA lowering does not fold");
    }
    ints[cmp.getResult()] = r;
    return success();
  }
  if (llvm::isa<affine::AffineApplyOp, affine::AffineMinOp, affine::AffineMaxOp>(
          op)) {
    AffineMap map = op->getAttrOfType<AffineMapAttr>("map").getValue();
    SmallVector<Attribute> operands;
    for (Value v : op->getOperands()) {
      FailureOr<int64_t> i = intOf(v, op);
      if (failed(i))
        return failure();
      operands.push_back(builder.getIndexAttr(*i));
    }
    SmallVector<Attribute> results;
    if (failed(map.constantFold(operands, results)) ||
        results.size() != map.getNumResults() ||
        !llvm::all_of(results, [](Attribute a) {
          return llvm::isa_and_nonnull<IntegerAttr>(a);
        }))
      return op->emitOpError("does not fold to constants");
    int64_t r = llvm::cast<IntegerAttr>(results[0]).getInt();
    for (Attribute a : results) {
      int64_t x = llvm::cast<IntegerAttr>(a).getInt();
      r = llvm::isa<affine::AffineMaxOp>(op) ? std::max(r, x) : std::min(r, x);
    }
    ints[op->getResult(0)] = r;
    return success();
  }
  if (auto loop = dyn_cast<scf::ForOp>(op)) {
    FailureOr<int64_t> lb = intOf(loop.getLowerBound(), op),
                       ub = intOf(loop.getUpperBound(), op),
                       step = intOf(loop.getStep(), op);
    if (failed(lb) || failed(ub) || failed(step))
      return failure();
    if (*step <= 0)
      return op->emitOpError("has a non-positive step");
    if (loop.getNumRegionIterArgs())
      return op->emitOpError("carries values, which tiled kernels never do");
    for (int64_t iv = *lb; iv < *ub; iv += *step) {
      ints[loop.getInductionVar()] = iv;
      if (failed(walk(*loop.getBody())))
        return failure();
    }
    return success();
  }
  if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
    uint64_t base;
    if (getMemorySpace(alloc.getType()) == MemorySpace::Dram) {
      base = dramOffsetOf.lookup(op);
    } else {
      auto address =
          op->getAttrOfType<IntegerAttr>(AccelDialect::kAddressAttrName);
      if (!address)
        return op->emitOpError("has no SRAM address: run accel-allocate-sram "
                               "first");
      base = address.getInt();
    }
    FailureOr<View> view = rootView(alloc, alloc.getType(), base);
    if (failed(view))
      return failure();
    views[alloc] = *view;
    return success();
  }
  if (auto get = dyn_cast<memref::GetGlobalOp>(op)) {
    FailureOr<View> view = rootView(get, get.getType(), dramOffsetOf[op]);
    if (failed(view))
      return failure();
    views[get] = *view;
    return success();
  }
  if (auto sub = dyn_cast<memref::SubViewOp>(op)) {
    FailureOr<View> src = viewOf(sub.getSource(), op);
    if (failed(src))
      return failure();
    auto value = [&](OpFoldResult r) -> FailureOr<int64_t> {
      if (auto attr = llvm::dyn_cast<Attribute>(r))
        return llvm::cast<IntegerAttr>(attr).getInt();
      return intOf(llvm::cast<Value>(r), op);
    };
    View view = *src;
    view.sizes.clear();
    view.strides.clear();
    llvm::SmallBitVector dropped = sub.getDroppedDims();
    for (auto [i, off, size, stride] :
         llvm::enumerate(sub.getMixedOffsets(), sub.getMixedSizes(),
                         sub.getMixedStrides())) {
      FailureOr<int64_t> o = value(off), s = value(size), st = value(stride);
      if (failed(o) || failed(s) || failed(st))
        return failure();
      if (*o < 0 || *s < 0 || (*s > 0 && *o + (*s - 1) * *st >= src->sizes[i]))
        return op->emitOpError() << "reaches outside its source in dimension "
                                 << i;
      view.offset += *o * src->strides[i];
      if (dropped.test(i))
        continue;
      view.sizes.push_back(*s);
      view.strides.push_back(*st * src->strides[i]);
    }
    views[sub.getResult()] = view;
    return success();
  }
  if (auto cast = dyn_cast<memref::CastOp>(op)) {
    FailureOr<View> src = viewOf(cast.getSource(), op);
    if (failed(src))
      return failure();
    views[cast.getResult()] = *src;
    return success();
  }
  if (auto collapse = dyn_cast<memref::CollapseShapeOp>(op)) {
    FailureOr<View> src = viewOf(collapse.getSrc(), op);
    if (failed(src))
      return failure();
    // Only dense sources (what the tiler collapses: whole DRAM tensors).
    View view = *src;
    view.sizes.clear();
    view.strides.clear();
    for (const ReassociationIndices &group :
         collapse.getReassociationIndices()) {
      int64_t size = 1;
      for (int64_t d : group)
        size *= src->sizes[d];
      for (size_t i = 0; i + 1 < group.size(); ++i)
        if (src->strides[group[i]] !=
            src->strides[group[i + 1]] * src->sizes[group[i + 1]])
          return op->emitOpError("collapses dimensions that are not "
                                 "contiguous");
      view.sizes.push_back(size);
      view.strides.push_back(src->strides[group.back()]);
    }
    views[collapse.getResult()] = view;
    return success();
  }
  if (auto expand = dyn_cast<memref::ExpandShapeOp>(op)) {
    FailureOr<View> src = viewOf(expand.getSrc(), op);
    if (failed(src))
      return failure();
    auto type = expand.getResultType();
    if (src->sizes.size() > 1 || (src->sizes.size() == 1 && src->strides[0] != 1))
      return op->emitOpError("expands something other than a dense vector");
    View view = *src;
    view.sizes.assign(type.getShape().begin(), type.getShape().end());
    view.strides.assign(view.sizes.size(), 1);
    for (int i = int(view.sizes.size()) - 2; i >= 0; --i)
      view.strides[i] = view.strides[i + 1] * view.sizes[i + 1];
    views[expand.getResult()] = view;
    return success();
  }
  if (auto load = dyn_cast<DmaLoadOp>(op))
    return emitLoad(load);
  if (auto store = dyn_cast<DmaStoreOp>(op))
    return emitStore(store);
  if (auto im2col = dyn_cast<DmaIm2colOp>(op))
    return emitIm2col(im2col);
  if (auto mm = dyn_cast<TileMatmulOp>(op))
    return emitMatmul(mm);
  if (llvm::isa<memref::DeallocOp, func::ReturnOp, scf::YieldOp>(op))
    return success();
  return op->emitOpError("is not supported in a kernel compiled to the ISA");
}

LogicalResult IsaEmitter::checkRows(Operation *op, const View &v,
                                    StringRef what) {
  if (v.sizes.size() != 2 || v.strides[1] != 1)
    return op->emitOpError() << "needs " << what
                             << " with contiguous rows (unit inner stride)";
  if (v.sizes[0] > 65535 || v.sizes[1] > 65535)
    return op->emitOpError() << "moves " << v.sizes[0] << "x" << v.sizes[1]
                             << " elements of " << what
                             << "; an instruction moves at most 65535x65535";
  return success();
}

void IsaEmitter::emit(StringRef mnemonic,
                      ArrayRef<std::pair<StringRef, int64_t>> fields) {
  Pending p{mnemonic, {}, currentLoc};
  for (auto [name, value] : fields)
    p.fields.push_back(
        builder.getNamedAttr(name, builder.getI64IntegerAttr(value)));
  pending.push_back(std::move(p));
}

LogicalResult IsaEmitter::emitLoad(DmaLoadOp op) {
  FailureOr<View> src = viewOf(op.getSource(), op),
                  dst = viewOf(op.getDest(), op);
  if (failed(src) || failed(dst) || failed(checkRows(op, *src, "the source")) ||
      failed(checkRows(op, *dst, "the destination")))
    return failure();
  if (dst->sizes[0] == 0 || dst->sizes[1] == 0)
    return success();
  emit("load", {{"mem", dst->space == MemorySpace::Accumulator ? 1 : 0},
                {"dram_type", int64_t(src->kind)},
                {"sram_type", int64_t(dst->kind)},
                {"broadcast", op.getBroadcast() ? 1 : 0},
                {"sram_addr", int64_t(dst->address())},
                {"dram_addr", int64_t(src->address())},
                {"rows", dst->sizes[0]},
                {"cols", dst->sizes[1]},
                {"dram_stride", int64_t(src->rowBytes())},
                {"sram_stride", int64_t(dst->rowBytes())}});
  return success();
}

LogicalResult IsaEmitter::emitIm2col(DmaIm2colOp op) {
  FailureOr<View> in = viewOf(op.getInput(), op),
                  dst = viewOf(op.getDest(), op),
                  pad = viewOf(op.getPadRow(), op);
  FailureOr<int64_t> pixel = intOf(op.getPixel(), op), k = intOf(op.getK(), op);
  if (failed(in) || failed(dst) || failed(pad) || failed(pixel) ||
      failed(k) || failed(checkRows(op, *dst, "the destination")))
    return failure();
  if (in->sizes.size() != 4 || in->strides[3] != 1)
    return op->emitOpError("needs a dense NHWC input");
  const int64_t H = in->sizes[1], W = in->sizes[2], C = in->sizes[3];
  ArrayRef<int64_t> kernelHW = op.getKernel(), stride = op.getStrides(),
                    dilation = op.getDilations(), padding = op.getPadding(),
                    output = op.getOutput();
  const int64_t KW = kernelHW[1], OH = output[0], OW = output[1];
  int64_t rows = dst->sizes[0], cols = dst->sizes[1];
  if (*k % C || cols % C)
    return op->emitOpError() << "needs whole taps: k " << *k << " and "
                             << cols << " columns must be multiples of the "
                             << C << " input channels";
  const int64_t e = in->elementBytes;
  auto load = [&](int64_t row, int64_t col, int64_t count, bool broadcast,
                  int64_t dramAddr, int64_t dramStride) {
    emit("load", {{"mem", 0},
                  {"dram_type", int64_t(in->kind)},
                  {"sram_type", int64_t(dst->kind)},
                  {"broadcast", broadcast ? 1 : 0},
                  {"sram_addr", int64_t(dst->address() +
                                        (row * dst->strides[0] + col) * e)},
                  {"dram_addr", dramAddr},
                  {"rows", count},
                  {"cols", C},
                  {"dram_stride", dramStride},
                  {"sram_stride", int64_t(dst->rowBytes())}});
  };
  const int64_t padAddr = int64_t(pad->address());
  for (int64_t tap = *k / C; tap < (*k + cols) / C; ++tap) {
    int64_t kh = tap / KW, kw = tap % KW;
    int64_t col = tap * C - *k;
    // Walk the tile's pixels one output-row segment at a time.
    for (int64_t r = 0; r < rows;) {
      int64_t p = *pixel + r;
      int64_t n = p / (OH * OW), oh = (p / OW) % OH, ow0 = p % OW;
      int64_t len = std::min(rows - r, OW - ow0);
      int64_t ih = oh * stride[0] + kh * dilation[0] - padding[0];
      // Columns ow with 0 <= ow*sw + kw*dw - left < W.
      int64_t off = kw * dilation[1] - padding[2];
      int64_t lo = off >= 0 ? 0 : (-off + stride[1] - 1) / stride[1];
      int64_t hi = W - 1 - off < 0 ? -1 : (W - 1 - off) / stride[1];
      int64_t a = std::max(ow0, lo), b = std::min(ow0 + len - 1, hi);
      if (ih < 0 || ih >= H || a > b) {
        load(r, col, len, true, padAddr, 0);
      } else {
        if (a > ow0)
          load(r, col, a - ow0, true, padAddr, 0);
        int64_t iw = a * stride[1] + off;
        int64_t addr = int64_t(in->address()) +
                       (n * in->strides[0] + ih * in->strides[1] +
                        iw * in->strides[2]) *
                           e;
        load(r + (a - ow0), col, b - a + 1, false, addr,
             stride[1] * in->strides[2] * e);
        if (b < ow0 + len - 1)
          load(r + (b - ow0) + 1, col, ow0 + len - 1 - b, true, padAddr, 0);
      }
      r += len;
    }
  }
  return success();
}

uint64_t IsaEmitter::qparamIndex(ArrayAttr requant, std::optional<double> lo,
                                 std::optional<double> hi, bool isFloat) {
  std::vector<isa::QParam> group;
  auto bounds = [&](isa::QParam &q) {
    if (!lo)
      return;
    if (isFloat) {
      float l = float(*lo), h = float(*hi);
      std::memcpy(&q.lo, &l, 4);
      std::memcpy(&q.hi, &h, 4);
    } else {
      q.lo = int32_t(*lo);
      q.hi = int32_t(*hi);
    }
  };
  if (requant) {
    for (Attribute entry : requant) {
      auto triple = llvm::cast<ArrayAttr>(entry);
      isa::QParam q;
      q.multiplier = int32_t(llvm::cast<IntegerAttr>(triple[0]).getInt());
      q.exponent = int32_t(llvm::cast<IntegerAttr>(triple[1]).getInt());
      q.zeroPoint = int32_t(llvm::cast<IntegerAttr>(triple[2]).getInt());
      bounds(q);
      if (triple.size() == 5) { // the entry's own clamp bounds
        q.lo = int32_t(llvm::cast<IntegerAttr>(triple[3]).getInt());
        q.hi = int32_t(llvm::cast<IntegerAttr>(triple[4]).getInt());
      }
      group.push_back(q);
    }
  } else {
    isa::QParam q;
    bounds(q);
    group.push_back(q);
  }
  std::string key;
  for (const isa::QParam &q : group)
    key += std::to_string(q.multiplier) + "," + std::to_string(q.exponent) +
           "," + std::to_string(q.zeroPoint) + "," + std::to_string(q.lo) +
           "," + std::to_string(q.hi) + ";";
  auto [it, inserted] = qparamGroups.insert({key, qparams.size()});
  if (inserted)
    qparams.append(group.begin(), group.end());
  return it->second;
}

LogicalResult IsaEmitter::emitStore(DmaStoreOp op) {
  FailureOr<View> src = viewOf(op.getSource(), op),
                  dst = viewOf(op.getDest(), op);
  if (failed(src) || failed(dst) || failed(checkRows(op, *src, "the source")) ||
      failed(checkRows(op, *dst, "the destination")))
    return failure();
  if (src->sizes[0] == 0 || src->sizes[1] == 0)
    return success();
  int64_t act = llvm::StringSwitch<int64_t>(op.getActivation())
                    .Case("relu", 1)
                    .Case("clamp", 2)
                    .Default(0);
  int64_t qparam = isa::kNoQParam;
  bool perChannel = op.getRequant() && op.getRequant()->size() > 1;
  std::optional<double> lo, hi;
  if (op.getLo()) {
    lo = op.getLo()->convertToDouble();
    hi = op.getHi()->convertToDouble();
  }
  if (op.getRequant() || lo) {
    qparam = qparamIndex(op.getRequant() ? *op.getRequant() : ArrayAttr(), lo,
                         hi, isFloatKind(src->kind));
    if (perChannel) {
      FailureOr<int64_t> channel = intOf(op.getChannelOffset(), op);
      if (failed(channel))
        return failure();
      qparam += *channel;
    }
    if (qparam >= isa::kNoQParam)
      return op->emitOpError("needs more requantization entries than the "
                             "ISA's 16-bit index holds");
  }
  emit("store", {{"mem", src->space == MemorySpace::Accumulator ? 1 : 0},
                 {"sram_type", int64_t(src->kind)},
                 {"dram_type", int64_t(dst->kind)},
                 {"act", act},
                 {"sram_addr", int64_t(src->address())},
                 {"dram_addr", int64_t(dst->address())},
                 {"rows", src->sizes[0]},
                 {"cols", src->sizes[1]},
                 {"dram_stride", int64_t(dst->rowBytes())},
                 {"sram_stride", int64_t(src->rowBytes())},
                 {"qparam", qparam},
                 {"per_channel", perChannel ? 1 : 0}});
  return success();
}

LogicalResult IsaEmitter::emitMatmul(TileMatmulOp op) {
  FailureOr<View> a = viewOf(op.getLhs(), op), b = viewOf(op.getRhs(), op),
                  c = viewOf(op.getAcc(), op);
  if (failed(a) || failed(b) || failed(c) || failed(checkRows(op, *a, "lhs")) ||
      failed(checkRows(op, *b, "rhs")) || failed(checkRows(op, *c, "acc")))
    return failure();
  int64_t M = a->sizes[0], K = a->sizes[1], N = b->sizes[1];
  if (!M || !K || !N)
    return success();
  const int64_t R = desc.rows, C = desc.cols;
  int64_t type = int64_t(a->kind);
  FailureOr<int64_t> accumulateFlag = intOf(op.getAccumulate(), op);
  if (failed(accumulateFlag))
    return failure();
  bool accumulate = *accumulateFlag != 0;
  auto addrA = [&](int64_t i, int64_t k) {
    return int64_t(a->address() + (i * a->strides[0] + k) * a->elementBytes);
  };
  auto addrB = [&](int64_t k, int64_t j) {
    return int64_t(b->address() + (k * b->strides[0] + j) * b->elementBytes);
  };
  auto addrC = [&](int64_t i, int64_t j) {
    return int64_t(c->address() + (i * c->strides[0] + j) * c->elementBytes);
  };
  if (desc.dataflow == Dataflow::WeightStationary) {
    for (int64_t n0 = 0; n0 < N; n0 += C) {
      int64_t n = std::min(C, N - n0);
      for (int64_t k0 = 0; k0 < K; k0 += R) {
        int64_t k = std::min(R, K - k0);
        emit("preload", {{"type", type},
                         {"sram_addr", addrB(k0, n0)},
                         {"k", k},
                         {"n", n},
                         {"sram_stride", int64_t(b->rowBytes())}});
        emit("matmul", {{"type", type},
                        {"accumulate", (accumulate || k0 > 0) ? 1 : 0},
                        {"a_addr", addrA(0, k0)},
                        {"c_addr", addrC(0, n0)},
                        {"m", M},
                        {"n", n},
                        {"k", k},
                        {"a_stride", int64_t(a->rowBytes())},
                        {"c_stride", int64_t(c->rowBytes())},
                        {"a_zp", op.getLhsZp()},
                        {"b_zp", op.getRhsZp()}});
      }
    }
    return success();
  }
  for (int64_t m0 = 0; m0 < M; m0 += R)
    for (int64_t n0 = 0; n0 < N; n0 += C)
      emit("matmul", {{"type", type},
                      {"accumulate", accumulate ? 1 : 0},
                      {"a_addr", addrA(m0, 0)},
                      {"b_addr", addrB(0, n0)},
                      {"c_addr", addrC(m0, n0)},
                      {"m", std::min(R, M - m0)},
                      {"n", std::min(C, N - n0)},
                      {"k", K},
                      {"a_stride", int64_t(a->rowBytes())},
                      {"b_stride", int64_t(b->rowBytes())},
                      {"c_stride", int64_t(c->rowBytes())},
                      {"a_zp", op.getLhsZp()},
                      {"b_zp", op.getRhsZp()}});
  return success();
}

LogicalResult IsaEmitter::run() {
  if (failed(layOutDram()) || failed(walk(kernel.getBody().front())))
    return failure();
  // Replace the body by the straight-line instruction stream.
  Block &body = kernel.getBody().front();
  Operation *ret = body.getTerminator();
  SmallVector<Operation *> old;
  for (Operation &op : body.without_terminator())
    old.push_back(&op);
  for (Operation *op : llvm::reverse(old)) {
    op->dropAllUses();
    op->erase();
  }
  builder.setInsertionPoint(ret);
  MLIRContext *ctx = kernel.getContext();
  for (Pending &p : pending) {
    OperationState state(p.loc, ("accel.isa." + p.mnemonic).str());
    state.addAttribute("fields", DictionaryAttr::get(ctx, p.fields));
    builder.create(state);
  }
  OperationState halt(kernel.getLoc(), "accel.isa.halt");
  halt.addAttribute("fields", DictionaryAttr::get(ctx, {}));
  builder.create(halt);

  SmallVector<Attribute> qtable;
  for (const isa::QParam &q : qparams)
    qtable.push_back(builder.getDenseI32ArrayAttr(
        {q.multiplier, q.exponent, q.zeroPoint, q.lo, q.hi}));
  kernel->setAttr(
      AccelDialect::kProgramAttrName,
      builder.getDictionaryAttr({
          builder.getNamedAttr("dram_bytes",
                               builder.getI64IntegerAttr(align(dramBytes, 64))),
          builder.getNamedAttr("bindings", builder.getArrayAttr(bindings)),
          builder.getNamedAttr("constants", builder.getArrayAttr(constants)),
          builder.getNamedAttr("qparams", builder.getArrayAttr(qtable)),
      }));
  return success();
}

struct LowerToIsaPass : impl::LowerToIsaPassBase<LowerToIsaPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    TargetAttr target = getTargetAttr(module);
    SmallVector<func::FuncOp> kernels;
    module.walk([&](func::FuncOp f) {
      if (isTiledKernel(f) && !f.isExternal() &&
          !f->hasAttr(AccelDialect::kProgramAttrName))
        kernels.push_back(f);
    });
    if (!kernels.empty() && !target) {
      module.emitError("accel-lower-to-isa needs the module's accel.target");
      return signalPassFailure();
    }
    for (func::FuncOp kernel : kernels)
      if (failed(IsaEmitter(kernel, target.getDesc()).run()))
        return signalPassFailure();
  }
};

} // namespace
} // namespace accel
