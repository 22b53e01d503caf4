//===- TensorNames.cpp - Stable names for a function's tensors ------------===//
//
// This file implements TensorNames (see the header for why names matter).
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/Transforms/TensorNames.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/Matchers.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace accel;

bool accel::isCalibratable(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return type && type.getElementType().isF32();
}

/// The first name a location carries (a NameLoc, possibly inside a fused or
/// call-site location).
static std::string nameOf(Location loc) {
  std::string found;
  loc->walk([&](Location inner) {
    if (auto named = dyn_cast<NameLoc>(inner)) {
      found = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return found;
}

TensorNames::TensorNames(func::FuncOp func) {
  llvm::StringSet<> used;
  llvm::StringMap<unsigned> perKind;
  // A repeated name gets the first free `#<k>`, which may itself be taken
  // by a location name such as loc("fc#1").
  auto add = [&](Value value, std::string name) {
    std::string unique = name;
    for (unsigned k = 1; used.contains(unique); ++k)
      unique = llvm::formatv("{0}#{1}", name, k).str();
    used.insert(unique);
    names.insert({value, std::move(unique)});
  };
  for (BlockArgument arg : func.getArguments())
    if (isCalibratable(arg))
      add(arg, llvm::formatv("arg{0}", arg.getArgNumber()).str());
  func.walk([&](Operation *op) {
    if (op->getNumResults() == 0 || matchPattern(op, m_Constant()))
      return;
    std::string base = nameOf(op->getLoc());
    StringRef kind = op->getName().stripDialect();
    unsigned index = perKind[kind]++;
    if (base.empty())
      base = llvm::formatv("{0}_{1}", kind, index).str();
    for (OpResult result : op->getResults()) {
      if (!isCalibratable(result))
        continue;
      std::string name = base;
      if (result.getResultNumber() > 0)
        name += ":" + std::to_string(result.getResultNumber());
      add(result, std::move(name));
    }
  });
}

StringRef TensorNames::lookup(Value value) const {
  auto it = names.find(value);
  return it == names.end() ? StringRef() : StringRef(it->second);
}
