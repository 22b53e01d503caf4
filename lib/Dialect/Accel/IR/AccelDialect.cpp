//===- AccelDialect.cpp - accel dialect registration ----------------------===//
//
// This file implements the accel dialect's registration and the check of the
// module-level `accel.target` attribute.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace accel;

#include "accel/Dialect/Accel/IR/AccelOpsDialect.cpp.inc"

void AccelDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "accel/Dialect/Accel/IR/AccelOps.cpp.inc"
      >();
  registerAttributes();
}

LogicalResult AccelDialect::verifyOperationAttribute(Operation *op,
                                                     NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  if (name == kPlacementAttrName) {
    auto value = dyn_cast<StringAttr>(attr.getValue());
    if (!value || (value.getValue() != "accelerator" &&
                   value.getValue() != "host"))
      return op->emitError() << "'" << kPlacementAttrName
                             << "' must be \"accelerator\" or \"host\", found "
                             << attr.getValue();
    return success();
  }
  if (name == kKernelAttrName) {
    // Lowering carries the marker from func.func to llvm.func.
    if (!isa<UnitAttr>(attr.getValue()) || !isa<FunctionOpInterface>(op))
      return op->emitError() << "'" << kKernelAttrName
                             << "' must be a unit attribute on a function";
    return success();
  }
  if (name == kKernelTypeAttrName) {
    auto type = dyn_cast<TypeAttr>(attr.getValue());
    if (!type || !isa<FunctionType>(type.getValue()))
      return op->emitError() << "'" << kKernelTypeAttrName
                             << "' must be a function type, found "
                             << attr.getValue();
    return success();
  }
  if (name == kAddressAttrName) {
    auto address = dyn_cast<IntegerAttr>(attr.getValue());
    if (!address || address.getInt() < 0)
      return op->emitError() << "'" << kAddressAttrName
                             << "' must be a non-negative integer, found "
                             << attr.getValue();
    return success();
  }
  if (name == kProgramAttrName) {
    if (!isa<DictionaryAttr>(attr.getValue()))
      return op->emitError() << "'" << kProgramAttrName
                             << "' must be a dictionary, found "
                             << attr.getValue();
    return success();
  }
  if (name != kTargetAttrName)
    return op->emitError() << "unknown accel attribute '" << name << "'";
  if (!isa<ModuleOp>(op))
    return op->emitError() << "'" << kTargetAttrName
                           << "' belongs on a builtin.module, found it on '"
                           << op->getName() << "'";
  if (!isa<TargetAttr>(attr.getValue()))
    return op->emitError() << "'" << kTargetAttrName
                           << "' must be an #accel.target, found "
                           << attr.getValue();
  return success();
}

TargetAttr accel::getTargetAttr(Operation *op) {
  for (Operation *cur = op; cur; cur = cur->getParentOp())
    if (auto module = dyn_cast<ModuleOp>(cur))
      if (auto target = module->getAttrOfType<TargetAttr>(
              AccelDialect::kTargetAttrName))
        return target;
  return {};
}

std::optional<ElementKind> accel::classifyElementType(Type type) {
  if (auto quant = dyn_cast<quant::QuantizedType>(type)) {
    unsigned width = quant.getStorageTypeIntegralWidth();
    if (!quant.isSigned())
      return width == 8 ? std::optional(ElementKind::U8) : std::nullopt;
    type = IntegerType::get(type.getContext(), width);
  }
  return TypeSwitch<Type, std::optional<ElementKind>>(type)
      .Case([](IntegerType t) -> std::optional<ElementKind> {
        if (!t.isSignless())
          return std::nullopt;
        switch (t.getWidth()) {
        case 4: return ElementKind::I4;
        case 8: return ElementKind::I8;
        case 16: return ElementKind::I16;
        case 32: return ElementKind::I32;
        default: return std::nullopt;
        }
      })
      .Case([](Float32Type) { return ElementKind::F32; })
      .Case([](Float16Type) { return ElementKind::F16; })
      .Case([](BFloat16Type) { return ElementKind::BF16; })
      .Case([](FloatTF32Type) { return ElementKind::TF32; })
      .Case([](Float8E4M3FNType) { return ElementKind::F8E4M3FN; })
      .Case([](Float8E5M2Type) { return ElementKind::F8E5M2; })
      .Default([](Type) { return std::nullopt; });
}
