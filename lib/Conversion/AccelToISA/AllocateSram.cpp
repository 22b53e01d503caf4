//===- AllocateSram.cpp - Scratchpad and accumulator addresses ------------===//
//
// accel-allocate-sram: every SRAM buffer of a tiled kernel gets a byte
// address.  Each top-level loop nest of a kernel (one contraction and its
// hoisted buffers) owns the SRAMs while it runs; its buffers are placed
// one after another, 64-byte aligned, and the next nest starts again at 0.
// Exceeding a memory is an error, never an overlap.
//
//===----------------------------------------------------------------------===//
#include "IsaUtils.h"

#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace accel {
#define GEN_PASS_DEF_ALLOCATESRAMPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

constexpr uint64_t kAlignment = 64;

struct AllocateSramPass : impl::AllocateSramPassBase<AllocateSramPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    TargetAttr target = getTargetAttr(module);
    WalkResult result = module.walk([&](func::FuncOp f) {
      if (!isTiledKernel(f) || f.isExternal())
        return WalkResult::advance();
      if (!target) {
        f.emitError("accel-allocate-sram needs the module's accel.target");
        return WalkResult::interrupt();
      }
      return allocate(f, target.getDesc());
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }

  WalkResult allocate(func::FuncOp kernel, const TargetDesc &desc) {
    uint64_t next[3] = {0, 0, 0};
    uint64_t capacity[3] = {0, desc.scratchpadBytes, desc.accumulatorBytes};
    const char *names[3] = {"DRAM", "scratchpad", "accumulator"};
    Builder b(kernel.getContext());
    for (Operation &top : kernel.getBody().front()) {
      WalkResult r = top.walk([&](memref::AllocOp alloc) {
        MemRefType type = alloc.getType();
        unsigned space = static_cast<unsigned>(getMemorySpace(type));
        if (space == 0)
          return WalkResult::advance();
        if (space > 2) {
          alloc.emitOpError() << "is in memory space " << space
                              << "; expected 0 (DRAM), 1 (scratchpad) or 2 "
                                 "(accumulator)";
          return WalkResult::interrupt();
        }
        uint64_t bytes = type.getNumElements() *
                         std::max(1u, type.getElementTypeBitWidth() / 8);
        uint64_t address = next[space];
        if (address + bytes > capacity[space]) {
          alloc.emitOpError()
              << "does not fit: the kernel needs " << address + bytes
              << " bytes of " << names[space] << " here, and target '"
              << desc.name << "' has " << capacity[space];
          return WalkResult::interrupt();
        }
        alloc->setAttr(AccelDialect::kAddressAttrName,
                       b.getI64IntegerAttr(address));
        next[space] = (address + bytes + kAlignment - 1) / kAlignment *
                      kAlignment;
        return WalkResult::advance();
      });
      if (r.wasInterrupted())
        return r;
      // A loop nest ends its buffers' lifetime.
      if (llvm::isa<scf::ForOp>(top))
        next[1] = next[2] = 0;
    }
    return WalkResult::advance();
  }
};

} // namespace
} // namespace accel
