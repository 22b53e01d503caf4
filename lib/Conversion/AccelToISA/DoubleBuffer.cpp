//===- DoubleBuffer.cpp - Two SRAM buffers per loop-carried tile ----------===//
//
// accel-double-buffer: an SRAM tile allocated inside a loop is expanded into
// two buffers by upstream memref::multiBuffer, so consecutive iterations
// use different addresses and the load of tile i+1 can run while tile i is
// computed.  Loops of one iteration gain nothing and are left alone.
//
//===----------------------------------------------------------------------===//
#include "IsaUtils.h"

#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace accel {
#define GEN_PASS_DEF_DOUBLEBUFFERPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

struct DoubleBufferPass : impl::DoubleBufferPassBase<DoubleBufferPass> {
  void runOnOperation() override {
    SmallVector<memref::AllocOp> allocs;
    getOperation().walk([&](func::FuncOp f) {
      if (!isTiledKernel(f))
        return;
      f.walk([&](memref::AllocOp alloc) {
        auto loop = dyn_cast<scf::ForOp>(alloc->getParentOp());
        if (!loop || getMemorySpace(alloc.getType()) == MemorySpace::Dram)
          return;
        std::optional<APInt> trips = loop.getStaticTripCount();
        if (trips && trips->getZExtValue() < 2)
          return;
        allocs.push_back(alloc);
      });
    });
    IRRewriter rewriter(&getContext());
    for (memref::AllocOp alloc : allocs) {
      // multiBuffer expands an alloc defined above the loop its users are
      // in; the tiler allocates inside, so hoist first (no operands).
      alloc->moveBefore(alloc->getParentOp());
      // The tiler's buffers are fully rewritten by the DMA in each
      // iteration, so the overwrite analysis may be skipped.
      if (failed(memref::multiBuffer(rewriter, alloc, 2,
                                     /*skipOverrideAnalysis=*/true))) {
        alloc.emitError("could not be double-buffered");
        return signalPassFailure();
      }
    }
  }
};

} // namespace
} // namespace accel
