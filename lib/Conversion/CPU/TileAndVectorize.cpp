//===- TileAndVectorize.cpp - accel-cpu-tile-and-vectorize ----------------===//
//
// The CPU path's contraction schedule (measured on these machines, see
// ../shared/PERF-NOTES.md and bench/cpu-gemm):
//  * tile on tensors, not memrefs, so the accumulator tile's transfers hoist
//    out of the k loop and the tile lives in registers;
//  * vectorize with explicit sizes (masked tails), turn the vectorized
//    reduction into vector.contract, lower it to outer products (FMAs);
//  * transfers lowered at rank 1 and fully unrolled.
//
//===----------------------------------------------------------------------===//
#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/Transform/IR/TransformOps.h"
#include "mlir/Dialect/Transform/Transforms/TransformInterpreterUtils.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/TargetParser/Host.h"

namespace accel {
#define GEN_PASS_DEF_CPUTILEANDVECTORIZEPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

/// {0},{1},{2}: cache tile M, N, K; {3},{4}: register tile M, N.
constexpr const char *kSchedule = R"mlir(
module attributes {{transform.with_named_sequence} {{
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {{transform.readonly}) {{
    %f = transform.structured.match ops{{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    // 2-D matmuls.
    %mm = transform.structured.match ops{{["linalg.matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    %mm1, %mml1:3 = transform.structured.tile_using_for %mm
        tile_sizes [{0}, {1}, {2}]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op,
                                  !transform.any_op, !transform.any_op)
    // Fold single-iteration loops and constant tile bounds first, so tiles
    // of small or evenly divided ops are static and need no masks.
    transform.apply_patterns to %f {{
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    %mm2, %mml2:3 = transform.structured.tile_using_for %mm1
        tile_sizes [{3}, {4}, 1]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op,
                                  !transform.any_op, !transform.any_op)
    transform.structured.vectorize %mm2 vector_sizes [{3}, {4}, 1]
        {{create_named_contraction}
        : !transform.any_op
    // Batched matmuls: one batch at a time, then the same tiles.
    %bmm = transform.structured.match ops{{["linalg.batch_matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    %bmm1, %bmml1:4 = transform.structured.tile_using_for %bmm
        tile_sizes [1, {0}, {1}, {2}]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op,
                                  !transform.any_op, !transform.any_op,
                                  !transform.any_op)
    transform.apply_patterns to %f {{
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    %bmm2, %bmml2:3 = transform.structured.tile_using_for %bmm1
        tile_sizes [0, {3}, {4}, 1]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op,
                                  !transform.any_op, !transform.any_op)
    transform.structured.vectorize %bmm2 vector_sizes [1, {3}, {4}, 1]
        {{create_named_contraction}
        : !transform.any_op
    // Masked transfers become plain transfers with a mask operand before
    // any canonicalization: folding casts into a vector.mask region breaks
    // its one-op invariant.
    transform.apply_patterns to %f {{
      transform.apply_patterns.vector.lower_masked_transfers
    } : !transform.any_op
    transform.apply_patterns to %f {{
      transform.apply_patterns.vector.reduction_to_contract
      transform.apply_patterns.vector.cast_away_vector_leading_one_dim
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.loop.hoist_loop_invariant_subsets %mml2#2 : !transform.any_op
    transform.loop.hoist_loop_invariant_subsets %bmml2#2 : !transform.any_op
    transform.apply_patterns to %f {{
      transform.apply_patterns.vector.lower_contraction
          lowering_strategy = "outerproduct"
      transform.apply_patterns.vector.lower_outerproduct
      transform.apply_patterns.vector.lower_masks
      transform.apply_patterns.vector.transfer_to_scf full_unroll = true
      transform.apply_patterns.vector.lower_transfer max_transfer_rank = 1
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.yield
  }
}
)mlir";

struct CPUTileAndVectorizePass
    : impl::CPUTileAndVectorizePassBase<CPUTileAndVectorizePass> {
  using CPUTileAndVectorizePassBase::CPUTileAndVectorizePassBase;

  /// The built-in schedule with this pass's tile sizes.
  std::string builtinSchedule() {
    SmallVector<int64_t> cache(cacheTile.begin(), cacheTile.end());
    if (cache.size() != 3)
      cache = {256, 256, 128};
    SmallVector<int64_t> reg(registerTile.begin(), registerTile.end());
    if (reg.size() != 2) {
      // 16 accumulator registers with AVX-512 (8 rows x 2 zmm), 8 with
      // AVX2 (4 rows x 2 ymm), leaving room for the operands.
      llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
      bool avx512 = features.lookup("avx512f");
      reg = avx512 ? SmallVector<int64_t>{8, 32} : SmallVector<int64_t>{4, 16};
    }
    return llvm::formatv(kSchedule, cache[0], cache[1], cache[2], reg[0],
                         reg[1])
        .str();
  }

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    std::string text;
    if (!schedule.empty()) {
      auto buffer = llvm::MemoryBuffer::getFile(schedule);
      if (!buffer) {
        getOperation().emitError() << "cannot read schedule '" << schedule
                                   << "': " << buffer.getError().message();
        return signalPassFailure();
      }
      text = (*buffer)->getBuffer().str();
    } else {
      text = builtinSchedule();
    }
    if (printSchedule)
      llvm::errs() << text;
    OwningOpRef<ModuleOp> scheduleModule =
        parseSourceString<ModuleOp>(text, ctx);
    if (!scheduleModule)
      return signalPassFailure();
    Operation *entry = transform::detail::findTransformEntryPoint(
        getOperation(), *scheduleModule, "__transform_main");
    if (!entry) {
      getOperation().emitError("the schedule has no @__transform_main");
      return signalPassFailure();
    }
    if (failed(transform::applyTransformNamedSequence(
            getOperation(), entry, *scheduleModule,
            transform::TransformOptions())))
      signalPassFailure();
  }
};

} // namespace
} // namespace accel
