//===- VerifyKernels.cpp - the accel-verify-kernels pass ------------------===//
//
// The accelerator backend's contract, checked before anything lowers a
// kernel (torch-mlir's backend-contract verification is the model): a kernel
// holds only ops the target can run, placed on the accelerator, and its
// return. The pass changes nothing.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/Placement.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace accel {
#define GEN_PASS_DEF_VERIFYKERNELSPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

struct VerifyKernelsPass : impl::VerifyKernelsPassBase<VerifyKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    TargetAttr targetAttr = getTargetAttr(module);
    bool ok = true;
    for (auto kernel : module.getOps<func::FuncOp>()) {
      if (!kernel->hasAttr(AccelDialect::kKernelAttrName))
        continue;
      if (!targetAttr) {
        kernel.emitError("accelerator kernel in a module without an "
                         "'accel.target'");
        return signalPassFailure();
      }
      TargetModel target(targetAttr.getDesc());
      kernel.walk([&](Operation *op) {
        if (op == kernel.getOperation() || isa<func::ReturnOp>(op))
          return;
        OpWork work = describeWork(op);
        std::optional<std::string> illegal = checkLegality(work, target);
        if (illegal) {
          op->emitError() << "cannot run in accelerator kernel @"
                          << kernel.getName() << " on target '"
                          << target.getName() << "': " << *illegal;
          ok = false;
          return;
        }
        auto placement =
            op->getAttrOfType<StringAttr>(AccelDialect::kPlacementAttrName);
        if (!placement || placement.getValue() != "accelerator") {
          op->emitError() << "in accelerator kernel @" << kernel.getName()
                          << " but not placed on the accelerator";
          ok = false;
        }
      });
    }
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
} // namespace accel
