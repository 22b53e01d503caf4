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

#include <map>
#include <tuple>
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/TargetParser/Host.h"

namespace accel {
#define GEN_PASS_DEF_CPUTILEANDVECTORIZEPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

/// The schedule is generated per module: one tiling section per group of
/// contractions that share cache tile sizes (chosen per shape so that tiles
/// divide the problem where possible), then one vectorization and lowering
/// section for all of them. Ops are matched to their section by the
/// temporary attribute below.
constexpr llvm::StringLiteral kGroupAttr = "__accel_tile_group";

constexpr const char *kHeader = R"mlir(
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {transform.readonly}) {
    %f = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
)mlir";

/// {0}: group, {1}: op name, {2}: cache tile sizes, {3}: register tile
/// sizes, {4}/{6}: number of cache/register loops, {5}/{7}: their handle
/// types.
constexpr const char *kTileGroup = R"mlir(
    %g{0} = transform.structured.match ops{{["{1}"]}
        attributes{{__accel_tile_group = {0} : i64} in %root
        : (!transform.any_op) -> !transform.any_op
    %g{0}c, %g{0}cl:{4} = transform.structured.tile_using_for %g{0}
        tile_sizes [{2}] : (!transform.any_op) -> ({5})
    // Fold single-iteration loops and constant bounds, so that tiles which
    // divide their problem become static.
    transform.apply_patterns to %f {{
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    %g{0}r, %g{0}rl:{6} = transform.structured.tile_using_for %g{0}c
        tile_sizes [{3}] : (!transform.any_op) -> ({7})
)mlir";

/// Splits off the partial last iteration of register loop {1} of group {0},
/// so that every other iteration has a static, unmasked tile.
constexpr const char *kPeel = R"mlir(
    %g{0}p{1} = transform.cast %g{0}rl#{1}
        : !transform.any_op to !transform.op<"scf.for">
    %g{0}m{1}, %g{0}t{1} = transform.loop.peel %g{0}p{1}
        : (!transform.op<"scf.for">) -> (!transform.any_op, !transform.any_op)
)mlir";

/// {0}: register tile M, {1}: register tile N.
constexpr const char *kFooter = R"mlir(
    transform.apply_patterns to %f {{
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    %mm = transform.structured.match ops{{["linalg.matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %mm vector_sizes [{0}, {1}, 1]
        {{create_named_contraction} : !transform.any_op
    %bmm = transform.structured.match ops{{["linalg.batch_matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %bmm vector_sizes [1, {0}, {1}, 1]
        {{create_named_contraction} : !transform.any_op
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
    // Keep accumulator tiles in registers across the reduction loops.
    %loops = transform.structured.match ops{{["scf.for"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.loop.hoist_loop_invariant_subsets %loops : !transform.any_op
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

/// A cache tile for a dimension of size `size`: the whole dimension when it
/// fits in `limit`, else the largest multiple of `step` in [limit/2, limit]
/// that divides it, else `limit` (and the last tile is partial).
int64_t chooseTile(int64_t size, int64_t limit, int64_t step) {
  if (size <= limit || limit < step)
    return std::min(size, std::max(limit, int64_t(1)));
  for (int64_t tile = limit - limit % step; tile >= limit / 2; tile -= step)
    if (size % tile == 0)
      return tile;
  return limit;
}

std::string joinSizes(ArrayRef<int64_t> sizes) {
  std::string text;
  for (int64_t size : sizes)
    text += (text.empty() ? "" : ", ") + std::to_string(size);
  return text;
}

struct CPUTileAndVectorizePass
    : impl::CPUTileAndVectorizePassBase<CPUTileAndVectorizePass> {
  using CPUTileAndVectorizePassBase::CPUTileAndVectorizePassBase;

  /// Rejects option values that would make no sense as tiles.
  LogicalResult checkOptions() {
    auto check = [&](const ListOption<int64_t> &option, StringRef name,
                     size_t count, int64_t limit) -> LogicalResult {
      if (option.empty())
        return success();
      if (option.size() != count)
        return getOperation().emitError()
               << "accel-cpu-tile-and-vectorize: expected " << count
               << " sizes for '" << name << "', found " << option.size();
      for (int64_t size : option)
        if (size < 1 || size > limit)
          return getOperation().emitError()
                 << "accel-cpu-tile-and-vectorize: '" << name
                 << "' sizes must be in [1, " << limit << "], found " << size;
      return success();
    };
    // A register tile is held in vector registers: keep it small.
    if (failed(check(registerTile, "register-tile", 2, 64)) ||
        failed(check(cacheTile, "cache-tile", 3, 4096)))
      return failure();
    if (registerTile.size() == 2 && cacheTile.size() == 3 &&
        (cacheTile[0] < registerTile[0] || cacheTile[1] < registerTile[1]))
      return getOperation().emitError()
             << "accel-cpu-tile-and-vectorize: the cache tile must be at "
                "least the register tile in M and N";
    return success();
  }

  SmallVector<int64_t> registerTileSizes() {
    SmallVector<int64_t> reg(registerTile.begin(), registerTile.end());
    if (reg.size() == 2)
      return reg;
    // 16 accumulator registers with AVX-512 (8 rows x 2 zmm), 8 with AVX2
    // (4 rows x 2 ymm), leaving room for the operands.
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    return features.lookup("avx512f") ? SmallVector<int64_t>{8, 32}
                                      : SmallVector<int64_t>{4, 16};
  }

  /// Tags every contraction with its tiling group and returns the schedule.
  std::string buildSchedule() {
    SmallVector<int64_t> cache(cacheTile.begin(), cacheTile.end());
    if (cache.size() != 3)
      cache = {256, 256, 128};
    SmallVector<int64_t> reg = registerTileSizes();
    // (op name, cache tile M, N, K) -> group.
    std::map<std::tuple<std::string, int64_t, int64_t, int64_t>, int64_t>
        groups;
    std::string sections;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (!isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op) ||
          !op.hasPureTensorSemantics())
        return;
      SmallVector<int64_t> bounds = op.getStaticLoopRanges();
      if (llvm::any_of(bounds, ShapedType::isDynamic))
        return;
      bool batched = isa<linalg::BatchMatmulOp>(op);
      ArrayRef<int64_t> mnk = ArrayRef(bounds).take_back(3);
      int64_t tm = chooseTile(mnk[0], cache[0], reg[0]);
      int64_t tn = chooseTile(mnk[1], cache[1], reg[1]);
      int64_t tk = chooseTile(mnk[2], cache[2], 1);
      std::string name = op->getName().getStringRef().str();
      auto key = std::make_tuple(name, tm, tn, tk);
      auto [it, inserted] = groups.try_emplace(key, int64_t(groups.size()));
      op->setAttr(kGroupAttr,
                  IntegerAttr::get(IntegerType::get(op->getContext(), 64),
                                   it->second));
      if (!inserted)
        return;
      SmallVector<int64_t> cacheSizes = {tm, tn, tk};
      SmallVector<int64_t> regSizes = {reg[0], reg[1], 1};
      if (batched) {
        cacheSizes.insert(cacheSizes.begin(), 1);
        regSizes.insert(regSizes.begin(), 0);
      }
      // The cache tiling has a batch loop, the register tiling does not.
      auto handleTypes = [](unsigned loops) {
        std::string types = "!transform.any_op";
        for (unsigned i = 0; i < loops; ++i)
          types += ", !transform.any_op";
        return types;
      };
      unsigned cacheLoops = batched ? 4 : 3;
      sections += llvm::formatv(kTileGroup, it->second, name,
                                joinSizes(cacheSizes), joinSizes(regSizes),
                                cacheLoops, handleTypes(cacheLoops), 3,
                                handleTypes(3))
                      .str();
      // Register loops that do not divide their cache tile are peeled,
      // inner (N) first: peeling consumes the loop's handle and those of
      // everything nested in it.
      if (tn % reg[1] != 0)
        sections += llvm::formatv(kPeel, it->second, 1).str();
      if (tm % reg[0] != 0)
        sections += llvm::formatv(kPeel, it->second, 0).str();
    });
    return std::string(kHeader) + sections +
           llvm::formatv(kFooter, reg[0], reg[1]).str();
  }

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    if (failed(checkOptions()))
      return signalPassFailure();
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
      text = buildSchedule();
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
    LogicalResult applied = transform::applyTransformNamedSequence(
        getOperation(), entry, *scheduleModule, transform::TransformOptions());
    getOperation().walk([](Operation *op) { op->removeAttr(kGroupAttr); });
    if (failed(applied))
      signalPassFailure();
  }
};

} // namespace
} // namespace accel
