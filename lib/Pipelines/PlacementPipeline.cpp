//===- PlacementPipeline.cpp - target, placement and kernels --------------===//
//
// The front half of every compile for a target (accel-run, the compiler C
// API): convert what TOSA ops it can to accel ops, attach the target,
// canonicalize (folds such as relu into clamp decide what there is to
// place), place, outline kernels, verify them.
//
//===----------------------------------------------------------------------===//
#include "accel/Pipelines/Pipelines.h"

#include "accel/Conversion/Passes.h"

#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace accel {

void buildPlacementPipeline(OpPassManager &pm,
                            const AttachTargetPassOptions &target,
                            const PlacementPassOptions &placement) {
  // TOSA ops the accel dialect models become accel ops, so they can be
  // placed; the rest stays TOSA and runs on the host (tosa-to-linalg).
  pm.addPass(createConvertTosaToAccelPass());
  pm.addPass(createAttachTargetPass(target));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createPlacementPass(placement));
  pm.addPass(createOutlineKernelsPass());
  pm.addPass(createVerifyKernelsPass());
}

void buildKernelPipeline(OpPassManager &pm) {
  pm.addPass(createTileKernelsPass());
  pm.addPass(createDoubleBufferPass());
  // Fold the tiler's constant index arithmetic before addresses are given.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createAllocateSramPass());
  pm.addPass(createLowerToIsaPass());
  pm.addPass(createInsertTokensPass());
  pm.addPass(createSerializeKernelsPass());
}

} // namespace accel
