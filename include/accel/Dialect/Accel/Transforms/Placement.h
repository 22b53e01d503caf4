//===- Placement.h - legality and cost of running an op on the accelerator -===//
//
// The model behind accel-place: whether the module's target can run an accel
// op (legality) and what running it there would cost against running it on
// the host (cost). Kept apart from the pass so reports and tools can ask the
// same questions.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_PLACEMENT_H
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_PLACEMENT_H

#include "accel/Target/TargetModel.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Operation.h"

#include <optional>
#include <string>

namespace accel {

/// The host the cost model compares against. The defaults are what the CPU
/// path measures on the CI machines (bench/cpu-gemm); pass options override
/// them.
struct HostModel {
  double gflops = 40.0;         // contraction throughput, 2 ops per MAC
  double gbytesPerSecond = 8.0; // streaming throughput of elementwise ops
};

/// The work and data of one accel op, independent of the target.
struct OpWork {
  std::optional<OpKind> kind; // std::nullopt: not a compute op
  /// Element kinds matched against the target: (input, accumulator, output)
  /// for contractions; `input` only for the other ops.
  std::optional<ElementKind> input, accumulator, output;
  std::optional<ElementKind> rhsInput; // a contraction's second operand
  /// Contraction sizes (M includes batch dimensions); 0 when not one.
  int64_t m = 0, n = 0, k = 0, batches = 1;
  int64_t elements = 0;     // result elements (elementwise and pooling)
  int64_t windowSize = 1;   // pooling window
  int64_t operandBytes = 0; // all operands
  int64_t resultBytes = 0;
  bool hasDynamicShape = false;
  int64_t groups = 1;
  /// The op requantizes by a scale ratio that is not a power of two, which
  /// a shift-only requantizer cannot do.
  bool needsMultiplier = false;
  uint64_t macs() const { return uint64_t(m) * n * k * batches; }
};

/// Describes `op`; `kind` is unset for ops that are not accel compute ops.
OpWork describeWork(mlir::Operation *op);

/// Why `target` cannot run `work`, or std::nullopt when it can.
/// Why the accelerator path (docs/AcceleratorPath.md) cannot compile `op`
/// to the ISA, or std::nullopt when it can.  Placement treats such ops as
/// illegal, so kernels hold only ops that compile; accel-tile-kernels asks
/// the same question.
std::optional<std::string> checkCompilable(mlir::Operation *op);

std::optional<std::string> checkLegality(const OpWork &work,
                                         const TargetModel &target);

/// Estimated cost of one op on each side.
struct OpCost {
  uint64_t computeCycles = 0; // array or vector unit busy cycles
  uint64_t dmaCycles = 0;     // DRAM <-> scratchpad for the op's data
  uint64_t acceleratorCycles = 0; // max(compute, dma): double-buffered
  uint64_t linkBytes = 0;     // over the host link, both directions
  uint64_t linkCycles = 0;
  double acceleratorSeconds = 0; // (acceleratorCycles + linkCycles) / clock
  double hostSeconds = 0;
  double energyPJ = 0; // accelerator side: MACs, SRAM, DRAM, host link
};

/// Costs `work` on `target`, with `linkBytes` to move over the host link
/// (operands that live on the host plus results the host needs).
OpCost estimateCost(const OpWork &work, const TargetModel &target,
                    const HostModel &host, uint64_t linkBytes);

/// Counts of placed ops in a module, for summaries.
struct PlacementSummary {
  std::string targetName;
  unsigned onAccelerator = 0;
  unsigned onHost = 0;
};
/// Counts the ops that calling `entry` runs: those in its body and in the
/// functions and kernels it calls or launches, transitively.
PlacementSummary summarizePlacement(mlir::ModuleOp module,
                                    llvm::StringRef entry);

} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_PLACEMENT_H
