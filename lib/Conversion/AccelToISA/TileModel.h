//===- TileModel.h - SRAM tile choice for the accelerator path --*- C++ -*-===//
//
// The cost model accel-tile-kernels picks SRAM tiles with: closed forms of
// the simulator's array and DMA timing (docs/Simulator.md) over the loop
// nest of docs/AcceleratorPath.md, under the target's SRAM capacities with
// every buffer doubled.  bench/ uses the same bound formulas.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_CONVERSION_ACCELTOISA_TILEMODEL_H
#define ACCEL_CONVERSION_ACCELTOISA_TILEMODEL_H

#include "accel/Target/TargetDesc.h"

#include <cstdint>
#include <optional>

namespace accel {

/// C[M x N] = A[M x K] * B[K x N] with operand and output element sizes.
struct TileProblem {
  int64_t m, n, k;
  unsigned operandBytes, outputBytes;
  bool hasBias;
};

/// SRAM tile sizes; `panel` keeps the Mt x K lhs panel resident across the
/// n loop instead of reloading Mt x Kt tiles.
struct TileChoice {
  int64_t mt, nt, kt;
  bool panel;
};

struct TileCost {
  uint64_t computeCycles = 0, loadCycles = 0, storeCycles = 0;
  uint64_t dramBytes = 0;
  uint64_t cycles() const;
};

/// Bytes of SRAM a tile choice needs, double-buffered, 64-byte aligned.
uint64_t scratchpadBytesFor(const TileProblem &p, const TileChoice &c);
uint64_t accumulatorBytesFor(const TileProblem &p, const TileChoice &c);

/// The modelled cost of running `p` with tiles `c` on `desc`.
TileCost estimateTileCost(const TileProblem &p, const TileChoice &c,
                          const TargetDesc &desc);

/// The cheapest tile choice that fits, or std::nullopt when none does.
std::optional<TileChoice> chooseTiles(const TileProblem &p,
                                      const TargetDesc &desc);

} // namespace accel

#endif // ACCEL_CONVERSION_ACCELTOISA_TILEMODEL_H
