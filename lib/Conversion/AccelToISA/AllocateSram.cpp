//===- AllocateSram.cpp - Scratchpad and accumulator addresses ------------===//
//
// accel-allocate-sram: every SRAM buffer of a tiled kernel gets a byte
// address.  A buffer lives from the top-level op that holds it to the last
// top-level op using a view of it (a contraction's loop nest, or its
// straight-line code when canonicalization folded one-trip loops); buffers
// live at the same time get disjoint 64-byte-aligned ranges, first fit.
// Exceeding a memory is an error, never an overlap.
//
//===----------------------------------------------------------------------===//
#include "IsaUtils.h"

#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include "llvm/ADT/MapVector.h"

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

  /// The SRAM buffer a memref value views, or null.
  static memref::AllocOp rootAlloc(Value v) {
    while (Operation *def = v.getDefiningOp()) {
      if (auto alloc = dyn_cast<memref::AllocOp>(def))
        return getMemorySpace(alloc.getType()) == MemorySpace::Dram
                   ? memref::AllocOp()
                   : alloc;
      if (!llvm::isa<ViewLikeOpInterface>(def) || def->getNumOperands() == 0)
        return {};
      v = def->getOperand(0);
    }
    return {};
  }

  WalkResult allocate(func::FuncOp kernel, const TargetDesc &desc) {
    uint64_t capacity[3] = {0, desc.scratchpadBytes, desc.accumulatorBytes};
    const char *names[3] = {"DRAM", "scratchpad", "accumulator"};
    Builder b(kernel.getContext());
    // Live ranges in top-level ops: from the op holding the alloc to the
    // last op using a view of it.
    SmallVector<Operation *> tops;
    for (Operation &top : kernel.getBody().front())
      tops.push_back(&top);
    llvm::MapVector<Operation *, std::pair<unsigned, unsigned>> range;
    for (auto [i, top] : llvm::enumerate(tops)) {
      top->walk([&](Operation *op) {
        if (auto alloc = dyn_cast<memref::AllocOp>(op))
          if (getMemorySpace(alloc.getType()) != MemorySpace::Dram)
            range[op] = {unsigned(i), unsigned(i)};
        for (Value operand : op->getOperands())
          if (memref::AllocOp alloc = rootAlloc(operand)) {
            auto it = range.find(alloc);
            if (it != range.end())
              it->second.second = std::max<unsigned>(it->second.second, i);
          }
      });
    }
    // First fit over the buffers live at each top-level op.
    struct Placed {
      uint64_t begin, end;
      unsigned last;
    };
    std::vector<Placed> live[3];
    for (auto &[op, r] : range) {
      auto alloc = cast<memref::AllocOp>(op);
      MemRefType type = alloc.getType();
      unsigned space = static_cast<unsigned>(getMemorySpace(type));
      if (space > 2) {
        alloc.emitOpError() << "is in memory space " << space
                            << "; expected 0 (DRAM), 1 (scratchpad) or 2 "
                               "(accumulator)";
        return WalkResult::interrupt();
      }
      for (auto &placed : live)
        llvm::erase_if(placed, [&](const Placed &p) { return p.last < r.first; });
      uint64_t bytes = type.getNumElements() *
                       std::max(1u, type.getElementTypeBitWidth() / 8);
      std::vector<Placed> &used = live[space];
      llvm::sort(used, [](const Placed &a, const Placed &b) {
        return a.begin < b.begin;
      });
      uint64_t address = 0, inUse = bytes;
      for (const Placed &p : used) {
        inUse += p.end - p.begin;
        if (address + bytes <= p.begin)
          break;
        address = std::max(address, (p.end + kAlignment - 1) / kAlignment *
                                         kAlignment);
      }
      if (address + bytes > capacity[space]) {
        alloc.emitOpError()
            << "does not fit: the kernel needs " << inUse << " bytes of "
            << names[space] << " here, and target '" << desc.name << "' has "
            << capacity[space];
        return WalkResult::interrupt();
      }
      alloc->setAttr(AccelDialect::kAddressAttrName,
                     b.getI64IntegerAttr(address));
      used.push_back({address, address + bytes, r.second});
    }
    return WalkResult::advance();
  }
};

} // namespace
} // namespace accel
