//===- TargetModel.cpp - Queries over a target description ----------------===//
//
// This file implements the TargetModel queries.
//
//===----------------------------------------------------------------------===//
#include "accel/Target/TargetModel.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace accel;

bool TargetModel::supportsOp(OpKind kind) const {
  return hasAccelerator() && llvm::is_contained(desc.opKinds, kind);
}

bool TargetModel::supportsInputType(ElementKind input) const {
  return hasAccelerator() &&
         llvm::any_of(desc.typeCombos,
                      [&](const TypeCombo &c) { return c.input == input; });
}

bool TargetModel::supportsTypes(ElementKind input, ElementKind accumulator,
                                ElementKind output) const {
  return hasAccelerator() &&
         llvm::is_contained(desc.typeCombos,
                            TypeCombo{input, accumulator, output});
}

static uint64_t transferCycles(uint64_t bytes, double bytesPerCycle,
                               uint64_t latency) {
  // The cpu target has no links: nothing is transferred.
  if (bytes == 0 || bytesPerCycle <= 0)
    return 0;
  return latency + static_cast<uint64_t>(std::ceil(bytes / bytesPerCycle));
}

uint64_t TargetModel::getDmaCycles(uint64_t bytes) const {
  return transferCycles(bytes, desc.dmaBytesPerCycle, desc.dmaLatencyCycles);
}

uint64_t TargetModel::getHostLinkCycles(uint64_t bytes) const {
  return transferCycles(bytes, desc.hostLinkBytesPerCycle,
                        desc.hostLinkLatencyCycles);
}

double TargetModel::cyclesToSeconds(uint64_t cycles) const {
  return desc.clockMHz > 0 ? cycles / (desc.clockMHz * 1e6) : 0.0;
}
