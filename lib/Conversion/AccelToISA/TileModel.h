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
  /// For a convolution run as a matrix multiplication: the input channels
  /// (k tiles must hold whole taps) and the output row length in pixels (an
  /// im2col gather issues one DMA per tap and output-row segment).  0 for a
  /// matmul.
  int64_t convChannels = 0, convRowPixels = 0;
};

/// SRAM tile sizes; `panel` keeps the Mt x K lhs panel resident across the
/// n loop instead of reloading Mt x Kt tiles.
struct TileChoice {
  int64_t mt, nt, kt;
  bool panel;
};

struct TileCost {
  uint64_t computeCycles = 0, loadCycles = 0, storeCycles = 0;
  /// Loads that cannot overlap compute: with an odd number of k steps, the
  /// first k step of every (m, n) tile, whose buffer slot the previous
  /// tile's last step is still using.
  uint64_t fillCycles = 0;
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
