//===- TileModel.cpp - SRAM tile choice for the accelerator path -----------===//
#include "TileModel.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace accel {
namespace {

uint64_t align64(uint64_t bytes) { return (bytes + 63) / 64 * 64; }
int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// The tile sizes a loop over `total` in steps of `tile` visits, with counts.
std::vector<std::pair<int64_t, int64_t>> tileSizes(int64_t total,
                                                   int64_t tile) {
  std::vector<std::pair<int64_t, int64_t>> sizes;
  if (total / tile)
    sizes.push_back({tile, total / tile});
  if (total % tile)
    sizes.push_back({total % tile, 1});
  return sizes;
}

uint64_t dmaCycles(const TargetDesc &desc, uint64_t bytes) {
  if (!bytes)
    return 0;
  return desc.dmaLatencyCycles +
         static_cast<uint64_t>(std::ceil(bytes / desc.dmaBytesPerCycle));
}

/// Candidate tile sizes along one dimension: `base` times powers of two,
/// and the whole dimension, capped by the 16-bit ISA row/column fields.
std::vector<int64_t> candidates(int64_t total, int64_t base) {
  std::vector<int64_t> out;
  for (int64_t t = base; t < total && t <= 4096; t *= 2)
    out.push_back(t);
  if (total <= 65535)
    out.push_back(total);
  return out;
}

/// DMA instructions and cycles that fill an mt x kt lhs tile.
uint64_t lhsLoadCycles(const TileProblem &p, const TargetDesc &desc,
                       int64_t mt, int64_t kt) {
  uint64_t bytes = uint64_t(mt) * kt * p.operandBytes;
  if (!p.convChannels)
    return dmaCycles(desc, bytes);
  // One load per tap and output-row segment (ignoring padding splits).
  uint64_t loads = uint64_t(kt / p.convChannels) *
                   uint64_t(ceilDiv(mt, p.convRowPixels) + 1);
  return loads * desc.dmaLatencyCycles +
         uint64_t(std::ceil(bytes / desc.dmaBytesPerCycle));
}

} // namespace

uint64_t TileCost::cycles() const {
  return std::max({computeCycles, loadCycles, storeCycles}) + fillCycles;
}

uint64_t scratchpadBytesFor(const TileProblem &p, const TileChoice &c) {
  uint64_t lhs = c.panel ? align64(uint64_t(c.mt) * p.k * p.operandBytes)
                         : align64(uint64_t(c.mt) * c.kt * p.operandBytes);
  uint64_t rhs = align64(uint64_t(c.kt) * c.nt * p.operandBytes);
  return 2 * (lhs + rhs);
}

uint64_t accumulatorBytesFor(const TileProblem &, const TileChoice &c) {
  return 2 * align64(uint64_t(c.mt) * c.nt * 4);
}

TileCost estimateTileCost(const TileProblem &p, const TileChoice &c,
                          const TargetDesc &desc) {
  TileCost cost;
  const int64_t R = desc.rows, C = desc.cols;
  bool ws = desc.dataflow == Dataflow::WeightStationary;
  for (auto [mt, mCount] : tileSizes(p.m, c.mt)) {
    for (auto [nt, nCount] : tileSizes(p.n, c.nt)) {
      uint64_t mn = uint64_t(mCount) * nCount;
      for (auto [kt, kCount] : tileSizes(p.k, c.kt)) {
        uint64_t steps = mn * kCount;
        uint64_t compute =
            ws ? uint64_t(ceilDiv(kt, R)) * ceilDiv(nt, C) *
                     (R + mt + R + C - 2)
               : uint64_t(ceilDiv(mt, R)) * ceilDiv(nt, C) *
                     (kt + 2 * R + C - 2);
        cost.computeCycles += steps * compute;
        uint64_t aBytes = uint64_t(mt) * kt * p.operandBytes;
        uint64_t bBytes = uint64_t(kt) * nt * p.operandBytes;
        uint64_t aLoads = c.panel ? 0 : steps; // a panel is counted below
        cost.loadCycles += aLoads * lhsLoadCycles(p, desc, mt, kt) +
                           steps * dmaCycles(desc, bBytes);
        cost.dramBytes += aLoads * aBytes + steps * bBytes;
      }
      // The k loop's two buffer slots restart at 0 in every (m, n) tile: with
      // an odd number of k steps the first load waits for the previous
      // tile's last step, which used the same slot.
      if (ceilDiv(p.k, c.kt) % 2 == 1) {
        int64_t kt = std::min(c.kt, p.k);
        cost.fillCycles +=
            mn * ((c.panel ? 0 : lhsLoadCycles(p, desc, mt, kt)) +
                  dmaCycles(desc, uint64_t(kt) * nt * p.operandBytes));
      }
      uint64_t outBytes = uint64_t(mt) * nt * p.outputBytes;
      cost.storeCycles += mn * dmaCycles(desc, outBytes);
      cost.dramBytes += mn * outBytes;
      if (p.hasBias) {
        cost.loadCycles += mn * dmaCycles(desc, uint64_t(nt) * 4);
        cost.dramBytes += mn * uint64_t(nt) * 4;
      }
    }
    if (c.panel) // once per m tile, in Kt slices
      for (auto [kt, kCount] : tileSizes(p.k, c.kt)) {
        uint64_t aBytes = uint64_t(mt) * kt * p.operandBytes;
        cost.loadCycles +=
            uint64_t(mCount) * kCount * lhsLoadCycles(p, desc, mt, kt);
        cost.dramBytes += uint64_t(mCount) * kCount * aBytes;
      }
  }
  return cost;
}

std::optional<TileChoice> chooseTiles(const TileProblem &p,
                                      const TargetDesc &desc) {
  std::optional<TileChoice> best;
  TileCost bestCost;
  for (int64_t mt : candidates(p.m, desc.rows))
    for (int64_t nt : candidates(p.n, desc.cols))
      for (int64_t kt :
           candidates(p.k, p.convChannels ? p.convChannels : desc.rows))
        for (bool panel : {false, true}) {
          // An im2col gather fills whole taps.
          if (p.convChannels && kt != p.k && kt % p.convChannels)
            continue;
          TileChoice c{mt, nt, kt, panel};
          if (scratchpadBytesFor(p, c) > desc.scratchpadBytes ||
              accumulatorBytesFor(p, c) > desc.accumulatorBytes)
            continue;
          TileCost cost = estimateTileCost(p, c, desc);
          auto key = [](const TileCost &t, const TileChoice &ch) {
            return std::make_tuple(t.cycles(), t.dramBytes,
                                   -(ch.mt * ch.nt * ch.kt));
          };
          if (!best || key(cost, c) < key(bestCost, *best)) {
            best = c;
            bestCost = cost;
          }
        }
  return best;
}

} // namespace accel
