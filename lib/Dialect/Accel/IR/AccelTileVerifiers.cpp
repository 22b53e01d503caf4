//===- AccelTileVerifiers.cpp - Tile- and ISA-level op verifiers -----------===//
//
// Verifiers of the memref-level tile ops and of the ISA ops, whose fields
// are checked against the one encoding table (include/accel/ISA/
// Instructions.def) so that a verified ISA module always encodes.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/ISA/Instructions.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace accel {

MemorySpace getMemorySpace(MemRefType type) {
  if (auto space = llvm::dyn_cast_or_null<IntegerAttr>(type.getMemorySpace()))
    return static_cast<MemorySpace>(space.getInt());
  return MemorySpace::Dram;
}

static StringRef spaceName(MemorySpace space) {
  switch (space) {
  case MemorySpace::Dram:
    return "DRAM (memory space 0)";
  case MemorySpace::Scratchpad:
    return "the scratchpad (memory space 1)";
  case MemorySpace::Accumulator:
    return "the accumulator (memory space 2)";
  }
  return "an unknown memory space";
}

static LogicalResult expectSpace(Operation *op, StringRef what, Value value,
                                 ArrayRef<MemorySpace> allowed) {
  MemorySpace space = getMemorySpace(llvm::cast<MemRefType>(value.getType()));
  if (llvm::is_contained(allowed, space))
    return success();
  std::string names;
  for (MemorySpace s : allowed)
    names += (names.empty() ? "" : " or ") + spaceName(s).str();
  return op->emitOpError() << "expects " << what << " in " << names
                           << ", found " << spaceName(space);
}

static LogicalResult expectSameShape(Operation *op, Value a, Value b,
                                     StringRef aName, StringRef bName) {
  auto at = llvm::cast<MemRefType>(a.getType());
  auto bt = llvm::cast<MemRefType>(b.getType());
  for (unsigned i = 0; i < 2; ++i)
    if (!at.isDynamicDim(i) && !bt.isDynamicDim(i) &&
        at.getDimSize(i) != bt.getDimSize(i))
      return op->emitOpError()
             << "expects " << aName << " and " << bName
             << " of the same shape, found dimension " << i << " of "
             << at.getDimSize(i) << " and " << bt.getDimSize(i);
  return success();
}

static bool isAccumulatorElement(Type t) {
  return t.isInteger(32) || t.isF32();
}

LogicalResult DmaLoadOp::verify() {
  if (failed(expectSpace(*this, "the source", getSource(), {MemorySpace::Dram})) ||
      failed(expectSpace(*this, "the destination", getDest(),
                         {MemorySpace::Scratchpad, MemorySpace::Accumulator})))
    return failure();
  auto src = getSource().getType(), dst = getDest().getType();
  if (getBroadcast()) {
    if (!src.isDynamicDim(0) && src.getDimSize(0) != 1)
      return emitOpError() << "expects a one-row source with broadcast, found "
                           << src.getDimSize(0) << " rows";
  } else if (failed(expectSameShape(*this, getSource(), getDest(), "source",
                                    "destination"))) {
    return failure();
  }
  if (getMemorySpace(dst) == MemorySpace::Accumulator &&
      !isAccumulatorElement(dst.getElementType()))
    return emitOpError() << "expects i32 or f32 elements in the accumulator, "
                            "found "
                         << dst.getElementType();
  return success();
}

LogicalResult DmaIm2colOp::verify() {
  if (failed(expectSpace(*this, "the input", getInput(), {MemorySpace::Dram})) ||
      failed(expectSpace(*this, "the destination", getDest(),
                         {MemorySpace::Scratchpad})) ||
      failed(expectSpace(*this, "the pad row", getPadRow(),
                         {MemorySpace::Dram})))
    return failure();
  auto sizes = [&](StringRef name, ArrayRef<int64_t> v, size_t n,
                   int64_t min) -> LogicalResult {
    if (v.size() != n || llvm::any_of(v, [&](int64_t x) { return x < min; }))
      return emitOpError() << "expects " << name << " to hold " << n
                           << " values of at least " << min;
    return success();
  };
  if (failed(sizes("kernel", getKernel(), 2, 1)) ||
      failed(sizes("strides", getStrides(), 2, 1)) ||
      failed(sizes("dilations", getDilations(), 2, 1)) ||
      failed(sizes("padding", getPadding(), 4, 0)) ||
      failed(sizes("output", getOutput(), 2, 1)))
    return failure();
  Type in = getInput().getType().getElementType();
  if (in != getDest().getType().getElementType() ||
      in != getPadRow().getType().getElementType())
    return emitOpError() << "expects input, destination and pad row of one "
                            "element type";
  int64_t channels = getInput().getType().getDimSize(3);
  auto pad = getPadRow().getType();
  if (!ShapedType::isDynamic(channels) &&
      (pad.getDimSize(0) != 1 || pad.getDimSize(1) != channels))
    return emitOpError() << "expects a 1x" << channels
                         << " pad row, found " << pad.getDimSize(0) << "x"
                         << pad.getDimSize(1);
  return success();
}

LogicalResult DmaStoreOp::verify() {
  if (failed(expectSpace(*this, "the source", getSource(),
                         {MemorySpace::Scratchpad, MemorySpace::Accumulator})) ||
      failed(expectSpace(*this, "the destination", getDest(),
                         {MemorySpace::Dram})) ||
      failed(expectSameShape(*this, getSource(), getDest(), "source",
                             "destination")))
    return failure();
  StringRef act = getActivation();
  if (act != "none" && act != "relu" && act != "clamp")
    return emitOpError() << "expects activation none, relu or clamp, found '"
                         << act << "'";
  if ((act == "clamp") != (getLo().has_value() && getHi().has_value()))
    return emitOpError() << "expects lo and hi exactly with activation clamp";
  if (auto requant = getRequant()) {
    if (requant->empty())
      return emitOpError() << "expects at least one requant triple";
    for (Attribute entry : *requant) {
      auto triple = llvm::dyn_cast<ArrayAttr>(entry);
      if (!triple || (triple.size() != 3 && triple.size() != 5) ||
          !llvm::all_of(triple, [](Attribute a) {
            return llvm::isa<IntegerAttr>(a);
          }))
        return emitOpError() << "expects requant entries of three integers "
                                "[multiplier, exponent, zero_point] or five "
                                "(with per-entry clamp bounds lo, hi), found "
                             << entry;
    }
    if (requant->size() > 1 && !getChannelOffset())
      return emitOpError() << "expects a channel_offset with per-channel "
                              "requant entries";
  }
  return success();
}

LogicalResult TileMatmulOp::verify() {
  if (failed(expectSpace(*this, "lhs", getLhs(), {MemorySpace::Scratchpad})) ||
      failed(expectSpace(*this, "rhs", getRhs(), {MemorySpace::Scratchpad})) ||
      failed(expectSpace(*this, "acc", getAcc(), {MemorySpace::Accumulator})))
    return failure();
  auto l = getLhs().getType(), r = getRhs().getType(), a = getAcc().getType();
  auto mismatch = [&](StringRef what, int64_t x, int64_t y) {
    return emitOpError() << "expects " << what << " to agree, found " << x
                         << " and " << y;
  };
  auto known = [](int64_t x, int64_t y) {
    return !ShapedType::isDynamic(x) && !ShapedType::isDynamic(y) && x != y;
  };
  if (known(l.getDimSize(1), r.getDimSize(0)))
    return mismatch("lhs columns and rhs rows (k)", l.getDimSize(1),
                    r.getDimSize(0));
  if (known(l.getDimSize(0), a.getDimSize(0)))
    return mismatch("lhs rows and acc rows (m)", l.getDimSize(0),
                    a.getDimSize(0));
  if (known(r.getDimSize(1), a.getDimSize(1)))
    return mismatch("rhs columns and acc columns (n)", r.getDimSize(1),
                    a.getDimSize(1));
  if (l.getElementType() != r.getElementType())
    return emitOpError() << "expects operands of one element type, found "
                         << l.getElementType() << " and " << r.getElementType();
  bool isInt = llvm::isa<IntegerType>(l.getElementType());
  Type want = isInt ? Type(IntegerType::get(getContext(), 32))
                    : Type(Float32Type::get(getContext()));
  if (a.getElementType() != want)
    return emitOpError() << "expects a " << want << " accumulator for "
                         << l.getElementType() << " operands, found "
                         << a.getElementType();
  if (!isInt && (getLhsZp() || getRhsZp()))
    return emitOpError() << "expects zero points of 0 for float operands";
  return success();
}

LogicalResult verifyIsaFields(Operation *op, StringRef mnemonic,
                              DictionaryAttr fields) {
  const isa::OpcodeInfo *info = isa::lookupMnemonic(mnemonic);
  if (!info)
    return op->emitOpError() << "has no ISA opcode '" << mnemonic << "'";
  for (NamedAttribute field : fields) {
    const isa::FieldInfo *found = nullptr;
    for (const isa::FieldInfo &f : info->fields)
      if (field.getName() == f.name)
        found = &f;
    if (!found) {
      std::string names;
      for (const isa::FieldInfo &f : info->fields)
        names += (names.empty() ? "" : ", ") + std::string(f.name);
      return op->emitOpError()
             << "has no field '" << field.getName().strref()
             << "' (the fields of " << mnemonic << " are: "
             << (names.empty() ? "none" : names) << ")";
    }
    auto value = llvm::dyn_cast<IntegerAttr>(field.getValue());
    if (!value)
      return op->emitOpError() << "expects an integer for field '"
                               << found->name << "', found "
                               << field.getValue();
    int64_t v = value.getInt();
    if (v < found->minValue() || v > found->maxValue())
      return op->emitOpError()
             << "field '" << found->name << "' value " << v
             << " is out of range [" << found->minValue() << ", "
             << found->maxValue() << "]";
  }
  return success();
}

} // namespace accel
