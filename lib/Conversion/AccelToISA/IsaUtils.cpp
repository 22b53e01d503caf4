//===- IsaUtils.cpp - Helpers shared by the ISA-level passes ---------------===//
#include "IsaUtils.h"

using namespace mlir;

namespace accel {

std::optional<ElementKind> elementKindOf(Type type) {
  if (type.isUnsignedInteger(8))
    return ElementKind::U8;
  if (type.isSignlessInteger(8))
    return ElementKind::I8;
  if (type.isSignlessInteger(16))
    return ElementKind::I16;
  if (type.isSignlessInteger(32))
    return ElementKind::I32;
  if (type.isF32())
    return ElementKind::F32;
  if (type.isF16())
    return ElementKind::F16;
  if (type.isBF16())
    return ElementKind::BF16;
  if (llvm::isa<Float8E4M3FNType>(type))
    return ElementKind::F8E4M3FN;
  if (llvm::isa<Float8E5M2Type>(type))
    return ElementKind::F8E5M2;
  return std::nullopt;
}

const isa::OpcodeInfo *getIsaInfo(Operation *op) {
  StringRef name = op->getName().getStringRef();
  if (!name.consume_front("accel.isa."))
    return nullptr;
  return isa::lookupMnemonic(name);
}

int64_t getIsaField(Operation *op, StringRef name) {
  auto fields = op->getAttrOfType<DictionaryAttr>("fields");
  if (fields)
    if (auto value = fields.getAs<IntegerAttr>(name))
      return value.getInt();
  if (const isa::OpcodeInfo *info = getIsaInfo(op))
    for (const isa::FieldInfo &f : info->fields)
      if (name == f.name)
        return static_cast<int64_t>(f.defaultValue);
  return 0;
}

bool isTiledKernel(func::FuncOp func) {
  return func->hasAttr(AccelDialect::kKernelAttrName) &&
         func->hasAttr(AccelDialect::kKernelTypeAttrName);
}

} // namespace accel
