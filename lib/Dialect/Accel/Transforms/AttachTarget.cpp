//===- AttachTarget.cpp - accel-attach-target pass ------------------------===//
//
// This file implements the pass that loads a target description (preset or
// JSON file) and stores it on the module as #accel.target.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Target/TargetJSON.h"

namespace accel {
#define GEN_PASS_DEF_ATTACHTARGETPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {
struct AttachTargetPass
    : public accel::impl::AttachTargetPassBase<AttachTargetPass> {
  using AttachTargetPassBase::AttachTargetPassBase;

  // Load once per pass instance rather than once per module.
  LogicalResult initialize(MLIRContext *context) override {
    if (target.empty()) {
      loadError = "no target given: expected a preset name or a .json path "
                  "(option 'target')";
      return success();
    }
    llvm::Expected<TargetDesc> desc = loadTarget(target);
    if (!desc) {
      loadError = llvm::toString(desc.takeError());
      return success();
    }
    attr = TargetAttr::get(context, std::move(*desc));
    return success();
  }

  void runOnOperation() override {
    if (!attr) {
      // Not attached to the op: the problem is the target file, not the IR.
      mlir::emitError(getOperation().getLoc()) << loadError;
      return signalPassFailure();
    }
    getOperation()->setAttr(AccelDialect::kTargetAttrName, attr);
  }

  TargetAttr attr;
  std::string loadError;
};
} // namespace
