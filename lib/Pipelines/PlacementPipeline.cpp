//===- PlacementPipeline.cpp - target, placement and kernels --------------===//
//
// The front half of every compile for a target (accel-run, the compiler C
// API): attach the target, canonicalize (folds such as relu into clamp decide
// what there is to place), place, outline kernels, verify them.
//
//===----------------------------------------------------------------------===//
#include "accel/Pipelines/Pipelines.h"

#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace accel {

void buildPlacementPipeline(OpPassManager &pm,
                            const AttachTargetPassOptions &target,
                            const PlacementPassOptions &placement) {
  pm.addPass(createAttachTargetPass(target));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createPlacementPass(placement));
  pm.addPass(createOutlineKernelsPass());
  pm.addPass(createVerifyKernelsPass());
}

} // namespace accel
